package dev.orgkit.jdbc;

import dev.orgkit.EmailAddress;
import dev.orgkit.account.AccountId;
import dev.orgkit.delivery.DeliveryStatus;
import dev.orgkit.delivery.NoticeKind;
import dev.orgkit.spi.NoticeRecord;
import dev.orgkit.spi.NoticeStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outbox of account notices ({@code orgkit_notices}, one row per (account, kind, subject)). A
 * claim is one conditional {@code UPDATE}, as for invitation deliveries: of two transactions claiming
 * at once, the second waits for the first's row lock and then finds the condition false.
 */
final class JdbcNoticeStore extends JdbcStore implements NoticeStore {
    // Ends with a line break, so that SQL can follow it directly.
    private static final String COLUMNS = """
            account_id, kind, subject, status, attempts, next_attempt_at, last_attempt_at, last_error, claim_id,
            claimed_until
            """;

    JdbcNoticeStore(Sql sql, boolean writable) {
        super(sql, writable);
    }

    @Override
    public Optional<NoticeRecord> find(AccountId accountId, NoticeKind kind, String subject) {
        return sql.first("read a notice", "SELECT " + COLUMNS + """
                 FROM orgkit_notices WHERE account_id = ? AND kind = ? AND subject = ?""",
                this::notice, accountId.value(), kind.name(), subject);
    }

    @Override
    public List<NoticeRecord> due(Instant now, int limit) {
        return sql.list("list due notices", "SELECT " + COLUMNS + """
                 FROM orgkit_notices
                WHERE status IN ('PENDING', 'FAILED') AND next_attempt_at <= ?
                  AND (claimed_until IS NULL OR claimed_until <= ?)
                ORDER BY next_attempt_at, account_id, kind, subject LIMIT ?""", this::notice, now, now, limit);
    }

    @Override
    public void insert(NoticeRecord notice) {
        checkWritable();
        sql.update("insert a notice", "INSERT INTO orgkit_notices (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                notice.accountId().value(), notice.kind().name(), notice.subject(), notice.status().name(),
                notice.attempts(), notice.nextAttemptAt(), Sql.instant(notice.lastAttemptAt()), notice.lastError(),
                notice.claimId(), Sql.instant(notice.claimedUntil()));
    }

    @Override
    public int pseudonymizeErrors(EmailAddress email, String pseudonym) {
        return pseudonymizeText("orgkit_notices", "last_error", 1000, email, pseudonym);
    }

    @Override
    public boolean claim(AccountId accountId, NoticeKind kind, String subject, String claimId, Instant now,
            Instant claimedUntil) {
        checkWritable();
        return sql.update("claim a notice", """
                UPDATE orgkit_notices
                SET claim_id = ?, claimed_until = ?, attempts = attempts + 1, last_attempt_at = ?
                WHERE account_id = ? AND kind = ? AND subject = ?
                  AND status IN ('PENDING', 'FAILED') AND next_attempt_at <= ?
                  AND (claimed_until IS NULL OR claimed_until <= ?)""",
                claimId, claimedUntil, now, accountId.value(), kind.name(), subject, now, now) == 1;
    }

    @Override
    public boolean settle(NoticeRecord settled, String claimId) {
        checkWritable();
        return sql.update("settle a notice", """
                UPDATE orgkit_notices
                SET status = ?, attempts = ?, next_attempt_at = ?, last_attempt_at = ?, last_error = ?,
                    claim_id = ?, claimed_until = ?
                WHERE account_id = ? AND kind = ? AND subject = ? AND claim_id = ?""",
                settled.status().name(), settled.attempts(), settled.nextAttemptAt(),
                Sql.instant(settled.lastAttemptAt()), settled.lastError(), settled.claimId(),
                Sql.instant(settled.claimedUntil()), settled.accountId().value(), settled.kind().name(),
                settled.subject(), claimId) == 1;
    }

    private NoticeRecord notice(ResultSet row) throws SQLException {
        return new NoticeRecord(AccountId.of(row.getString("account_id")), NoticeKind.valueOf(row.getString("kind")),
                row.getString("subject"), DeliveryStatus.valueOf(row.getString("status")), row.getInt("attempts"),
                dialect.getInstant(row, "next_attempt_at"), dialect.getOptionalInstant(row, "last_attempt_at"),
                Optional.ofNullable(row.getString("last_error")), Optional.ofNullable(row.getString("claim_id")),
                dialect.getOptionalInstant(row, "claimed_until"));
    }
}
