package dev.orgkit.jdbc;

import dev.orgkit.EmailAddress;
import dev.orgkit.account.AccountId;
import dev.orgkit.delivery.DeliveryStatus;
import dev.orgkit.invitation.InvitationId;
import dev.orgkit.spi.DeliveryRecord;
import dev.orgkit.spi.DeliveryStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The invitation mail outbox ({@code orgkit_invitation_deliveries}, one row per invitation). A claim
 * is one conditional {@code UPDATE}: of two transactions claiming at once, the second waits for the
 * first's row lock and then finds the condition false.
 */
final class JdbcDeliveryStore extends JdbcStore implements DeliveryStore {
    // Ends with a line break, so that SQL can follow it directly.
    private static final String COLUMNS = """
            account_id, invitation_id, status, attempts, next_attempt_at, last_attempt_at, last_error,
            claim_id, claimed_until
            """;
    /** Replaces a delivery row; its parameters are {@link #values}, in order. */
    private static final String REPLACE = """
            UPDATE orgkit_invitation_deliveries
            SET status = ?, attempts = ?, next_attempt_at = ?, last_attempt_at = ?, last_error = ?,
                claim_id = ?, claimed_until = ?
            WHERE account_id = ? AND invitation_id = ?""";

    JdbcDeliveryStore(Sql sql, boolean writable) {
        super(sql, writable);
    }

    @Override
    public Optional<DeliveryRecord> find(InvitationId invitationId) {
        return sql.first("read an invitation's delivery", "SELECT " + COLUMNS + """
                 FROM orgkit_invitation_deliveries WHERE invitation_id = ?""", this::delivery, invitationId.value());
    }

    @Override
    public List<DeliveryRecord> due(Instant now, int limit) {
        return sql.list("list due deliveries", "SELECT " + COLUMNS + """
                 FROM orgkit_invitation_deliveries
                WHERE status IN ('PENDING', 'FAILED') AND next_attempt_at <= ?
                  AND (claimed_until IS NULL OR claimed_until <= ?)
                ORDER BY next_attempt_at, invitation_id LIMIT ?""", this::delivery, now, now, limit);
    }

    @Override
    public void put(DeliveryRecord delivery) {
        checkWritable();
        // The caller holds the organization's lock: nobody inserts this delivery between the two statements.
        int updated = sql.update("replace an invitation's delivery", REPLACE, values(delivery));
        if (updated == 0) {
            sql.update("insert an invitation's delivery", "INSERT INTO orgkit_invitation_deliveries ("
                    + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    delivery.organizationId().value(), delivery.invitationId().value(), delivery.status().name(),
                    delivery.attempts(), delivery.nextAttemptAt(), Sql.instant(delivery.lastAttemptAt()),
                    delivery.lastError(), delivery.claimId(), Sql.instant(delivery.claimedUntil()));
        }
    }

    @Override
    public int cancelAll(AccountId organizationId, String why) {
        checkWritable();
        return sql.update("give up an organization's deliveries", """
                UPDATE orgkit_invitation_deliveries
                SET status = 'GIVEN_UP', last_error = ?, claim_id = NULL, claimed_until = NULL
                WHERE account_id = ? AND status IN ('PENDING', 'FAILED')""", why, organizationId.value());
    }

    @Override
    public int pseudonymizeErrors(EmailAddress email, String pseudonym) {
        return pseudonymizeText("orgkit_invitation_deliveries", "last_error", 1000, email, pseudonym);
    }

    @Override
    public boolean claim(InvitationId invitationId, String claimId, Instant now, Instant claimedUntil) {
        checkWritable();
        return sql.update("claim an invitation's delivery", """
                UPDATE orgkit_invitation_deliveries
                SET claim_id = ?, claimed_until = ?, attempts = attempts + 1, last_attempt_at = ?
                WHERE invitation_id = ? AND status IN ('PENDING', 'FAILED') AND next_attempt_at <= ?
                  AND (claimed_until IS NULL OR claimed_until <= ?)""",
                claimId, claimedUntil, now, invitationId.value(), now, now) == 1;
    }

    @Override
    public boolean settle(DeliveryRecord settled, String claimId) {
        checkWritable();
        Object[] values = values(settled);
        Object[] parameters = Arrays.copyOf(values, values.length + 1);
        parameters[values.length] = claimId;
        return sql.update("settle an invitation's delivery", REPLACE + " AND claim_id = ?", parameters) == 1;
    }

    /** The values of a delivery in the order of the SET list of {@link #REPLACE}, then its key. */
    private static Object[] values(DeliveryRecord delivery) {
        return new Object[] {delivery.status().name(), delivery.attempts(), delivery.nextAttemptAt(),
            Sql.instant(delivery.lastAttemptAt()), delivery.lastError(), delivery.claimId(),
            Sql.instant(delivery.claimedUntil()), delivery.organizationId().value(), delivery.invitationId().value()};
    }

    private DeliveryRecord delivery(ResultSet row) throws SQLException {
        return new DeliveryRecord(InvitationId.of(row.getString("invitation_id")),
                AccountId.of(row.getString("account_id")), DeliveryStatus.valueOf(row.getString("status")),
                row.getInt("attempts"), dialect.getInstant(row, "next_attempt_at"),
                dialect.getOptionalInstant(row, "last_attempt_at"), Optional.ofNullable(row.getString("last_error")),
                Optional.ofNullable(row.getString("claim_id")), dialect.getOptionalInstant(row, "claimed_until"));
    }
}
