package dev.orgkit.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on PostgreSQL for API key changes: every transaction that revokes or rolls a key runs
 * {@code pg_notify} on {@link #CHANNEL}, which the database delivers when it commits, so a revocation
 * through another instance reaches this cache within milliseconds. Holds one connection of the pool
 * for itself, in auto-commit. When the connection breaks, it says so in the log (the cache then falls
 * back to its time to live), and connects again with a growing pause (100 ms to 30 s); once it
 * listens again, it clears the cache, since it may have missed a change.
 *
 * <p>Uses the PostgreSQL driver's {@code PGConnection.getNotifications} by reflection, so that this
 * module compiles against {@code java.sql} only.
 */
final class PostgresKeyChangeListener implements KeyChangeWatcher {
    /** The notification channel. */
    static final String CHANNEL = "orgkit_api_key_changes";
    private static final Logger LOG = LoggerFactory.getLogger(PostgresKeyChangeListener.class);
    private static final String PG_CONNECTION = "org.postgresql.PGConnection";
    private static final int WAIT_MILLIS = 500;
    private static final Duration FIRST_PAUSE = Duration.ofMillis(100);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);

    private final DataSource dataSource;
    private final ApiKeyCache cache;
    private final Thread thread;
    private volatile boolean closed;

    PostgresKeyChangeListener(DataSource dataSource, ApiKeyCache cache) {
        this.dataSource = dataSource;
        this.cache = cache;
        this.thread = new Thread(this::run, "orgkit-api-key-changes");
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether the connections of {@code dataSource} are the PostgreSQL driver's, which can listen. */
    static boolean isAvailable(DataSource dataSource) {
        try (Connection probe = dataSource.getConnection()) {
            return pgConnectionClass(probe).isPresent();
        } catch (SQLException e) {
            return false;
        }
    }

    private void run() {
        Duration pause = FIRST_PAUSE;
        boolean heard = true;
        while (!closed) {
            try (Connection listening = dataSource.getConnection()) {
                listening.setAutoCommit(true);
                try (Statement statement = listening.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                cache.invalidateAll();
                if (!heard) {
                    LOG.info("Listening for API key changes from other instances again; the verification cache"
                            + " was cleared.");
                }
                heard = true;
                pause = FIRST_PAUSE;
                Object pg = listening.unwrap(pgConnectionClass(listening).orElseThrow());
                Method getNotifications = pg.getClass().getMethod("getNotifications", int.class);
                while (!closed) {
                    Object[] notifications = (Object[]) getNotifications.invoke(pg, WAIT_MILLIS);
                    if (notifications != null && notifications.length > 0) {
                        cache.invalidateAll();
                    }
                }
            } catch (SQLException | ReflectiveOperationException | RuntimeException e) {
                if (closed) {
                    return;
                }
                if (heard) {
                    heard = false;
                    LOG.warn("Lost the connection that listens for API key changes from other instances ({});"
                            + " until it is back, the verification cache serves each key for at most its time to"
                            + " live.", describe(e));
                }
                sleep(pause);
                pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
            }
        }
    }

    private static Optional<Class<?>> pgConnectionClass(Connection connection) {
        for (ClassLoader loader : new ClassLoader[] {connection.getClass().getClassLoader(),
                Thread.currentThread().getContextClassLoader(), PostgresKeyChangeListener.class.getClassLoader()}) {
            try {
                Class<?> type = Class.forName(PG_CONNECTION, false, loader);
                if (connection.isWrapperFor(type)) {
                    return Optional.of(type);
                }
            } catch (ClassNotFoundException | SQLException | RuntimeException e) {
                // Not visible from this loader, or not a PostgreSQL connection: try the next.
            }
        }
        return Optional.empty();
    }

    private static String describe(Exception e) {
        Throwable cause = e instanceof InvocationTargetException invoked && invoked.getCause() != null
                ? invoked.getCause() : e;
        return cause instanceof SQLException sql ? "SQLState " + sql.getSQLState() : cause.getClass().getSimpleName();
    }

    private void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
