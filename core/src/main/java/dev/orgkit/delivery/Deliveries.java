package dev.orgkit.delivery;

import java.time.Duration;

/**
 * Dispatching the mails of the outbox that are due: invitation mails (first attempts that did not go
 * out at once, and retries of failed ones) and account notices ({@link NoticeKind}: usage alerts,
 * statements, key expiry notices). Obtain it from {@code kit.deliveries()}. Thread-safe, and safe to run
 * from several threads and several JVMs sharing one storage at once: each attempt claims its
 * delivery in the storage first, so no attempt is made twice.
 *
 * <p>Each attempt mints a new token, stores only its SHA-256 on the invitation (the previous link
 * stops working), commits, and only then calls the {@link dev.orgkit.spi.Mailer}. A failure is
 * recorded with the token redacted and retried after an exponential backoff
 * ({@code OrgKit.Builder#deliveryBackoff}), until the maximum number of attempts
 * ({@code OrgKit.Builder#deliveryMaxAttempts}).
 *
 * @since 0.1.0
 */
public interface Deliveries {

    /**
     * Dispatches every invitation mail and account notice that is due now, for a host's scheduler
     * (say, once a minute), and returns what it did (both kinds counted together); with
     * {@code monthlyStatements(true)}, the first round of a month also schedules the statements of
     * the month before. A round also schedules the expiry notices of API keys that expire within
     * {@code keyExpiryNotice} (7 days by default; looked for at most once a minute per instance).
     * Mailer failures are recorded, never thrown; a storage failure is thrown.
     */
    DispatchSummary dispatchPending();

    /**
     * Starts a daemon thread that runs {@link #dispatchPending()} now and then every {@code interval}
     * after the previous round ends, until the returned dispatcher is closed (or the kit is). A
     * failing round is logged and the next one runs as planned.
     *
     * @param interval the pause between rounds; more than zero, at most one day
     */
    BackgroundDispatcher startDispatcher(Duration interval);

    /**
     * The deliveries due now and not yet sent, counted up to 1,000, with the time the oldest became
     * due: one bounded read, for a health check or a gauge. A storage failure is thrown.
     *
     * @since 0.2.0
     */
    DeliveryBacklog backlog();
}
