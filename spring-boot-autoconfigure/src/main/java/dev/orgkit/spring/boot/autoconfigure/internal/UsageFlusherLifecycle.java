package dev.orgkit.spring.boot.autoconfigure.internal;

import dev.orgkit.OrgKit;
import dev.orgkit.apikey.UsageFlusher;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;

/**
 * Flushes the API key usage that {@code verify} counts in memory, every interval while the
 * application runs, and one last time when it stops: after the web server has stopped taking
 * requests (so the last verifications are counted) and before the storage and its
 * {@code DataSource} are destroyed (so the flush can still write).
 */
public final class UsageFlusherLifecycle implements SmartLifecycle {
    private final OrgKit kit;
    private final Duration interval;
    private @Nullable UsageFlusher flusher;

    /** Flushes every {@code interval} once started. */
    public UsageFlusherLifecycle(OrgKit kit, Duration interval) {
        this.kit = kit;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        if (flusher == null) {
            flusher = kit.apiKeys().startUsageFlusher(interval);
        }
    }

    /** Stops the flusher, which flushes what is left. */
    @Override
    public synchronized void stop() {
        if (flusher != null) {
            flusher.close();
            flusher = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return flusher != null;
    }

    @Override
    public int getPhase() {
        return Phases.ORGKIT;
    }
}
