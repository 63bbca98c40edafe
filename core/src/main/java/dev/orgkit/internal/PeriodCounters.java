package dev.orgkit.internal;

import dev.orgkit.account.AccountId;
import dev.orgkit.plan.Plan;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What {@code verify} knows about each account's current month without asking the storage: the
 * month's total as of this instance's last flush (every instance's usage), this instance's count
 * since then, and the account's plan as of then. {@code verify} reads it with one map lookup and
 * counts into it without a lock; the usage flush refreshes it from the storage, in the flush's
 * transaction ({@link #refreshed}). Thread-safe.
 *
 * <p>Counting order makes the view never count a verification twice: {@code verify} adds to the
 * usage buffer first and to {@link Month#unflushed} second, and a refresh subtracts exactly what the
 * flush wrote of the month before it publishes the new stored total. In the instant between the
 * two, a verification may see a count too low by what was just flushed: HARD limits err towards one
 * more call, within the documented overshoot bound, never towards refusing a call below the limit.
 */
public final class PeriodCounters {

    /** An account's plan as far as {@code verify} cares: the limit, and whether it refuses beyond it. */
    record Quota(long limit, boolean hard) {
        static final Quota NONE = new Quota(Long.MAX_VALUE, false);

        static Quota of(Optional<Plan> plan) {
            return plan.filter(Plan::isHard)
                    .map(p -> new Quota(p.monthlyCalls().getAsLong(), true))
                    .orElse(NONE);
        }
    }

    /** One account's counters for one calendar month. */
    static final class Month {
        final YearMonth month;
        final long startMillis;
        final long endMillis;
        /** Valid verifications of this instance in the month not yet written by a flush. */
        final LongAdder unflushed = new LongAdder();
        /** The month's total in storage (every instance) as of the last refresh. */
        volatile long stored;

        Month(YearMonth month) {
            this.month = month;
            this.startMillis = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            this.endMillis = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        }

        boolean covers(long millis) {
            return millis >= startMillis && millis < endMillis;
        }
    }

    /** One account: its current month and its quota. */
    static final class Account {
        volatile Month current;
        volatile Quota quota = Quota.NONE;

        Account(long nowMillis) {
            this.current = new Month(monthOf(nowMillis));
        }

        /** The month that covers {@code nowMillis}, starting a new one if the month has turned. */
        Month month(long nowMillis) {
            Month month = current;
            return month.covers(nowMillis) ? month : roll(nowMillis);
        }

        private synchronized Month roll(long nowMillis) {
            Month month = current;
            if (!month.covers(nowMillis) && nowMillis >= month.endMillis) {
                month = new Month(monthOf(nowMillis));
                current = month;
            }
            return month;
        }
    }

    private final Map<AccountId, Account> accounts = new ConcurrentHashMap<>();

    /** Counters that know no account yet. */
    public PeriodCounters() {}

    /**
     * Whether a valid key of the account must be refused at {@code nowMillis}: its plan is HARD and
     * the month's calls, as this instance knows them, have reached the limit. No lock, no allocation
     * once the account is known.
     */
    boolean exceeded(AccountId accountId, long nowMillis) {
        Account account = accounts.get(accountId);
        if (account == null) {
            return false;
        }
        Quota quota = account.quota;
        if (!quota.hard()) {
            return false;
        }
        Month month = account.current;
        return month.covers(nowMillis) && month.stored + month.unflushed.sum() >= quota.limit();
    }

    /** Counts one valid verification of the account; call it after the usage buffer has counted it. */
    void counted(AccountId accountId, long nowMillis) {
        Account account = accounts.get(accountId);
        if (account == null) {
            account = accounts.computeIfAbsent(accountId, id -> new Account(nowMillis));
        }
        account.month(nowMillis).unflushed.increment();
    }

    /** This instance's unflushed count of the account in {@code month}. */
    long unflushed(AccountId accountId, YearMonth month) {
        Account account = accounts.get(accountId);
        if (account == null) {
            return 0;
        }
        Month current = account.current;
        return current.month.equals(month) ? Math.max(0, current.unflushed.sum()) : 0;
    }

    /**
     * Takes in what a flush (or a plan assignment) learned of the account: {@code written} of its
     * calls in {@code month} were just written by this instance, the month's stored total is now
     * {@code storedTotal} (when known), and its plan is {@code plan}.
     */
    void refreshed(AccountId accountId, YearMonth month, long written, Optional<Long> storedTotal,
            Optional<Plan> plan) {
        Quota quota = Quota.of(plan);
        Account account = accounts.get(accountId);
        if (account == null) {
            if (!quota.hard()) {
                return;
            }
            account = accounts.computeIfAbsent(accountId, id -> new Account(toMillis(month)));
        }
        Month current = account.current;
        if (current.month.equals(month)) {
            if (written > 0) {
                current.unflushed.add(-written);
            }
            storedTotal.ifPresent(total -> current.stored = total);
        }
        account.quota = quota;
    }

    /** The accounts with a HARD quota, whose view a flush refreshes even when they did not count. */
    Map<AccountId, YearMonth> hardAccounts() {
        Map<AccountId, YearMonth> hard = new TreeMap<>();
        accounts.forEach((id, account) -> {
            if (account.quota.hard()) {
                hard.put(id, account.current.month);
            }
        });
        return hard;
    }

    /**
     * Forgets accounts that have nothing unflushed and no HARD quota, except {@code keep}: their
     * view is rebuilt when they verify again, so the map holds only accounts in use.
     */
    void evictIdle(Set<AccountId> keep) {
        accounts.entrySet().removeIf(entry -> !keep.contains(entry.getKey()) && !entry.getValue().quota.hard()
                && entry.getValue().current.unflushed.sum() == 0);
    }

    static YearMonth monthOf(long millis) {
        return YearMonth.from(Instant.ofEpochMilli(millis).atOffset(ZoneOffset.UTC));
    }

    private static long toMillis(YearMonth month) {
        return month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
}
