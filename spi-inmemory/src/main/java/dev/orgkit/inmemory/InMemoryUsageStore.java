package dev.orgkit.inmemory;

import dev.orgkit.account.AccountId;
import dev.orgkit.apikey.ApiKeyId;
import dev.orgkit.apikey.KeyUsage;
import dev.orgkit.spi.ApiKeyRecord;
import dev.orgkit.spi.UsageBatch;
import dev.orgkit.spi.UsageIncrement;
import dev.orgkit.spi.UsageStore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * API-key usage in memory: request counts per account, day and key, sorted by day then key, and the
 * ids of the batches applied, with when. Adding usage also moves the key's last-used time, through
 * the API key store of the same transaction.
 */
final class InMemoryUsageStore implements UsageStore {

    /** The usage table, guarded by the storage's lock. */
    static final class State {
        final Map<AccountId, NavigableMap<LocalDate, NavigableMap<ApiKeyId, Long>>> requests = new HashMap<>();
        /** When each applied batch was applied, by batch id. */
        final Map<String, Instant> batches = new HashMap<>();
    }

    private final State s;
    private final Journal journal;
    private final InMemoryApiKeyStore keys;

    InMemoryUsageStore(State state, Journal journal, InMemoryApiKeyStore keys) {
        this.s = state;
        this.journal = journal;
        this.keys = keys;
    }

    @Override
    public List<KeyUsage> keyUsage(AccountId accountId, LocalDate from, LocalDate to) {
        List<KeyUsage> rows = new ArrayList<>();
        Pages.under(s.requests, accountId).subMap(from, true, to, true)
                .forEach((day, byKey) -> byKey.forEach((keyId, requests) ->
                        rows.add(new KeyUsage(keyId, day, requests))));
        return rows;
    }

    /** Deletes the account's usage (purging it). */
    void purge(AccountId accountId) {
        journal.requireWritable();
        journal.remove(s.requests, accountId);
    }

    @Override
    public boolean add(UsageBatch batch, Instant appliedAt) {
        journal.requireWritable();
        if (s.batches.containsKey(batch.id())) {
            return false;
        }
        journal.put(s.batches, batch.id(), appliedAt);
        for (UsageIncrement increment : batch.increments()) {
            ApiKeyRecord current = keys.record(increment.keyId());
            if (current == null) {
                continue;
            }
            NavigableMap<ApiKeyId, Long> day =
                    journal.tree(journal.tree(s.requests, current.apiKey().accountId()), increment.day());
            journal.put(day, increment.keyId(), day.getOrDefault(increment.keyId(), 0L) + increment.requests());
            keys.markUsed(current, increment.lastUsedAt());
        }
        return true;
    }

    @Override
    public int forgetBatchesAppliedBefore(Instant appliedBefore) {
        journal.requireWritable();
        List<String> old = new ArrayList<>();
        s.batches.forEach((id, appliedAt) -> {
            if (appliedAt.isBefore(appliedBefore)) {
                old.add(id);
            }
        });
        old.forEach(id -> journal.remove(s.batches, id));
        return old.size();
    }
}
