package dev.orgkit.spring.boot.autoconfigure.internal;

import dev.orgkit.OrgKit;
import dev.orgkit.delivery.DeliveryBacklog;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The health of orgkit: {@code UP} when its storage answers, with the outbox in the details
 * ({@code deliveriesDue}, {@code deliveriesDueCapped} when the count stopped at its bound, and
 * {@code oldestDueDelivery}); {@code DOWN} with the error when the storage cannot be read. A backlog
 * does not make orgkit down: mails wait and are retried.
 */
public final class OrgKitHealthIndicator extends AbstractHealthIndicator {
    private final OrgKit kit;

    /** The health of {@code kit}. */
    public OrgKitHealthIndicator(OrgKit kit) {
        super("orgkit health check failed");
        this.kit = kit;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        DeliveryBacklog backlog = kit.deliveries().backlog();
        builder.up().withDetail("storage", "reachable").withDetail("deliveriesDue", backlog.due());
        if (backlog.capped()) {
            builder.withDetail("deliveriesDueCapped", true);
        }
        backlog.oldestDueAt().ifPresent(at -> builder.withDetail("oldestDueDelivery", at.toString()));
    }
}
