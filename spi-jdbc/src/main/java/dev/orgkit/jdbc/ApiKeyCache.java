package dev.orgkit.jdbc;

import dev.orgkit.spi.ApiKeyRecord;
import dev.orgkit.spi.SecretHash;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The optional verification cache of {@link JdbcStorage}: keys found by hash, kept at most
 * {@code timeToLive} and at most {@code maxEntries} of them. Only keys that exist are cached, so a
 * key created a moment ago is found at once.
 *
 * <p>Every write transaction that revokes a key or changes an expiry, on this storage, moves the
 * cache to a new generation once it ends; an entry loaded in an older generation is never served
 * again. So a revocation is seen by the next verification on this instance, even by one that
 * races with a lookup started before the revocation committed. Other instances see it when their
 * entry's time to live runs out. Thread-safe.
 */
final class ApiKeyCache {
    private record Entry(ApiKeyRecord record, long generation, long expiresAtNanos) {}

    private final Map<SecretHash, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final int maxEntries;
    private final long timeToLiveNanos;
    private final LongSupplier nanoTime;

    ApiKeyCache(int maxEntries, Duration timeToLive, LongSupplier nanoTime) {
        this.maxEntries = maxEntries;
        this.timeToLiveNanos = timeToLive.toNanos();
        this.nanoTime = nanoTime;
    }

    /** The current generation; read it before a lookup whose result {@link #put} will cache. */
    long generation() {
        return generation.get();
    }

    /** The cached key of this hash, if it was loaded in the current generation and is still fresh. */
    Optional<ApiKeyRecord> get(SecretHash hash, long currentGeneration) {
        Entry entry = entries.get(hash);
        if (entry == null) {
            return Optional.empty();
        }
        if (entry.generation() != currentGeneration || nanoTime.getAsLong() - entry.expiresAtNanos() >= 0) {
            entries.remove(hash, entry);
            return Optional.empty();
        }
        return Optional.of(entry.record());
    }

    /** Caches a key loaded by a lookup that began in {@code loadedInGeneration}. */
    void put(SecretHash hash, ApiKeyRecord record, long loadedInGeneration) {
        if (entries.size() >= maxEntries) {
            makeRoom();
        }
        entries.put(hash, new Entry(record, loadedInGeneration, nanoTime.getAsLong() + timeToLiveNanos));
    }

    /** Starts a new generation: nothing cached before is served again. */
    void invalidateAll() {
        generation.incrementAndGet();
        entries.clear();
    }

    /** How many entries the cache holds (stale ones included until they are next read or evicted). */
    int size() {
        return entries.size();
    }

    /** Drops stale entries; if the cache is still full, drops a tenth of it (at least one), in no particular order. */
    private void makeRoom() {
        long now = nanoTime.getAsLong();
        long current = generation.get();
        entries.values().removeIf(entry -> entry.generation() != current || now - entry.expiresAtNanos() >= 0);
        int excess = entries.size() - maxEntries + Math.max(1, maxEntries / 10);
        for (Iterator<SecretHash> keys = entries.keySet().iterator(); keys.hasNext() && excess > 0; excess--) {
            keys.next();
            keys.remove();
        }
    }
}
