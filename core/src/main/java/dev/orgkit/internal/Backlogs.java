package dev.orgkit.internal;

import dev.orgkit.delivery.DeliveryBacklog;
import dev.orgkit.spi.DeliveryRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reads the outbox backlog with one bounded query: the deliveries due now, earliest first. */
final class Backlogs {
    /** The most deliveries one reading counts. */
    static final int BOUND = 1_000;

    private Backlogs() {}

    static DeliveryBacklog read(Kernel kernel) {
        Instant now = kernel.now();
        List<DeliveryRecord> due = kernel.storage.read(tx -> tx.deliveries().due(now, BOUND + 1));
        Optional<Instant> oldest = due.stream().map(DeliveryRecord::nextAttemptAt).min(Instant::compareTo);
        return new DeliveryBacklog(Math.min(due.size(), BOUND), due.size() > BOUND, oldest);
    }
}
