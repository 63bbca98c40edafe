package dev.orgkit.inmemory;

import dev.orgkit.spi.WriteTransaction;

/**
 * One transaction of the in-memory storage: one store per feature, all over the same tables and
 * the same {@link Journal}. A read transaction is the same with {@link Journal#READ_ONLY}, so its
 * stores refuse every write even when cast to the store type.
 */
final class InMemoryTransaction implements WriteTransaction {
    private final InMemoryAccountStore accounts;
    private final InMemoryMemberStore members;
    private final InMemoryInvitationStore invitations;
    private final InMemoryDeliveryStore deliveries;
    private final InMemoryApiKeyStore apiKeys;
    private final InMemoryUsageStore usage;
    private final InMemorySupportStore support;
    private final InMemoryAuditStore audit;
    private final InMemoryPlanStore plans;
    private final InMemoryNoticeStore notices;

    InMemoryTransaction(InMemoryStorage.Tables tables, Journal journal) {
        this.accounts = new InMemoryAccountStore(tables.accounts, journal, this);
        this.members = new InMemoryMemberStore(tables.members, journal);
        this.invitations = new InMemoryInvitationStore(tables.invitations, journal);
        this.deliveries = new InMemoryDeliveryStore(tables.deliveries, journal);
        this.apiKeys = new InMemoryApiKeyStore(tables.apiKeys, tables.notices, journal);
        this.usage = new InMemoryUsageStore(tables.usage, journal, apiKeys);
        this.support = new InMemorySupportStore(tables.support, journal);
        this.audit = new InMemoryAuditStore(tables.audit, journal);
        this.plans = new InMemoryPlanStore(tables.plans, journal);
        this.notices = new InMemoryNoticeStore(tables.notices, journal);
    }

    @Override
    public InMemoryAccountStore accounts() {
        return accounts;
    }

    @Override
    public InMemoryMemberStore members() {
        return members;
    }

    @Override
    public InMemoryInvitationStore invitations() {
        return invitations;
    }

    @Override
    public InMemoryDeliveryStore deliveries() {
        return deliveries;
    }

    @Override
    public InMemoryApiKeyStore apiKeys() {
        return apiKeys;
    }

    @Override
    public InMemoryUsageStore usage() {
        return usage;
    }

    @Override
    public InMemorySupportStore support() {
        return support;
    }

    @Override
    public InMemoryAuditStore audit() {
        return audit;
    }

    @Override
    public InMemoryPlanStore plans() {
        return plans;
    }

    @Override
    public InMemoryNoticeStore notices() {
        return notices;
    }
}
