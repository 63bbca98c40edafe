package dev.orgkit.jdbc;

import dev.orgkit.EmailAddress;
import dev.orgkit.UserId;
import dev.orgkit.account.Account;
import dev.orgkit.account.AccountId;
import dev.orgkit.account.AccountKind;
import dev.orgkit.account.Organization;
import dev.orgkit.account.PersonalAccount;
import dev.orgkit.apikey.ApiKey;
import dev.orgkit.apikey.ApiKeyId;
import dev.orgkit.apikey.Environment;
import dev.orgkit.apikey.KeyUsage;
import dev.orgkit.audit.Actor;
import dev.orgkit.audit.AuditAction;
import dev.orgkit.audit.AuditEvent;
import dev.orgkit.audit.AuditQuery;
import dev.orgkit.delivery.DeliveryStatus;
import dev.orgkit.invitation.Invitation;
import dev.orgkit.invitation.InvitationId;
import dev.orgkit.invitation.InvitationStatus;
import dev.orgkit.member.Membership;
import dev.orgkit.member.Role;
import dev.orgkit.spi.ApiKeyRecord;
import dev.orgkit.spi.DeliveryRecord;
import dev.orgkit.spi.SecretHash;
import dev.orgkit.spi.UsageIncrement;
import dev.orgkit.spi.WriteTransaction;
import dev.orgkit.support.SupportAction;
import dev.orgkit.support.SupportRequest;
import dev.orgkit.support.SupportRequestId;
import dev.orgkit.support.SupportRequestStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * One JDBC transaction: every read and write of the storage SPI as one SQL statement (two for
 * inserting a personal account), on the connection {@link JdbcStorage} opened for it. Lists are
 * keyset range scans on the primary key of the account's rows.
 */
final class JdbcTransaction implements WriteTransaction {
    // Each list of columns ends with a line break, so that SQL can follow it directly.
    private static final String ACCOUNT_COLUMNS = """
            account_id, kind, owner_id, account_name, legal_name, alerting_email, invoicing_email,
            created_by, created_at, version
            """;
    private static final String MEMBERSHIP_COLUMNS = """
            account_id, user_id, email, role, joined_at
            """;
    private static final String INVITATION_COLUMNS = """
            account_id, invitation_id, email, role, invited_by, inviter_email, status, created_at, expires_at
            """;
    private static final String API_KEY_COLUMNS = """
            account_id, key_id, name, environment, hint, created_by, created_at, last_used_at, expires_at,
            revoked_at, rolled_to, key_hash
            """;
    /** The verification lookup: one unique-index read by the key's hash. */
    static final String API_KEY_BY_HASH = "SELECT " + API_KEY_COLUMNS + "FROM orgkit_api_keys WHERE key_hash = ?";
    private static final String DELIVERY_COLUMNS = """
            account_id, invitation_id, status, attempts, next_attempt_at, last_attempt_at, last_error,
            claim_id, claimed_until
            """;
    private static final String AUDIT_COLUMNS = """
            account_id, event_id, actor_kind, actor_id, actor_ticket, action, target, details, at
            """;
    private static final String SUPPORT_COLUMNS = """
            account_id, request_id, action, target_user_id, requested_by, reason, status, created_at, expires_at,
            decided_by, decided_at, ticket, why
            """;

    private final Sql sql;
    private final Dialect dialect;
    private final Pages pages;
    private final boolean writable;
    private boolean changedApiKeys;

    JdbcTransaction(Sql sql, Pages pages, boolean writable) {
        this.sql = sql;
        this.dialect = sql.dialect();
        this.pages = pages;
        this.writable = writable;
    }

    // ---- reads ----

    @Override
    public Optional<Account> account(AccountId id) {
        return sql.first("read an account", "SELECT " + ACCOUNT_COLUMNS + "FROM orgkit_accounts WHERE account_id = ?",
                this::account, id.value());
    }

    @Override
    public Optional<PersonalAccount> personalAccountOf(UserId owner) {
        Optional<String> id = sql.first("find a personal account", """
                SELECT account_id FROM orgkit_personal_accounts WHERE owner_id = ?""",
                row -> row.getString(1), owner.value());
        return id.flatMap(accountId -> account(AccountId.of(accountId)))
                .filter(PersonalAccount.class::isInstance)
                .map(PersonalAccount.class::cast);
    }

    @Override
    public Optional<Membership> membership(AccountId organizationId, UserId userId) {
        return sql.first("read a membership", "SELECT " + MEMBERSHIP_COLUMNS + """
                 FROM orgkit_memberships WHERE account_id = ? AND user_id = ?""",
                this::membership, organizationId.value(), userId.value());
    }

    @Override
    public boolean hasMemberWithEmail(AccountId organizationId, EmailAddress email) {
        return sql.first("look up a member by email", """
                SELECT 1 FROM orgkit_memberships WHERE account_id = ? AND email = ? LIMIT 1""",
                row -> Boolean.TRUE, organizationId.value(), email.value()).isPresent();
    }

    /**
     * The keyset page queries, built once per dialect: each pages through an index that leads with
     * the account id, and orders as the dialect needs to read that index in order without sorting.
     */
    record Pages(String membersFirst, String membersNext, String pendingFirst, String pendingNext) {

        static Pages of(Dialect dialect) {
            String members = dialect.keysetOrder("account_id", "user_id");
            String pending = dialect.keysetOrder("account_id, status", "invitation_id");
            return new Pages(
                    ("SELECT " + MEMBERSHIP_COLUMNS + """
                    FROM orgkit_memberships WHERE account_id = ?
                    ORDER BY %s LIMIT ?""").formatted(members),
                    ("SELECT " + MEMBERSHIP_COLUMNS + """
                    FROM orgkit_memberships WHERE account_id = ? AND user_id > ?
                    ORDER BY %s LIMIT ?""").formatted(members),
                    ("SELECT " + INVITATION_COLUMNS + """
                    FROM orgkit_invitations WHERE account_id = ? AND status = 'PENDING'
                    ORDER BY %s LIMIT ?""").formatted(pending),
                    ("SELECT " + INVITATION_COLUMNS + """
                    FROM orgkit_invitations WHERE account_id = ? AND status = 'PENDING' AND invitation_id > ?
                    ORDER BY %s LIMIT ?""").formatted(pending));
        }
    }

    @Override
    public List<Membership> memberships(AccountId organizationId, Optional<UserId> after, int limit) {
        if (after.isEmpty()) {
            return sql.list("list members", pages.membersFirst(), this::membership, organizationId.value(), limit);
        }
        return sql.list("list members", pages.membersNext(), this::membership, organizationId.value(),
                after.get().value(), limit);
    }

    @Override
    public List<Membership> membershipsOf(UserId userId) {
        return sql.list("list a user's memberships", "SELECT " + MEMBERSHIP_COLUMNS + """
                 FROM orgkit_memberships WHERE user_id = ?""", this::membership, userId.value());
    }

    @Override
    public long countMembers(AccountId organizationId, Role role) {
        return sql.first("count members", """
                SELECT COUNT(*) FROM orgkit_memberships WHERE account_id = ? AND role = ?""",
                row -> row.getLong(1), organizationId.value(), role.name()).orElse(0L);
    }

    @Override
    public Optional<Invitation> invitation(InvitationId id) {
        return sql.first("read an invitation", "SELECT " + INVITATION_COLUMNS + """
                 FROM orgkit_invitations WHERE invitation_id = ?""", this::invitation, id.value());
    }

    @Override
    public Optional<Invitation> invitationByTokenHash(SecretHash tokenHash) {
        return sql.first("find an invitation by its token", "SELECT " + INVITATION_COLUMNS + """
                 FROM orgkit_invitations WHERE token_hash = ?""", this::invitation, tokenHash.hex());
    }

    @Override
    public Optional<Invitation> pendingInvitation(AccountId organizationId, EmailAddress email) {
        return sql.first("find a pending invitation", "SELECT " + INVITATION_COLUMNS + """
                 FROM orgkit_invitations WHERE account_id = ? AND email = ? AND status = 'PENDING'""",
                this::invitation, organizationId.value(), email.value());
    }

    @Override
    public List<Invitation> pendingInvitations(AccountId organizationId, Optional<InvitationId> after, int limit) {
        if (after.isEmpty()) {
            return sql.list("list pending invitations", pages.pendingFirst(), this::invitation, organizationId.value(),
                    limit);
        }
        return sql.list("list pending invitations", pages.pendingNext(), this::invitation, organizationId.value(),
                after.get().value(), limit);
    }

    @Override
    public Optional<AccountId> activeAccount(UserId userId) {
        return sql.first("read the active account", """
                SELECT account_id FROM orgkit_active_accounts WHERE user_id = ?""",
                row -> AccountId.of(row.getString(1)), userId.value());
    }

    @Override
    public Optional<SupportRequest> supportRequest(SupportRequestId id) {
        return sql.first("read a support request", "SELECT " + SUPPORT_COLUMNS + """
                 FROM orgkit_support_requests WHERE request_id = ?""", this::supportRequest, id.value());
    }

    @Override
    public Optional<SupportRequest> pendingSupportRequest(AccountId organizationId, UserId targetUserId,
            SupportAction action) {
        return sql.first("find a pending support request", "SELECT " + SUPPORT_COLUMNS + """
                 FROM orgkit_support_requests
                WHERE account_id = ? AND target_user_id = ? AND action = ? AND status = 'PENDING'""",
                this::supportRequest, organizationId.value(), targetUserId.value(), action.name());
    }

    @Override
    public List<SupportRequest> supportRequests(SupportRequestStatus status, Instant now,
            Optional<SupportRequestId> after, int limit) {
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
        return sql.list("list support requests", "SELECT " + SUPPORT_COLUMNS + " FROM orgkit_support_requests"
                + where + " ORDER BY request_id LIMIT ?", this::supportRequest, parameters.toArray());
    }

    @Override
    public List<AuditEvent> auditEvents(AccountId accountId, AuditQuery query, Optional<String> before, int limit) {
        List<Object> parameters = new ArrayList<>();
        parameters.add(accountId.value());
        parameters.addAll(query.actions().stream().map(Enum::name).sorted().toList());
        query.actorKind().ifPresent(kind -> parameters.add(kind.name()));
        query.actorId().ifPresent(parameters::add);
        query.from().ifPresent(parameters::add);
        query.until().ifPresent(parameters::add);
        before.ifPresent(parameters::add);
        parameters.add(limit);
        return sql.list("list audit events", auditPage(dialect, query, before.isPresent()), this::auditEvent,
                parameters.toArray());
    }

    /**
     * The audit page query for {@code query}, newest first, after a cursor if {@code after}: a range of
     * the primary key (account id, event id), whatever the filters. Its parameters, in order: the
     * account id, the actions (sorted by name), actor kind, actor id, from, until, the cursor, the limit.
     */
    static String auditPage(Dialect dialect, AuditQuery query, boolean after) {
        StringBuilder where = new StringBuilder(" WHERE account_id = ?");
        if (!query.actions().isEmpty()) {
            where.append(" AND action IN (").append(String.join(", ", Collections.nCopies(query.actions().size(), "?")))
                    .append(')');
        }
        query.actorKind().ifPresent(kind -> where.append(" AND actor_kind = ?"));
        query.actorId().ifPresent(id -> where.append(" AND actor_id = ?"));
        query.from().ifPresent(from -> where.append(" AND at >= ?"));
        query.until().ifPresent(until -> where.append(" AND at < ?"));
        if (after) {
            where.append(" AND event_id < ?");
        }
        return "SELECT " + AUDIT_COLUMNS + " FROM orgkit_audit_events" + where
                + " ORDER BY " + dialect.keysetOrder("account_id DESC", "event_id DESC") + " LIMIT ?";
    }

    @Override
    public Optional<DeliveryRecord> delivery(InvitationId invitationId) {
        return sql.first("read an invitation's delivery", "SELECT " + DELIVERY_COLUMNS + """
                 FROM orgkit_invitation_deliveries WHERE invitation_id = ?""", this::delivery, invitationId.value());
    }

    @Override
    public List<DeliveryRecord> dueDeliveries(Instant now, int limit) {
        return sql.list("list due deliveries", "SELECT " + DELIVERY_COLUMNS + """
                 FROM orgkit_invitation_deliveries
                WHERE status IN ('PENDING', 'FAILED') AND next_attempt_at <= ?
                  AND (claimed_until IS NULL OR claimed_until <= ?)
                ORDER BY next_attempt_at, invitation_id LIMIT ?""", this::delivery, now, now, limit);
    }

    // ---- writes ----

    @Override
    public Optional<Account> lockAccount(AccountId id) {
        writable();
        return sql.first("lock an account", "SELECT " + ACCOUNT_COLUMNS + """
                 FROM orgkit_accounts WHERE account_id = ? FOR UPDATE""", this::account, id.value());
    }

    @Override
    public boolean insertPersonalAccount(PersonalAccount account) {
        writable();
        boolean inserted = sql.insertUnlessDuplicate("insert a personal account", """
                INSERT INTO orgkit_personal_accounts (owner_id, account_id) VALUES (?, ?)""",
                account.owner().value(), account.id().value());
        if (inserted) {
            sql.update("insert a personal account", """
                    INSERT INTO orgkit_accounts (account_id, kind, owner_id, created_at, version)
                    VALUES (?, 'PERSONAL', ?, ?, 1)""", account.id().value(), account.owner().value(), account.createdAt());
        }
        return inserted;
    }

    @Override
    public void insertOrganization(Organization organization) {
        writable();
        sql.update("insert an organization", """
                INSERT INTO orgkit_accounts (account_id, kind, account_name, legal_name, alerting_email,
                    invoicing_email, created_by, created_at, version)
                VALUES (?, 'ORGANIZATION', ?, ?, ?, ?, ?, ?, ?)""",
                organization.id().value(), organization.accountName(), organization.legalName(),
                organization.alertingEmail().value(), organization.invoicingEmail().value(),
                organization.createdBy().value(), organization.createdAt(), organization.version());
    }

    @Override
    public boolean updateOrganization(Organization updated, long expectedVersion) {
        writable();
        return sql.update("update an organization", """
                UPDATE orgkit_accounts
                SET legal_name = ?, alerting_email = ?, invoicing_email = ?, version = ?
                WHERE account_id = ? AND kind = 'ORGANIZATION' AND version = ?""",
                updated.legalName(), updated.alertingEmail().value(), updated.invoicingEmail().value(),
                updated.version(), updated.id().value(), expectedVersion) == 1;
    }

    @Override
    public void insertMembership(Membership membership) {
        writable();
        sql.update("insert a membership", "INSERT INTO orgkit_memberships (" + MEMBERSHIP_COLUMNS + """
                ) VALUES (?, ?, ?, ?, ?)""", membership.organizationId().value(), membership.userId().value(),
                membership.email().value(), membership.role().name(), membership.joinedAt());
    }

    @Override
    public void updateRole(AccountId organizationId, UserId userId, Role role) {
        writable();
        sql.update("change a member's role", """
                UPDATE orgkit_memberships SET role = ? WHERE account_id = ? AND user_id = ?""",
                role.name(), organizationId.value(), userId.value());
    }

    @Override
    public boolean deleteMembership(AccountId organizationId, UserId userId) {
        writable();
        return sql.update("delete a membership", """
                DELETE FROM orgkit_memberships WHERE account_id = ? AND user_id = ?""",
                organizationId.value(), userId.value()) > 0;
    }

    @Override
    public void insertInvitation(Invitation invitation, SecretHash tokenHash) {
        writable();
        sql.update("insert an invitation", "INSERT INTO orgkit_invitations (" + INVITATION_COLUMNS + """
                , token_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                invitation.organizationId().value(), invitation.id().value(), invitation.email().value(),
                invitation.role().name(), invitation.invitedBy().value(), invitation.inviterEmail().value(),
                invitation.status().name(), invitation.createdAt(), invitation.expiresAt(), tokenHash.hex());
    }

    @Override
    public boolean updateInvitationStatus(Invitation invitation, InvitationStatus from, InvitationStatus to) {
        writable();
        return sql.update("change an invitation's status", """
                UPDATE orgkit_invitations SET status = ?
                WHERE account_id = ? AND invitation_id = ? AND status = ?""",
                to.name(), invitation.organizationId().value(), invitation.id().value(), from.name()) == 1;
    }

    @Override
    public void appendAudit(AuditEvent event) {
        writable();
        sql.update("append an audit event", "INSERT INTO orgkit_audit_events (" + AUDIT_COLUMNS + """
                ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                event.accountId().value(), event.id(), event.actor().kind().name(), event.actor().id(),
                event.actor().ticket(), event.action().name(), event.target(), AuditDetails.encode(event.details()),
                event.at());
    }

    @Override
    public void setActiveAccount(UserId userId, Optional<AccountId> accountId) {
        writable();
        if (accountId.isPresent()) {
            sql.update("remember the active account", dialect.upsertActiveAccount(),
                    userId.value(), accountId.get().value());
        } else {
            sql.update("forget the active account", "DELETE FROM orgkit_active_accounts WHERE user_id = ?",
                    userId.value());
        }
    }

    // ---- API keys ----

    @Override
    public Optional<ApiKey> apiKey(ApiKeyId id) {
        return sql.first("read an API key", "SELECT " + API_KEY_COLUMNS + "FROM orgkit_api_keys WHERE key_id = ?",
                row -> apiKeyRecord(row, dialect).apiKey(), id.value());
    }

    @Override
    public Optional<ApiKeyRecord> apiKeyByHash(SecretHash hash) {
        return sql.first("find an API key by its hash", API_KEY_BY_HASH, row -> apiKeyRecord(row, dialect), hash.hex());
    }

    @Override
    public List<ApiKey> apiKeys(AccountId accountId, Optional<ApiKeyId> after, int limit) {
        // Ordered by the whole primary key, so the page is a range of it, not a walk of the global key_id index.
        String order = " ORDER BY " + dialect.keysetOrder("account_id", "key_id") + " LIMIT ?";
        if (after.isEmpty()) {
            return sql.list("list API keys", "SELECT " + API_KEY_COLUMNS + "FROM orgkit_api_keys WHERE account_id = ?"
                    + order, row -> apiKeyRecord(row, dialect).apiKey(), accountId.value(), limit);
        }
        return sql.list("list API keys", "SELECT " + API_KEY_COLUMNS
                + "FROM orgkit_api_keys WHERE account_id = ? AND key_id > ?" + order,
                row -> apiKeyRecord(row, dialect).apiKey(), accountId.value(), after.get().value(), limit);
    }

    @Override
    public List<KeyUsage> keyUsage(AccountId accountId, LocalDate from, LocalDate to) {
        return sql.list("read API usage", """
                SELECT usage_day, key_id, requests FROM orgkit_api_key_usage
                WHERE account_id = ? AND usage_day >= ? AND usage_day <= ?
                ORDER BY usage_day, key_id""",
                row -> new KeyUsage(ApiKeyId.of(row.getString("key_id")), row.getObject("usage_day", LocalDate.class),
                        row.getLong("requests")),
                accountId.value(), from, to);
    }

    @Override
    public void insertApiKey(ApiKey key, SecretHash hash) {
        writable();
        sql.update("insert an API key", "INSERT INTO orgkit_api_keys (" + API_KEY_COLUMNS + """
                ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                key.accountId().value(), key.id().value(), key.name(), key.environment().name(), key.hint(),
                key.createdBy().value(), key.createdAt(), Sql.instant(key.lastUsedAt()), Sql.instant(key.expiresAt()),
                Sql.instant(key.revokedAt()), key.rolledTo().map(ApiKeyId::value), hash.hex());
    }

    @Override
    public boolean revokeApiKey(ApiKeyId id, Instant at) {
        writable();
        changedApiKeys = true;
        return sql.update("revoke an API key", """
                UPDATE orgkit_api_keys SET revoked_at = ? WHERE key_id = ? AND revoked_at IS NULL""",
                at, id.value()) == 1;
    }

    @Override
    public boolean markApiKeyRolled(ApiKeyId id, ApiKeyId successor, Instant expiresAt) {
        writable();
        changedApiKeys = true;
        return sql.update("mark an API key rolled", """
                UPDATE orgkit_api_keys SET rolled_to = ?, expires_at = ? WHERE key_id = ? AND rolled_to IS NULL""",
                successor.value(), expiresAt, id.value()) == 1;
    }

    @Override
    public void addUsage(List<UsageIncrement> batch) {
        writable();
        List<Object[]> counts = new ArrayList<>(batch.size());
        List<Object[]> lastUses = new ArrayList<>(batch.size());
        for (UsageIncrement increment : batch) {
            String accountId = increment.accountId().value();
            String keyId = increment.keyId().value();
            counts.add(new Object[] {increment.day(), increment.requests(), accountId, keyId});
            Instant lastUsedAt = Sql.stored(increment.lastUsedAt());
            lastUses.add(new Object[] {lastUsedAt, accountId, keyId, lastUsedAt});
        }
        sql.batch("add API usage", dialect.addUsage(), counts);
        sql.batch("record when API keys were last used", """
                UPDATE orgkit_api_keys SET last_used_at = ?
                WHERE account_id = ? AND key_id = ? AND (last_used_at IS NULL OR last_used_at < ?)""", lastUses);
    }

    /** Whether this transaction revoked a key or changed an expiry: a verification cache must forget what it holds. */
    boolean changedApiKeys() {
        return changedApiKeys;
    }

    @Override
    public void insertSupportRequest(SupportRequest request) {
        writable();
        sql.update("insert a support request", "INSERT INTO orgkit_support_requests (" + SUPPORT_COLUMNS + """
                ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                request.organizationId().value(), request.id().value(), request.action().name(),
                request.targetUserId().value(), request.requestedBy().value(), request.reason(),
                request.status().name(), request.createdAt(), request.expiresAt(), request.decidedBy(),
                request.decidedAt(), request.ticket(), request.why());
    }

    @Override
    public boolean updateSupportRequest(SupportRequest updated, SupportRequestStatus from) {
        writable();
        return sql.update("decide a support request", """
                UPDATE orgkit_support_requests
                SET status = ?, decided_by = ?, decided_at = ?, ticket = ?, why = ?
                WHERE account_id = ? AND request_id = ? AND status = ?""",
                updated.status().name(), updated.decidedBy(), updated.decidedAt(), updated.ticket(), updated.why(),
                updated.organizationId().value(), updated.id().value(), from.name()) == 1;
    }

    @Override
    public void replaceInvitationToken(InvitationId id, SecretHash tokenHash) {
        writable();
        sql.update("replace an invitation's token", """
                UPDATE orgkit_invitations SET token_hash = ? WHERE invitation_id = ?""", tokenHash.hex(), id.value());
    }

    @Override
    public void updateInvitationExpiry(InvitationId id, Instant expiresAt) {
        writable();
        sql.update("change an invitation's expiry", """
                UPDATE orgkit_invitations SET expires_at = ? WHERE invitation_id = ?""", expiresAt, id.value());
    }

    @Override
    public void putDelivery(DeliveryRecord delivery) {
        writable();
        // The caller holds the organization's lock: nobody inserts this delivery between the two statements.
        int updated = sql.update("replace an invitation's delivery", """
                UPDATE orgkit_invitation_deliveries
                SET status = ?, attempts = ?, next_attempt_at = ?, last_attempt_at = ?, last_error = ?,
                    claim_id = ?, claimed_until = ?
                WHERE account_id = ? AND invitation_id = ?""", deliveryValues(delivery));
        if (updated == 0) {
            sql.update("insert an invitation's delivery", "INSERT INTO orgkit_invitation_deliveries ("
                    + DELIVERY_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    delivery.organizationId().value(), delivery.invitationId().value(), delivery.status().name(),
                    delivery.attempts(), delivery.nextAttemptAt(), Sql.instant(delivery.lastAttemptAt()),
                    delivery.lastError(), delivery.claimId(), Sql.instant(delivery.claimedUntil()));
        }
    }

    @Override
    public boolean claimDelivery(InvitationId invitationId, String claimId, Instant now, Instant claimedUntil) {
        writable();
        // One conditional UPDATE: of two transactions claiming at once, the second waits for the
        // first's row lock and then finds the condition false.
        return sql.update("claim an invitation's delivery", """
                UPDATE orgkit_invitation_deliveries
                SET claim_id = ?, claimed_until = ?, attempts = attempts + 1, last_attempt_at = ?
                WHERE invitation_id = ? AND status IN ('PENDING', 'FAILED') AND next_attempt_at <= ?
                  AND (claimed_until IS NULL OR claimed_until <= ?)""",
                claimId, claimedUntil, now, invitationId.value(), now, now) == 1;
    }

    @Override
    public boolean settleDelivery(DeliveryRecord settled, String claimId) {
        writable();
        Object[] values = deliveryValues(settled);
        Object[] parameters = Arrays.copyOf(values, values.length + 1);
        parameters[values.length] = claimId;
        return sql.update("settle an invitation's delivery", """
                UPDATE orgkit_invitation_deliveries
                SET status = ?, attempts = ?, next_attempt_at = ?, last_attempt_at = ?, last_error = ?,
                    claim_id = ?, claimed_until = ?
                WHERE account_id = ? AND invitation_id = ? AND claim_id = ?""", parameters) == 1;
    }

    /** The values of a delivery in the order of the SET list, then its key. */
    private static Object[] deliveryValues(DeliveryRecord delivery) {
        return new Object[] {delivery.status().name(), delivery.attempts(), delivery.nextAttemptAt(),
            Sql.instant(delivery.lastAttemptAt()), delivery.lastError(), delivery.claimId(),
            Sql.instant(delivery.claimedUntil()), delivery.organizationId().value(), delivery.invitationId().value()};
    }

    private void writable() {
        if (!writable) {
            throw new IllegalStateException("a read transaction cannot write");
        }
    }

    // ---- rows ----

    private Account account(ResultSet row) throws SQLException {
        AccountId id = AccountId.of(row.getString("account_id"));
        if (AccountKind.valueOf(row.getString("kind")) == AccountKind.PERSONAL) {
            return new PersonalAccount(id, UserId.of(row.getString("owner_id")),
                    dialect.getInstant(row, "created_at"));
        }
        return new Organization(id, row.getString("account_name"), row.getString("legal_name"),
                EmailAddress.of(row.getString("alerting_email")), EmailAddress.of(row.getString("invoicing_email")),
                UserId.of(row.getString("created_by")), dialect.getInstant(row, "created_at"), row.getLong("version"));
    }

    private Membership membership(ResultSet row) throws SQLException {
        return new Membership(AccountId.of(row.getString("account_id")), UserId.of(row.getString("user_id")),
                EmailAddress.of(row.getString("email")), Role.valueOf(row.getString("role")),
                dialect.getInstant(row, "joined_at"));
    }

    private Invitation invitation(ResultSet row) throws SQLException {
        return new Invitation(InvitationId.of(row.getString("invitation_id")),
                AccountId.of(row.getString("account_id")), EmailAddress.of(row.getString("email")),
                Role.valueOf(row.getString("role")), UserId.of(row.getString("invited_by")),
                EmailAddress.of(row.getString("inviter_email")), InvitationStatus.valueOf(row.getString("status")),
                dialect.getInstant(row, "created_at"), dialect.getInstant(row, "expires_at"));
    }

    /** An API key row with its hash; also used by {@link JdbcStorage}'s verification lookup. */
    static ApiKeyRecord apiKeyRecord(ResultSet row, Dialect dialect) throws SQLException {
        var key = new ApiKey(ApiKeyId.of(row.getString("key_id")), AccountId.of(row.getString("account_id")),
                row.getString("name"), Environment.valueOf(row.getString("environment")), row.getString("hint"),
                UserId.of(row.getString("created_by")), dialect.getInstant(row, "created_at"),
                optionalInstantOf(row, "last_used_at", dialect), optionalInstantOf(row, "expires_at", dialect),
                optionalInstantOf(row, "revoked_at", dialect),
                Optional.ofNullable(row.getString("rolled_to")).map(ApiKeyId::of));
        return new ApiKeyRecord(key, new SecretHash(row.getString("key_hash")));
    }

    private static Optional<Instant> optionalInstantOf(ResultSet row, String column, Dialect dialect)
            throws SQLException {
        return row.getObject(column) == null ? Optional.empty() : Optional.of(dialect.getInstant(row, column));
    }

    private DeliveryRecord delivery(ResultSet row) throws SQLException {
        return new DeliveryRecord(InvitationId.of(row.getString("invitation_id")),
                AccountId.of(row.getString("account_id")), DeliveryStatus.valueOf(row.getString("status")),
                row.getInt("attempts"), dialect.getInstant(row, "next_attempt_at"),
                optionalInstant(row, "last_attempt_at"), Optional.ofNullable(row.getString("last_error")),
                Optional.ofNullable(row.getString("claim_id")), optionalInstant(row, "claimed_until"));
    }

    private Optional<Instant> optionalInstant(ResultSet row, String column) throws SQLException {
        return row.getObject(column) == null ? Optional.empty() : Optional.of(dialect.getInstant(row, column));
    }

    private AuditEvent auditEvent(ResultSet row) throws SQLException {
        Actor actor = new Actor(Actor.Kind.valueOf(row.getString("actor_kind")), row.getString("actor_id"),
                Optional.ofNullable(row.getString("actor_ticket")));
        return new AuditEvent(row.getString("event_id"), AccountId.of(row.getString("account_id")), actor,
                AuditAction.valueOf(row.getString("action")), row.getString("target"),
                AuditDetails.decode(row.getString("details")), dialect.getInstant(row, "at"));
    }

    private SupportRequest supportRequest(ResultSet row) throws SQLException {
        return new SupportRequest(SupportRequestId.of(row.getString("request_id")),
                AccountId.of(row.getString("account_id")), SupportAction.valueOf(row.getString("action")),
                UserId.of(row.getString("target_user_id")), UserId.of(row.getString("requested_by")),
                row.getString("reason"), SupportRequestStatus.valueOf(row.getString("status")),
                dialect.getInstant(row, "created_at"), dialect.getInstant(row, "expires_at"),
                Optional.ofNullable(row.getString("decided_by")),
                row.getObject("decided_at") == null ? Optional.empty() : Optional.of(dialect.getInstant(row, "decided_at")),
                Optional.ofNullable(row.getString("ticket")), Optional.ofNullable(row.getString("why")));
    }
}
