package dev.orgkit.spring.boot.autoconfigure.internal;

import dev.orgkit.OrgKit;
import dev.orgkit.delivery.BackgroundDispatcher;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;

/**
 * Runs orgkit's background dispatcher of invitation mails while the application runs: started with
 * the context, stopped (waiting for the round in progress) when it closes, before the storage and its
 * {@code DataSource} are destroyed.
 */
public final class DeliveryDispatcherLifecycle implements SmartLifecycle {
    private final OrgKit kit;
    private final Duration interval;
    private @Nullable BackgroundDispatcher dispatcher;

    /** Dispatches every {@code interval} once started. */
    public DeliveryDispatcherLifecycle(OrgKit kit, Duration interval) {
        this.kit = kit;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        if (dispatcher == null) {
            dispatcher = kit.deliveries().startDispatcher(interval);
        }
    }

    @Override
    public synchronized void stop() {
        if (dispatcher != null) {
            dispatcher.close();
            dispatcher = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return dispatcher != null;
    }

    @Override
    public int getPhase() {
        return Phases.ORGKIT;
    }
}
