package dev.orgkit.spi;

import java.util.List;

/**
 * The reads and writes of API-key usage in a read-write transaction. Obtained from
 * {@link WriteTransaction#usage()}. Usage is written in batches by the usage flusher, never on the
 * verification path.
 *
 * @since 0.2.0
 */
public interface UsageStore extends UsageReads {

    /**
     * Adds each increment to the stored usage of its (key, day), and moves the key's last-used time
     * forward to the increment's {@code lastUsedAt} if that is later. Increments of unknown keys
     * are ignored. Safe when several JVMs add to the same (key, day) at once: no increment is lost.
     */
    void add(List<UsageIncrement> batch);
}
