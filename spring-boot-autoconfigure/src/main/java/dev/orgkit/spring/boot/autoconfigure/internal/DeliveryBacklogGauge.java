package dev.orgkit.spring.boot.autoconfigure.internal;

import dev.orgkit.OrgKit;
import dev.orgkit.delivery.DeliveryBacklog;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gauge {@code orgkit.deliveries.pending}: the invitation mails due and not yet sent (counted up
 * to 1,000). Reading it is a query, so a reading is reused for {@value #REUSE_SECONDS} seconds however
 * often the registry is scraped; when the storage cannot be read the gauge is NaN.
 */
public final class DeliveryBacklogGauge implements MeterBinder {
    /** The gauge's name. */
    public static final String PENDING = "orgkit.deliveries.pending";
    static final long REUSE_SECONDS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryBacklogGauge.class);

    private final OrgKit kit;
    private final LongSupplier nanoTime;
    private long readAt;
    private double last = Double.NaN;
    private boolean read;

    /** The gauge on {@code kit}'s outbox. */
    public DeliveryBacklogGauge(OrgKit kit) {
        this(kit, System::nanoTime);
    }

    DeliveryBacklogGauge(OrgKit kit, LongSupplier nanoTime) {
        this.kit = kit;
        this.nanoTime = nanoTime;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(PENDING, this, DeliveryBacklogGauge::pending)
                .description("Invitation mails due and not yet sent (counted up to 1,000)")
                .register(registry);
    }

    synchronized double pending() {
        long now = nanoTime.getAsLong();
        if (read && now - readAt < Duration.ofSeconds(REUSE_SECONDS).toNanos()) {
            return last;
        }
        try {
            DeliveryBacklog backlog = kit.deliveries().backlog();
            last = backlog.due();
        } catch (RuntimeException e) {
            LOG.debug("The outbox backlog could not be read: {}", e.toString());
            last = Double.NaN;
        }
        readAt = now;
        read = true;
        return last;
    }
}
