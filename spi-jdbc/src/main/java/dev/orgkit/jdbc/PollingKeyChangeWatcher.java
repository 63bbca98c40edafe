package dev.orgkit.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the API key change counter every interval, and makes the cache forget everything when it
 * moved. Every transaction that revokes or rolls a key adds one to it before committing, and the
 * additions are serialized by the counter's row lock, so any committed change moves it: a revocation
 * through another instance is seen here within one interval (plus the query).
 */
final class PollingKeyChangeWatcher implements KeyChangeWatcher {
    private static final Logger LOG = LoggerFactory.getLogger(PollingKeyChangeWatcher.class);
    static final String READ_VERSION = "SELECT version FROM orgkit_api_key_changes WHERE id = 1";

    private final DataSource dataSource;
    private final ApiKeyCache cache;
    private final ScheduledExecutorService executor;
    private volatile long lastVersion = -1;
    private volatile boolean failing;

    PollingKeyChangeWatcher(DataSource dataSource, ApiKeyCache cache, Duration interval) {
        this.dataSource = dataSource;
        this.cache = cache;
        this.executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "orgkit-api-key-changes");
            thread.setDaemon(true);
            return thread;
        });
        // The first read is made now, before the first lookup the cache serves, so that every change
        // committed after it moves the counter past what this watcher has seen.
        poll();
        executor.scheduleWithFixedDelay(this::poll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void poll() {
        try {
            long version = readVersion();
            if (version != lastVersion) {
                // The first read, a change, or the first read after failures (which may have missed one).
                cache.invalidateAll();
                lastVersion = version;
            }
            if (failing) {
                failing = false;
                LOG.info("Hearing API key changes from other instances again; the verification cache was cleared.");
            }
        } catch (SQLException | RuntimeException e) {
            lastVersion = -1;
            if (!failing) {
                failing = true;
                LOG.warn("Cannot read API key changes from other instances (SQLState {}); until it can, the"
                        + " verification cache serves each key for at most its time to live.", sqlState(e));
            }
        }
    }

    private long readVersion() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(READ_VERSION)) {
            long version = row.next() ? row.getLong(1) : 0;
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            return version;
        }
    }

    static String sqlState(Exception e) {
        return e instanceof SQLException sql ? sql.getSQLState() : e.getClass().getSimpleName();
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
