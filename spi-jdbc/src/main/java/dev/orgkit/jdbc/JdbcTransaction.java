package dev.orgkit.jdbc;

import dev.orgkit.spi.AccountStore;
import dev.orgkit.spi.ApiKeyStore;
import dev.orgkit.spi.AuditStore;
import dev.orgkit.spi.DeliveryStore;
import dev.orgkit.spi.InvitationStore;
import dev.orgkit.spi.MemberStore;
import dev.orgkit.spi.NoticeStore;
import dev.orgkit.spi.PlanStore;
import dev.orgkit.spi.SupportStore;
import dev.orgkit.spi.UsageStore;
import dev.orgkit.spi.WriteTransaction;

/**
 * One JDBC transaction: one store per feature, all on the connection {@link TransactionRunner}
 * opened for it. Each read and write is one SQL statement (two for inserting a personal account or
 * putting a delivery); lists are keyset range scans on an index that leads with the account id. In a
 * read transaction every write throws {@link IllegalStateException} before any SQL runs.
 */
final class JdbcTransaction implements WriteTransaction {
    private final JdbcAccountStore accounts;
    private final JdbcMemberStore members;
    private final JdbcInvitationStore invitations;
    private final JdbcDeliveryStore deliveries;
    private final JdbcApiKeyStore apiKeys;
    private final JdbcUsageStore usage;
    private final JdbcSupportStore support;
    private final JdbcAuditStore audit;
    private final JdbcPlanStore plans;
    private final JdbcNoticeStore notices;

    /** The queries of the stores that depend on the dialect only, built once per storage. */
    record Queries(KeysetPage members, KeysetPage pendingInvitations, KeysetPage apiKeys) {
        static Queries of(Dialect dialect) {
            return new Queries(JdbcMemberStore.page(dialect), JdbcInvitationStore.pendingPage(dialect),
                    JdbcApiKeyStore.page(dialect));
        }
    }

    /**
     * The stores are made here, once per transaction: ten small objects, against at least one
     * round trip to the database that every transaction makes.
     */
    JdbcTransaction(Sql sql, Queries queries, boolean writable) {
        accounts = new JdbcAccountStore(sql, writable);
        members = new JdbcMemberStore(sql, writable, queries.members());
        invitations = new JdbcInvitationStore(sql, writable, queries.pendingInvitations());
        deliveries = new JdbcDeliveryStore(sql, writable);
        apiKeys = new JdbcApiKeyStore(sql, writable, queries.apiKeys());
        usage = new JdbcUsageStore(sql, writable);
        support = new JdbcSupportStore(sql, writable);
        audit = new JdbcAuditStore(sql, writable);
        plans = new JdbcPlanStore(sql, writable);
        notices = new JdbcNoticeStore(sql, writable);
    }

    @Override
    public AccountStore accounts() {
        return accounts;
    }

    @Override
    public MemberStore members() {
        return members;
    }

    @Override
    public InvitationStore invitations() {
        return invitations;
    }

    @Override
    public DeliveryStore deliveries() {
        return deliveries;
    }

    @Override
    public ApiKeyStore apiKeys() {
        return apiKeys;
    }

    @Override
    public UsageStore usage() {
        return usage;
    }

    @Override
    public SupportStore support() {
        return support;
    }

    @Override
    public AuditStore audit() {
        return audit;
    }

    /**
     * Whether this transaction revoked a key, changed an expiry, or found a key revoked or rolled
     * while it could write: a verification cache must forget what it holds.
     */
    boolean changedApiKeys() {
        return apiKeys.changed();
    }

    @Override
    public PlanStore plans() {
        return plans;
    }

    @Override
    public NoticeStore notices() {
        return notices;
    }
}
