package dev.orgkit.internal;

import dev.orgkit.account.AccountId;
import dev.orgkit.apikey.ApiKeyId;
import dev.orgkit.spi.UsageBatch;
import dev.orgkit.spi.UsageIncrement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Valid verifications counted in memory per (key, UTC day), until a flush writes them in batches.
 * Recording takes no lock and allocates nothing once a key has counted on a day: one map read by
 * key id, then a {@link LongAdder}. Counters are never reset: a flush cuts what they gained since
 * the last cut into batches, each with a new random id, so each verification goes into exactly one
 * batch even while verifications go on. A batch whose write fails stays, as it was cut (same id,
 * same increments), and the next flush writes it again before it cuts anything new: the storage
 * applies a batch id at most once, so a write that committed although the flush saw it fail (the
 * acknowledgement of its {@code COMMIT} was lost) is not counted twice. Thread-safe.
 */
final class UsageBuffer {
    /** Increments per storage transaction. */
    static final int BATCH_SIZE = 500;
    private static final long MILLIS_PER_DAY = 86_400_000L;

    /** The counters of one key: one per day it verified on since its last flush. */
    private static final class KeyCounters {
        final AccountId accountId;
        final Map<Long, DayCounter> days = new HashMap<>();
        volatile DayCounter current;

        KeyCounters(AccountId accountId, long epochDay) {
            this.accountId = accountId;
            this.current = new DayCounter(epochDay);
            days.put(epochDay, current);
        }

        synchronized DayCounter forDay(long epochDay) {
            DayCounter counter = days.computeIfAbsent(epochDay, DayCounter::new);
            if (epochDay > current.epochDay) {
                current = counter;
            }
            return counter;
        }
    }

    private static final class DayCounter {
        final long epochDay;
        final LongAdder requests = new LongAdder();
        volatile long lastUsedMillis;
        /** What earlier flushes cut into batches (written, or the unsettled one); guarded by the flush lock. */
        long cut;

        DayCounter(long epochDay) {
            this.epochDay = epochDay;
        }
    }

    private record Pending(DayCounter counter, long total, UsageIncrement increment) {}

    private final Map<ApiKeyId, KeyCounters> counters = new ConcurrentHashMap<>();
    private final Object flushLock = new Object();
    private final Supplier<String> newBatchId;
    /** The batch whose last write failed, so whose outcome is unknown; guarded by the flush lock. */
    private @Nullable UsageBatch unsettled;

    /** A buffer whose batches take their ids from {@code newBatchId}, which must not repeat one. */
    UsageBuffer(Supplier<String> newBatchId) {
        this.newBatchId = newBatchId;
    }

    /** Counts one valid verification of the key at {@code nowMillis} (epoch milliseconds). */
    void record(AccountId accountId, ApiKeyId keyId, long nowMillis) {
        long day = Math.floorDiv(nowMillis, MILLIS_PER_DAY);
        KeyCounters key = counters.get(keyId);
        if (key == null) {
            key = counters.computeIfAbsent(keyId, id -> new KeyCounters(accountId, day));
        }
        DayCounter counter = key.current;
        if (counter.epochDay != day) {
            counter = key.forDay(day);
        }
        counter.requests.increment();
        if (nowMillis > counter.lastUsedMillis) {
            counter.lastUsedMillis = nowMillis;
        }
    }

    /**
     * Hands what was counted since the last flush to {@code writer}, in batches of at most
     * {@value #BATCH_SIZE} increments, and returns how many verifications were written. First, if
     * the last write of a batch failed, that same batch is handed again. A batch counts as written
     * once {@code writer} returns; if it throws, that batch stays unsettled (the next flush hands it
     * again, unchanged), what was not cut yet stays counted, and the exception propagates. Counters
     * of past days with nothing left to cut are dropped.
     */
    long flush(Consumer<UsageBatch> writer, Instant now) {
        synchronized (flushLock) {
            long written = 0;
            if (unsettled != null) {
                writer.accept(unsettled);
                written += unsettled.requests();
                unsettled = null;
            }
            List<Pending> pending = pending(Math.floorDiv(now.toEpochMilli(), MILLIS_PER_DAY));
            for (int from = 0; from < pending.size(); from += BATCH_SIZE) {
                List<Pending> cut = pending.subList(from, Math.min(from + BATCH_SIZE, pending.size()));
                var batch = new UsageBatch(newBatchId.get(), cut.stream().map(Pending::increment).toList());
                for (Pending done : cut) {
                    done.counter().cut = done.total();
                }
                boolean settled = false;
                try {
                    writer.accept(batch);
                    settled = true;
                } finally {
                    if (!settled) {
                        unsettled = batch;
                    }
                }
                written += batch.requests();
            }
            return written;
        }
    }

    /** What the counters gained since they were last cut, in one order on every instance. */
    private List<Pending> pending(long today) {
        List<Pending> pending = new ArrayList<>();
        for (Map.Entry<ApiKeyId, KeyCounters> entry : counters.entrySet()) {
            KeyCounters key = entry.getValue();
            synchronized (key) {
                for (Iterator<DayCounter> days = key.days.values().iterator(); days.hasNext(); ) {
                    DayCounter counter = days.next();
                    long total = counter.requests.sum();
                    long delta = total - counter.cut;
                    if (delta > 0) {
                        pending.add(new Pending(counter, total, new UsageIncrement(key.accountId, entry.getKey(),
                                LocalDate.ofEpochDay(counter.epochDay), delta,
                                Instant.ofEpochMilli(counter.lastUsedMillis))));
                    } else if (counter.epochDay < today && counter != key.current) {
                        days.remove();
                    }
                }
            }
        }
        // Rows in one order on every instance: two JVMs flushing the same keys lock them in the same
        // order and so cannot deadlock each other.
        pending.sort(Comparator.comparing((Pending p) -> p.increment().accountId())
                .thenComparing(p -> p.increment().keyId().value())
                .thenComparing(p -> p.increment().day()));
        return pending;
    }

    /** How many verifications are counted but not yet written. */
    long unflushed() {
        synchronized (flushLock) {
            long sum = unsettled == null ? 0 : unsettled.requests();
            for (KeyCounters key : counters.values()) {
                synchronized (key) {
                    for (DayCounter counter : key.days.values()) {
                        sum += counter.requests.sum() - counter.cut;
                    }
                }
            }
            return sum;
        }
    }
}
