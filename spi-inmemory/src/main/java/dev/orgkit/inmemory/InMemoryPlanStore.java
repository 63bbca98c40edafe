package dev.orgkit.inmemory;

import dev.orgkit.account.AccountId;
import dev.orgkit.plan.Plan;
import dev.orgkit.spi.AlertSettings;
import dev.orgkit.spi.PlanStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Plans and usage alert settings in memory, by account. */
final class InMemoryPlanStore implements PlanStore {

    /** The plans' tables, guarded by the storage's lock. */
    static final class State {
        /** Sorted by account id, for the keyset pages of {@link #withPlan}. */
        final TreeMap<AccountId, Plan> plans = new TreeMap<>();
        final Map<AccountId, AlertSettings> alerts = new HashMap<>();
    }

    private final State s;
    private final Journal journal;

    InMemoryPlanStore(State state, Journal journal) {
        this.s = state;
        this.journal = journal;
    }

    @Override
    public Optional<Plan> find(AccountId accountId) {
        return Optional.ofNullable(s.plans.get(accountId));
    }

    @Override
    public AlertSettings alerts(AccountId accountId) {
        return s.alerts.getOrDefault(accountId, AlertSettings.NONE);
    }

    @Override
    public List<AccountId> withPlan(Optional<AccountId> after, int limit) {
        var tail = after.isPresent() ? s.plans.tailMap(after.get(), false) : s.plans;
        return tail.keySet().stream().limit(limit).toList();
    }

    @Override
    public Optional<Plan> lock(AccountId accountId) {
        journal.requireWritable();
        // The storage's write lock already serializes every write transaction.
        return find(accountId);
    }

    /** Deletes the account's plan and alert settings (purging it). */
    void purge(AccountId accountId) {
        journal.requireWritable();
        journal.remove(s.plans, accountId);
        journal.remove(s.alerts, accountId);
    }

    @Override
    public void put(AccountId accountId, Plan plan) {
        journal.put(s.plans, accountId, plan);
    }

    @Override
    public void putAlerts(AccountId accountId, AlertSettings settings) {
        journal.put(s.alerts, accountId, settings);
    }
}
