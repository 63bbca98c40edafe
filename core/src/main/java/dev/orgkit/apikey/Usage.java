package dev.orgkit.apikey;

import dev.orgkit.Principal;
import dev.orgkit.account.AccountId;
import dev.orgkit.plan.PeriodUsage;
import dev.orgkit.plan.UsageStatement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * How an account's APIs are used: valid key verifications per day, per key and in total. Obtain it
 * from {@code kit.usage()}. Thread-safe.
 *
 * <p>Counts are buffered in memory and reach the storage when usage is flushed
 * ({@link ApiKeys#flushUsage()} or the background flusher): what this returns is as of the last flush.
 *
 * @since 0.1.0
 */
public interface Usage {
    /**
     * The usage of the account on every day from {@code from} to {@code to} (inclusive, UTC, at most
     * 366 days), oldest first; days without use have zero requests. Admins of an organization and the
     * owner of a personal account read it; anyone else who is not a member gets {@code NOT_FOUND} (R9).
     */
    List<DailyUsage> daily(Principal principal, AccountId accountId, LocalDate from, LocalDate to);

    /**
     * The account's calls in the current calendar month (UTC) against its plan: what was flushed, by
     * every instance, plus this instance's unflushed count. Who reads {@link #daily} reads it.
     *
     * @since 0.2.0
     */
    PeriodUsage currentPeriod(Principal principal, AccountId accountId);

    /**
     * The account's usage statement of {@code month}: calls per key, total, included and overage,
     * as flushed (the current month's is partial). Who reads {@link #daily} reads it.
     *
     * @throws dev.orgkit.InvalidInputException if {@code month} is null or in the future
     * @since 0.2.0
     */
    UsageStatement statement(Principal principal, AccountId accountId, YearMonth month);
}
