package dev.orgkit.internal;

import dev.orgkit.account.AccountId;
import dev.orgkit.apikey.ApiKeyId;
import dev.orgkit.spi.UsageIncrement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Valid verifications counted in memory per (key, UTC day), until a flush writes them in batches.
 * Recording is lock-free (a {@link LongAdder} per key and day); counters are never reset, a flush
 * writes what they gained since the last successful flush, so a count is written exactly once even
 * while verifications go on. A failed batch stays buffered. Thread-safe.
 */
final class UsageBuffer {
    /** Increments per storage transaction. */
    static final int BATCH_SIZE = 500;
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private record Slot(ApiKeyId keyId, long epochDay) {}

    private static final class Counter {
        final AccountId accountId;
        final LongAdder requests = new LongAdder();
        volatile long lastUsedMillis;
        /** What earlier flushes wrote; guarded by the buffer's flush lock. */
        long flushed;

        Counter(AccountId accountId) {
            this.accountId = accountId;
        }
    }

    private record Pending(Slot slot, Counter counter, long total, UsageIncrement increment) {}

    private final Map<Slot, Counter> counters = new ConcurrentHashMap<>();
    private final Object flushLock = new Object();

    /** Counts one valid verification of the key at {@code now}. */
    void record(AccountId accountId, ApiKeyId keyId, Instant now) {
        long millis = now.toEpochMilli();
        var slot = new Slot(keyId, Math.floorDiv(millis, MILLIS_PER_DAY));
        Counter counter = counters.get(slot);
        if (counter == null) {
            counter = counters.computeIfAbsent(slot, s -> new Counter(accountId));
        }
        counter.requests.increment();
        if (millis > counter.lastUsedMillis) {
            counter.lastUsedMillis = millis;
        }
    }

    /**
     * Hands what was counted since the last flush to {@code writer}, in batches of at most
     * {@value #BATCH_SIZE}, and returns how many verifications were written. A batch counts as
     * written once {@code writer} returns; if it throws, that batch and the following stay buffered
     * and the exception propagates. Counters of past days that have nothing left to write are dropped.
     */
    long flush(Consumer<List<UsageIncrement>> writer, Instant now) {
        synchronized (flushLock) {
            long today = Math.floorDiv(now.toEpochMilli(), MILLIS_PER_DAY);
            List<Pending> pending = new ArrayList<>();
            for (Map.Entry<Slot, Counter> entry : counters.entrySet()) {
                Slot slot = entry.getKey();
                Counter counter = entry.getValue();
                long total = counter.requests.sum();
                long delta = total - counter.flushed;
                if (delta > 0) {
                    pending.add(new Pending(slot, counter, total, new UsageIncrement(counter.accountId, slot.keyId(),
                            LocalDate.ofEpochDay(slot.epochDay()), delta,
                            Instant.ofEpochMilli(counter.lastUsedMillis))));
                } else if (slot.epochDay() < today) {
                    counters.remove(slot, counter);
                }
            }
            long written = 0;
            for (int from = 0; from < pending.size(); from += BATCH_SIZE) {
                List<Pending> batch = pending.subList(from, Math.min(from + BATCH_SIZE, pending.size()));
                writer.accept(batch.stream().map(Pending::increment).toList());
                for (Pending done : batch) {
                    done.counter().flushed = done.total();
                    written += done.increment().requests();
                }
            }
            return written;
        }
    }

    /** How many verifications are counted but not yet written. */
    long unflushed() {
        synchronized (flushLock) {
            long sum = 0;
            for (Counter counter : counters.values()) {
                sum += counter.requests.sum() - counter.flushed;
            }
            return sum;
        }
    }
}
