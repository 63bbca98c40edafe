package dev.orgkit.jdbc;

import java.time.Duration;
import javax.sql.DataSource;

/**
 * Hears that another instance revoked or rolled an API key, and makes the verification cache of
 * this one forget what it holds. While it cannot hear (the database is unreachable), the cache
 * falls back to its time to live, and the watcher says so in the log; once it hears again it
 * forgets everything, since it may have missed changes.
 */
interface KeyChangeWatcher extends AutoCloseable {

    /** Stops hearing; waits for the watcher's thread to end. Idempotent. */
    @Override
    void close();

    /**
     * The watcher for {@code dialect}: PostgreSQL's {@code LISTEN} when its driver offers it, otherwise
     * polling {@code orgkit_api_key_changes} every {@code pollInterval}. Starts hearing at once.
     */
    static KeyChangeWatcher start(DataSource dataSource, Dialect dialect, ApiKeyCache cache, Duration pollInterval) {
        if (dialect instanceof PostgresDialect && PostgresKeyChangeListener.isAvailable(dataSource)) {
            return new PostgresKeyChangeListener(dataSource, cache);
        }
        return new PollingKeyChangeWatcher(dataSource, cache, pollInterval);
    }
}
