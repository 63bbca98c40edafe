package dev.orgkit.jdbc;

import dev.orgkit.UserId;
import dev.orgkit.account.AccountId;
import dev.orgkit.spi.SupportStore;
import dev.orgkit.support.SupportAction;
import dev.orgkit.support.SupportRequest;
import dev.orgkit.support.SupportRequestId;
import dev.orgkit.support.SupportRequestStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Support requests ({@code orgkit_support_requests}, keyed by (account id, request id); a unique
 * index holds one PENDING request per (organization, target, action)). The support queue pages
 * through every organization's requests by status and id.
 */
final class JdbcSupportStore extends JdbcStore implements SupportStore {
    // Ends with a line break, so that SQL can follow it directly.
    private static final String COLUMNS = """
            account_id, request_id, action, target_user_id, requested_by, reason, status, created_at, expires_at,
            decided_by, decided_at, ticket, why
            """;

    JdbcSupportStore(Sql sql, boolean writable) {
        super(sql, writable);
    }

    @Override
    public Optional<SupportRequest> find(SupportRequestId id) {
        return sql.first("read a support request", "SELECT " + COLUMNS + """
                 FROM orgkit_support_requests WHERE request_id = ?""", this::supportRequest, id.value());
    }

    @Override
    public Optional<SupportRequest> pending(AccountId organizationId, UserId targetUserId, SupportAction action) {
        return sql.first("find a pending support request", "SELECT " + COLUMNS + """
                 FROM orgkit_support_requests
                WHERE account_id = ? AND target_user_id = ? AND action = ? AND status = 'PENDING'""",
                this::supportRequest, organizationId.value(), targetUserId.value(), action.name());
    }

    @Override
    public List<SupportRequest> list(SupportRequestStatus status, Instant now, Optional<SupportRequestId> after,
            int limit) {
        List<Object> parameters = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE ");
        switch (status) {
            case PENDING -> where.append("status = 'PENDING' AND expires_at > ?");
            case EXPIRED -> where.append("(status = 'EXPIRED' OR (status = 'PENDING' AND expires_at <= ?))");
            default -> where.append("status = ?");
        }
        parameters.add(status == SupportRequestStatus.PENDING || status == SupportRequestStatus.EXPIRED
                ? now : status.name());
        after.ifPresent(id -> {
            where.append(" AND request_id > ?");
            parameters.add(id.value());
        });
        parameters.add(limit);
        return sql.list("list support requests", "SELECT " + COLUMNS + " FROM orgkit_support_requests"
                + where + " ORDER BY request_id LIMIT ?", this::supportRequest, parameters.toArray());
    }

    @Override
    public void insert(SupportRequest request) {
        checkWritable();
        sql.update("insert a support request", "INSERT INTO orgkit_support_requests (" + COLUMNS + """
                ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                request.organizationId().value(), request.id().value(), request.action().name(),
                request.targetUserId().value(), request.requestedBy().value(), request.reason(),
                request.status().name(), request.createdAt(), request.expiresAt(), request.decidedBy(),
                request.decidedAt(), request.ticket(), request.why());
    }

    @Override
    public boolean update(SupportRequest updated, SupportRequestStatus from) {
        checkWritable();
        return sql.update("decide a support request", """
                UPDATE orgkit_support_requests
                SET status = ?, decided_by = ?, decided_at = ?, ticket = ?, why = ?
                WHERE account_id = ? AND request_id = ? AND status = ?""",
                updated.status().name(), updated.decidedBy(), updated.decidedAt(), updated.ticket(), updated.why(),
                updated.organizationId().value(), updated.id().value(), from.name()) == 1;
    }

    private SupportRequest supportRequest(ResultSet row) throws SQLException {
        return new SupportRequest(SupportRequestId.of(row.getString("request_id")),
                AccountId.of(row.getString("account_id")), SupportAction.valueOf(row.getString("action")),
                UserId.of(row.getString("target_user_id")), UserId.of(row.getString("requested_by")),
                row.getString("reason"), SupportRequestStatus.valueOf(row.getString("status")),
                dialect.getInstant(row, "created_at"), dialect.getInstant(row, "expires_at"),
                Optional.ofNullable(row.getString("decided_by")), dialect.getOptionalInstant(row, "decided_at"),
                Optional.ofNullable(row.getString("ticket")), Optional.ofNullable(row.getString("why")));
    }
}
