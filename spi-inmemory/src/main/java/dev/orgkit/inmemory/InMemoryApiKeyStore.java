package dev.orgkit.inmemory;

import dev.orgkit.StorageException;
import dev.orgkit.account.AccountId;
import dev.orgkit.apikey.ApiKey;
import dev.orgkit.apikey.ApiKeyId;
import dev.orgkit.delivery.NoticeKind;
import dev.orgkit.spi.ApiKeyRecord;
import dev.orgkit.spi.ApiKeyStore;
import dev.orgkit.spi.SecretHash;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * API keys in memory, with the SHA-256 of each one's secret. Besides the tables that transactions
 * read under the storage's lock, it keeps an index of committed keys by hash that
 * {@link InMemoryStorage#apiKeyByHash} reads with no lock: a transaction publishes the keys it
 * wrote to it only when it commits.
 */
final class InMemoryApiKeyStore implements ApiKeyStore {

    /** The API keys' tables, guarded by the storage's lock, and the lock-free index of committed keys. */
    static final class State {
        final Map<ApiKeyId, ApiKeyRecord> keys = new HashMap<>();
        final Map<SecretHash, ApiKeyId> keyOfHash = new HashMap<>();
        final Map<AccountId, NavigableMap<ApiKeyId, ApiKeyId>> byAccount = new HashMap<>();
        /** Committed keys by hash, for lock-free verification; written only when a transaction commits. */
        final Map<SecretHash, ApiKeyRecord> committedByHash = new ConcurrentHashMap<>();

        /** The committed key whose secret has this hash: one {@link ConcurrentHashMap} read, no lock. */
        Optional<ApiKeyRecord> committed(SecretHash hash) {
            return Optional.ofNullable(committedByHash.get(hash));
        }
    }

    private final State s;
    /** The notice outbox, read to tell which keys have an expiry notice. */
    private final InMemoryNoticeStore.State notices;
    private final Journal journal;

    InMemoryApiKeyStore(State state, InMemoryNoticeStore.State notices, Journal journal) {
        this.s = state;
        this.notices = notices;
        this.journal = journal;
    }

    @Override
    public Optional<ApiKey> find(ApiKeyId id) {
        return Optional.ofNullable(s.keys.get(id)).map(ApiKeyRecord::apiKey);
    }

    @Override
    public Optional<ApiKeyRecord> findByHash(SecretHash hash) {
        return Optional.ofNullable(s.keyOfHash.get(hash)).map(s.keys::get);
    }

    @Override
    public List<ApiKey> list(AccountId accountId, Optional<ApiKeyId> after, int limit) {
        return Pages.first(Pages.after(Pages.under(s.byAccount, accountId), after), limit).stream()
                .map(id -> s.keys.get(id).apiKey())
                .toList();
    }

    @Override
    public List<ApiKey> expiringWithoutNotice(Instant after, Instant until, int limit) {
        return s.keys.values().stream()
                .map(ApiKeyRecord::apiKey)
                .filter(key -> !key.isRevoked() && key.rolledTo().isEmpty()
                        && key.expiresAt().filter(at -> at.isAfter(after) && !at.isAfter(until)).isPresent())
                .filter(key -> !notices.notices.containsKey(
                        new InMemoryNoticeStore.Key(key.accountId(), NoticeKind.KEY_EXPIRY, key.id().value())))
                .sorted(Comparator.comparing((ApiKey key) -> key.expiresAt().orElseThrow()).thenComparing(ApiKey::id))
                .limit(limit)
                .toList();
    }

    @Override
    public void insert(ApiKey key, SecretHash hash) {
        journal.requireWritable();
        if (s.keys.containsKey(key.id()) || s.keyOfHash.containsKey(hash)) {
            throw new StorageException("duplicate API key id or hash");
        }
        journal.put(s.keyOfHash, hash, key.id());
        journal.put(journal.tree(s.byAccount, key.accountId()), key.id(), key.id());
        put(new ApiKeyRecord(key, hash));
    }

    @Override
    public boolean revoke(ApiKeyId id, Instant at) {
        journal.requireWritable();
        ApiKeyRecord current = s.keys.get(id);
        if (current == null || current.apiKey().isRevoked()) {
            return false;
        }
        put(new ApiKeyRecord(current.apiKey().withRevokedAt(at), current.hash()));
        return true;
    }

    @Override
    public int revokeAll(AccountId accountId, Instant at) {
        journal.requireWritable();
        int revoked = 0;
        for (ApiKeyId id : List.copyOf(Pages.under(s.byAccount, accountId).keySet())) {
            if (revoke(id, at)) {
                revoked++;
            }
        }
        return revoked;
    }

    /** Deletes every key of the account (purging it); verification no longer finds them once it commits. */
    void purge(AccountId accountId) {
        journal.requireWritable();
        for (ApiKeyId id : List.copyOf(Pages.under(s.byAccount, accountId).keySet())) {
            ApiKeyRecord record = s.keys.get(id);
            journal.remove(s.keys, id);
            journal.remove(s.keyOfHash, record.hash());
            journal.onCommit(() -> s.committedByHash.remove(record.hash()));
        }
        journal.remove(s.byAccount, accountId);
    }

    @Override
    public boolean markRolled(ApiKeyId id, ApiKeyId successor, Instant expiresAt) {
        journal.requireWritable();
        ApiKeyRecord current = s.keys.get(id);
        if (current == null || current.apiKey().rolledTo().isPresent()) {
            return false;
        }
        put(new ApiKeyRecord(current.apiKey().rolledTo(successor, expiresAt), current.hash()));
        return true;
    }

    /** The key with this id and its hash, as this transaction sees it; null if there is none. */
    @Nullable ApiKeyRecord record(ApiKeyId id) {
        return s.keys.get(id);
    }

    /** Moves the key's last-used time forward to {@code at}, if that is later: the usage flusher's write. */
    void markUsed(ApiKeyRecord current, Instant at) {
        journal.requireWritable();
        put(new ApiKeyRecord(current.apiKey().withLastUsedAt(at), current.hash()));
    }

    /** Stores the key, and publishes it to the lock-free index once (and only if) the transaction commits. */
    private void put(ApiKeyRecord record) {
        journal.put(s.keys, record.apiKey().id(), record);
        ApiKeyId id = record.apiKey().id();
        journal.onCommit(() -> s.committedByHash.put(record.hash(), s.keys.get(id)));
    }
}
