package dev.orgkit.internal;

import dev.orgkit.delivery.BackgroundDispatcher;
import dev.orgkit.delivery.DispatchSummary;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs {@link DeliveryService#dispatchPending()} on one daemon thread, with a pause between rounds. */
final class Dispatcher implements BackgroundDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final DeliveryService deliveries;
    private final Duration interval;
    private final ScheduledExecutorService executor;
    private volatile @Nullable Thread worker;

    Dispatcher(DeliveryService deliveries, Duration interval) {
        this.deliveries = deliveries;
        this.interval = interval;
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "orgkit-delivery-dispatcher");
            thread.setDaemon(true);
            worker = thread;
            return thread;
        });
    }

    void start() {
        executor.scheduleWithFixedDelay(this::round, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void round() {
        try {
            DispatchSummary summary = deliveries.dispatchPending();
            if (summary.total() > 0) {
                LOG.debug("Dispatched invitation mails: {}", summary);
            }
        } catch (RuntimeException e) {
            // A failing round must not end the schedule (the executor would drop it silently).
            LOG.warn("A round of invitation mail dispatching failed; the next one runs as planned: {}", e.toString());
        }
        try {
            deliveries.housekeep();
        } catch (RuntimeException e) {
            LOG.warn("Purging deleted accounts failed; the next round tries again: {}", e.toString());
        }
    }

    @Override
    public void close() {
        executor.shutdown();
        if (Thread.currentThread() == worker) {
            // Closed from inside a round (say, by a mailer): that round is the caller's; waiting for it would never end.
            deliveries.stopped(this);
            return;
        }
        try {
            while (!executor.awaitTermination(1, TimeUnit.MINUTES)) {
                LOG.info("Waiting for the current round of invitation mail dispatching to finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            deliveries.stopped(this);
        }
    }
}
