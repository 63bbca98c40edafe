package dev.orgkit.internal;

import dev.orgkit.account.AccountId;
import dev.orgkit.delivery.NoticeKind;
import dev.orgkit.plan.PeriodUsage;
import dev.orgkit.plan.Plan;
import dev.orgkit.spi.AlertSettings;
import dev.orgkit.spi.NoticeRecord;
import dev.orgkit.spi.ReadTransaction;
import dev.orgkit.spi.UsageIncrement;
import dev.orgkit.spi.WriteTransaction;
import dev.orgkit.apikey.KeyUsage;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The usage flush, with what plans add to it. Each batch is written in one transaction that also,
 * for each account in it with a monthly limit, reads the month's total (every instance's usage) and
 * schedules a {@code USAGE_ALERT} notice for each threshold the total has reached and that has none
 * yet, under the account's plan lock: usage and the notices it causes commit together, so a notice is
 * decided exactly once, whatever the number of instances, and a crash loses neither. After commit, the
 * totals refresh the {@link PeriodCounters} that {@code verify} enforces HARD plans with; the HARD
 * accounts that did not count in this flush are refreshed in one more read.
 *
 * <p>A batch is applied at most once (the storage records its id in the same transaction), so a
 * batch retried after a commit whose acknowledgement was lost adds nothing; its transaction still
 * reads the totals and decides the alerts, which finds them decided. About once an hour a flush
 * also has the storage forget the ids of batches applied more than {@link #BATCH_MEMORY} ago, in a
 * transaction of its own that takes no other lock.
 */
final class UsageWatch {
    /** How long the storage remembers an applied batch: a retry later than this would count twice. */
    static final Duration BATCH_MEMORY = Duration.ofDays(7);
    /** How often an instance has the storage forget old batch ids. */
    static final Duration FORGET_INTERVAL = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(UsageWatch.class);

    private final Kernel kernel;
    private final PeriodCounters counters;
    /** When this instance next has old batch ids forgotten; guarded by this. */
    private Instant nextForget = Instant.MIN;

    UsageWatch(Kernel kernel, PeriodCounters counters) {
        this.kernel = kernel;
        this.counters = counters;
    }

    /** What a flush learned of one account's month, to hand to the counters after commit. */
    private record Refresh(AccountId accountId, YearMonth month, long written, Optional<Long> total,
            Optional<Plan> plan) {}

    /** Flushes the buffer as {@code ApiKeys.flushUsage()} promises; returns how many verifications it wrote. */
    synchronized long flush(UsageBuffer buffer) {
        Instant now = kernel.now();
        Set<AccountId> flushed = new HashSet<>();
        long written = buffer.flush(batch -> {
            List<Refresh> refreshes = kernel.storage.write(tx -> {
                tx.usage().add(batch, now);
                return watch(tx, batch.increments(), now);
            });
            for (Refresh refresh : refreshes) {
                counters.refreshed(refresh.accountId(), refresh.month(), refresh.written(), refresh.total(),
                        refresh.plan());
                flushed.add(refresh.accountId());
            }
        }, now);
        refreshHard(flushed);
        counters.evictIdle(flushed);
        forgetOldBatches(now);
        return written;
    }

    /**
     * Has the storage forget batch ids older than {@link #BATCH_MEMORY}, at most once per
     * {@link #FORGET_INTERVAL}. A failure is logged and tried again at the next flush: the flush's
     * usage is written already, and a few more ids kept a while longer harm nothing.
     */
    private void forgetOldBatches(Instant now) {
        if (now.isBefore(nextForget)) {
            return;
        }
        try {
            kernel.storage.write(tx -> tx.usage().forgetBatchesAppliedBefore(now.minus(BATCH_MEMORY)));
            nextForget = now.plus(FORGET_INTERVAL);
        } catch (RuntimeException e) {
            LOG.warn("forgetting the ids of old API key usage batches failed; the next flush tries again", e);
        }
    }

    private List<Refresh> watch(WriteTransaction tx, List<UsageIncrement> batch, Instant now) {
        Map<AccountId, Map<YearMonth, Long>> written = new TreeMap<>();
        for (UsageIncrement increment : batch) {
            written.computeIfAbsent(increment.accountId(), id -> new TreeMap<>())
                    .merge(YearMonth.from(increment.day()), increment.requests(), Long::sum);
        }
        List<Refresh> refreshes = new ArrayList<>();
        for (Map.Entry<AccountId, Map<YearMonth, Long>> account : written.entrySet()) {
            AccountId accountId = account.getKey();
            Optional<Plan> plan = tx.plans().find(accountId);
            for (Map.Entry<YearMonth, Long> month : account.getValue().entrySet()) {
                Optional<Long> total = Optional.empty();
                if (plan.isPresent() && plan.get().monthlyCalls().isPresent()) {
                    long used = total(tx, accountId, month.getKey());
                    total = Optional.of(used);
                    scheduleAlerts(tx, accountId, month.getKey(), used, plan.get().monthlyCalls().getAsLong(), now);
                }
                refreshes.add(new Refresh(accountId, month.getKey(), month.getValue(), total, plan));
            }
        }
        return refreshes;
    }

    /** Schedules one notice per threshold reached that has none yet, under the plan lock. */
    private static void scheduleAlerts(WriteTransaction tx, AccountId accountId, YearMonth month, long used,
            long included, Instant now) {
        AlertSettings settings = tx.plans().alerts(accountId);
        int percent = PeriodUsage.percentOf(used, included);
        List<Integer> reached = settings.thresholds().stream().filter(threshold -> threshold <= percent).toList();
        if (reached.isEmpty() || tx.plans().lock(accountId).isEmpty()) {
            return;
        }
        for (int threshold : reached) {
            String subject = alertSubject(month, threshold);
            if (tx.notices().find(accountId, NoticeKind.USAGE_ALERT, subject).isEmpty()) {
                tx.notices().insert(NoticeRecord.scheduled(accountId, NoticeKind.USAGE_ALERT, subject, now));
            }
        }
    }

    /** The subject of a usage alert notice: {@code 2026-11/80}. */
    static String alertSubject(YearMonth month, int threshold) {
        return month + "/" + threshold;
    }

    /** The account's stored calls in the month, every key, every instance. */
    static long total(ReadTransaction tx, AccountId accountId, YearMonth month) {
        long total = 0;
        for (KeyUsage row : tx.usage().keyUsage(accountId, month.atDay(1), month.atEndOfMonth())) {
            total += row.requests();
        }
        return total;
    }

    /** Refreshes the HARD accounts this flush did not: their plan may have changed, other instances counted. */
    private void refreshHard(Set<AccountId> flushed) {
        Map<AccountId, YearMonth> hard = counters.hardAccounts();
        hard.keySet().removeAll(flushed);
        if (hard.isEmpty()) {
            return;
        }
        List<Refresh> refreshes = kernel.storage.read(tx -> {
            List<Refresh> read = new ArrayList<>();
            hard.forEach((accountId, month) -> {
                Optional<Plan> plan = tx.plans().find(accountId);
                read.add(new Refresh(accountId, month, 0, Optional.of(total(tx, accountId, month)), plan));
            });
            return read;
        });
        for (Refresh refresh : refreshes) {
            counters.refreshed(refresh.accountId(), refresh.month(), 0, refresh.total(), refresh.plan());
        }
    }
}
