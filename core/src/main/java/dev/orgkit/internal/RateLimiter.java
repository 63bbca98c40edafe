package dev.orgkit.internal;

import dev.orgkit.apikey.ApiKeyId;
import dev.orgkit.apikey.RateLimit;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rate limits of API keys on this instance: at most {@code requests} allowed verifications in
 * any window of the limit's length, counted exactly. Each key has a bucket of {@code requests}
 * tokens, and each spent token comes back exactly one window after it was spent (the bucket keeps
 * the time each token was spent, in a ring that grows with use up to {@code requests}). Keys are
 * striped: each key's bucket has its own lock, so keys never wait for each other. Thread-safe.
 */
final class RateLimiter {
    private final Map<ApiKeyId, Bucket> buckets = new ConcurrentHashMap<>();

    /**
     * Spends a token of the key's bucket at {@code nowMillis} if one is left: empty if the
     * verification is allowed, otherwise how long until a token comes back.
     */
    Optional<Duration> acquire(ApiKeyId keyId, RateLimit limit, long nowMillis) {
        while (true) {
            Bucket bucket = buckets.get(keyId);
            if (bucket == null || !bucket.limit.equals(limit)) {
                bucket = buckets.compute(keyId,
                        (id, existing) -> existing != null && existing.limit.equals(limit) ? existing : new Bucket(limit));
            }
            synchronized (bucket) {
                if (!bucket.retired) {
                    return bucket.acquire(nowMillis);
                }
            }
            // evictIdle retired this bucket between the lookup and the lock: take the one that replaces it.
        }
    }

    /**
     * Forgets the buckets whose tokens have all come back at {@code nowMillis}: they are as good as new,
     * so keys that stopped calling hold no memory. A bucket is retired under its lock, so no token spent
     * at the same moment is lost.
     */
    void evictIdle(long nowMillis) {
        buckets.forEach((keyId, bucket) -> {
            synchronized (bucket) {
                if (bucket.isFullAt(nowMillis)) {
                    bucket.retired = true;
                    buckets.remove(keyId, bucket);
                }
            }
        });
    }

    /** How many keys have a bucket (for tests). */
    int size() {
        return buckets.size();
    }

    /** One key's tokens: the times of the spent ones that have not come back yet, oldest first. */
    private static final class Bucket {
        private static final int INITIAL = 16;

        final RateLimit limit;
        private final long windowMillis;
        private long[] spentAt;
        private int oldest;
        private int spent;
        boolean retired;

        Bucket(RateLimit limit) {
            this.limit = limit;
            this.windowMillis = limit.window().toMillis();
            this.spentAt = new long[Math.min(limit.requests(), INITIAL)];
        }

        Optional<Duration> acquire(long nowMillis) {
            giveBack(nowMillis);
            if (spent == limit.requests()) {
                return Optional.of(Duration.ofMillis(spentAt[oldest] + windowMillis - nowMillis));
            }
            if (spent == spentAt.length) {
                grow();
            }
            spentAt[(oldest + spent) % spentAt.length] = nowMillis;
            spent++;
            return Optional.empty();
        }

        boolean isFullAt(long nowMillis) {
            giveBack(nowMillis);
            return spent == 0;
        }

        /** Returns every token spent at least one window before {@code nowMillis}. */
        private void giveBack(long nowMillis) {
            while (spent > 0 && spentAt[oldest] + windowMillis <= nowMillis) {
                oldest = (oldest + 1) % spentAt.length;
                spent--;
            }
        }

        private void grow() {
            long[] larger = new long[Math.min(limit.requests(), spentAt.length * 2)];
            for (int i = 0; i < spent; i++) {
                larger[i] = spentAt[(oldest + i) % spentAt.length];
            }
            spentAt = larger;
            oldest = 0;
        }
    }
}
