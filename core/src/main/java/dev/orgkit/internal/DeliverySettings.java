package dev.orgkit.internal;

import java.time.Duration;

/**
 * How invitation mails are retried: the first retry waits {@code backoffBase}, each next one twice
 * as long, never more than {@code backoffCap}; after {@code maxAttempts} failed attempts the
 * delivery is given up. A dispatcher's claim on a delivery holds for {@code lease}.
 *
 * @param backoffBase the wait after the first failure; more than zero
 * @param backoffCap the longest wait; at least {@code backoffBase}
 * @param maxAttempts attempts before giving up; at least one
 * @param lease how long one attempt may take before another dispatcher may claim the delivery again
 */
public record DeliverySettings(Duration backoffBase, Duration backoffCap, int maxAttempts, Duration lease) {
    /** One minute, doubling up to six hours, ten attempts (about a day and a half), a five-minute lease. */
    public static final DeliverySettings DEFAULTS =
            new DeliverySettings(Duration.ofMinutes(1), Duration.ofHours(6), 10, Duration.ofMinutes(5));

    /** The wait before the next attempt, after {@code failedAttempts} attempts failed. */
    public Duration backoffAfter(int failedAttempts) {
        Duration delay = backoffBase;
        for (int i = 1; i < failedAttempts && delay.compareTo(backoffCap) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(backoffCap) > 0 ? backoffCap : delay;
    }
}
