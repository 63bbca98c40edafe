package dev.orgkit.apikey;

/**
 * A background thread that flushes buffered API key usage at a fixed interval, started by
 * {@link ApiKeys#startUsageFlusher}. Closing it stops the thread and flushes one last time.
 *
 * @since 0.1.0
 */
public interface UsageFlusher extends AutoCloseable {
    /** Stops the thread, waits for a flush in progress, then flushes what is left. Idempotent. */
    @Override
    void close();
}
