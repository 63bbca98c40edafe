package dev.orgkit.delivery;

import dev.orgkit.internal.Check;
import java.time.Instant;
import java.util.Optional;

/**
 * The invitation mails due now and not yet sent (first attempts and retries whose time has come), for
 * health checks and gauges. Counted up to a bound, so that reading it stays cheap however large the
 * outbox grows.
 *
 * @param due how many deliveries are due, at most the bound
 * @param capped whether there are more than {@code due}: the count stopped at the bound
 * @param oldestDueAt when the delivery that has waited longest became due; empty when none is due
 * @since 0.2.0
 */
public record DeliveryBacklog(int due, boolean capped, Optional<Instant> oldestDueAt) {

    /** Rejects missing parts and a negative count. */
    public DeliveryBacklog {
        Check.notNull("oldestDueAt", oldestDueAt);
        if (due < 0) {
            new Check().add("due", "must not be negative").throwIfAny();
        }
    }
}
