package dev.orgkit.jdbc;

import dev.orgkit.EmailAddress;
import dev.orgkit.UserId;
import dev.orgkit.account.AccountId;
import dev.orgkit.invitation.Invitation;
import dev.orgkit.invitation.InvitationId;
import dev.orgkit.invitation.InvitationStatus;
import dev.orgkit.member.Role;
import dev.orgkit.spi.InvitationStore;
import dev.orgkit.spi.SecretHash;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Invitations ({@code orgkit_invitations}, keyed by (account id, invitation id)), with the hash of
 * each one's current token; unique indexes hold one PENDING invitation per (organization, email)
 * and one invitation per token hash. A page of pending invitations is a range of the account's
 * pending invitations in an index, by invitation id.
 */
final class JdbcInvitationStore extends JdbcStore implements InvitationStore {
    // Ends with a line break, so that SQL can follow it directly.
    private static final String COLUMNS = """
            account_id, invitation_id, email, role, invited_by, inviter_email, status, created_at, expires_at
            """;

    private final KeysetPage pendingPage;

    JdbcInvitationStore(Sql sql, boolean writable, KeysetPage pendingPage) {
        super(sql, writable);
        this.pendingPage = pendingPage;
    }

    /** The page of an organization's pending invitations for this dialect: a range of an index of them. */
    static KeysetPage pendingPage(Dialect dialect) {
        return KeysetPage.of(dialect, "SELECT " + COLUMNS
                + "FROM orgkit_invitations WHERE account_id = ? AND status = 'PENDING'",
                "account_id, status", "invitation_id");
    }

    @Override
    public Optional<Invitation> find(InvitationId id) {
        return sql.first("read an invitation", "SELECT " + COLUMNS + """
                 FROM orgkit_invitations WHERE invitation_id = ?""", this::invitation, id.value());
    }

    @Override
    public Optional<Invitation> findByTokenHash(SecretHash tokenHash) {
        return sql.first("find an invitation by its token", "SELECT " + COLUMNS + """
                 FROM orgkit_invitations WHERE token_hash = ?""", this::invitation, tokenHash.hex());
    }

    @Override
    public Optional<Invitation> pending(AccountId organizationId, EmailAddress email) {
        return sql.first("find a pending invitation", "SELECT " + COLUMNS + """
                 FROM orgkit_invitations WHERE account_id = ? AND email = ? AND status = 'PENDING'""",
                this::invitation, organizationId.value(), email.value());
    }

    @Override
    public List<Invitation> listPending(AccountId organizationId, Optional<InvitationId> after, int limit) {
        return sql.page("list pending invitations", pendingPage, this::invitation, organizationId.value(),
                after.map(InvitationId::value), limit);
    }

    @Override
    public long countPending(AccountId organizationId, Instant now) {
        // The range of the account's pending invitations in the index the pending page reads.
        return sql.first("count pending invitations", """
                SELECT COUNT(*) FROM orgkit_invitations
                WHERE account_id = ? AND status = 'PENDING' AND expires_at > ?""",
                row -> row.getLong(1), organizationId.value(), now).orElse(0L);
    }

    @Override
    public void insert(Invitation invitation, SecretHash tokenHash) {
        checkWritable();
        sql.update("insert an invitation", "INSERT INTO orgkit_invitations (" + COLUMNS + """
                , token_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                invitation.organizationId().value(), invitation.id().value(), invitation.email().value(),
                invitation.role().name(), invitation.invitedBy().value(), invitation.inviterEmail().value(),
                invitation.status().name(), invitation.createdAt(), invitation.expiresAt(), tokenHash.hex());
    }

    @Override
    public boolean updateStatus(Invitation invitation, InvitationStatus from, InvitationStatus to) {
        checkWritable();
        return sql.update("change an invitation's status", """
                UPDATE orgkit_invitations SET status = ?
                WHERE account_id = ? AND invitation_id = ? AND status = ?""",
                to.name(), invitation.organizationId().value(), invitation.id().value(), from.name()) == 1;
    }

    @Override
    public int revokeAllPending(AccountId organizationId) {
        checkWritable();
        return sql.update("revoke an organization's pending invitations", """
                UPDATE orgkit_invitations SET status = 'REVOKED' WHERE account_id = ? AND status = 'PENDING'""",
                organizationId.value());
    }

    @Override
    public int pseudonymize(UserId inviter, Set<EmailAddress> emails, EmailAddress pseudonym) {
        checkWritable();
        int changed = sql.update("pseudonymize the inviter of invitations",
                "UPDATE orgkit_invitations SET inviter_email = ? WHERE invited_by = ?", pseudonym.value(), inviter.value());
        if (emails.isEmpty()) {
            return changed;
        }
        List<Object> parameters = new ArrayList<>();
        parameters.add(pseudonym.value());
        emails.forEach(email -> parameters.add(email.value()));
        return changed + sql.update("pseudonymize the invitee of past invitations",
                "UPDATE orgkit_invitations SET email = ? WHERE status <> 'PENDING' AND email IN ("
                        + String.join(", ", Collections.nCopies(emails.size(), "?")) + ")",
                parameters.toArray());
    }

    @Override
    public void replaceToken(InvitationId id, SecretHash tokenHash) {
        checkWritable();
        sql.update("replace an invitation's token", """
                UPDATE orgkit_invitations SET token_hash = ? WHERE invitation_id = ?""", tokenHash.hex(), id.value());
    }

    @Override
    public void updateExpiry(InvitationId id, Instant expiresAt) {
        checkWritable();
        sql.update("change an invitation's expiry", """
                UPDATE orgkit_invitations SET expires_at = ? WHERE invitation_id = ?""", expiresAt, id.value());
    }

    private Invitation invitation(ResultSet row) throws SQLException {
        return new Invitation(InvitationId.of(row.getString("invitation_id")),
                AccountId.of(row.getString("account_id")), EmailAddress.of(row.getString("email")),
                Role.valueOf(row.getString("role")), UserId.of(row.getString("invited_by")),
                EmailAddress.of(row.getString("inviter_email")), InvitationStatus.valueOf(row.getString("status")),
                dialect.getInstant(row, "created_at"), dialect.getInstant(row, "expires_at"));
    }
}
