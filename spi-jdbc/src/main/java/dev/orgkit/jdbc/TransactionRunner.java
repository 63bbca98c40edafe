package dev.orgkit.jdbc;

import dev.orgkit.OrgKitException;
import dev.orgkit.StorageException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Runs the work of {@link JdbcStorage#read} and {@link JdbcStorage#write} in one database
 * transaction at READ COMMITTED on a connection from the pool: commits when the work returns, rolls
 * back when it throws, and gives the connection back with its auto-commit and read-only settings
 * restored in every case. A failure of the {@code COMMIT} itself (typically the connection died
 * while the database committed) leaves the outcome unknown, and the exception says so rather than
 * claiming a rollback. Thread-safe.
 */
final class TransactionRunner {
    /** JdbcStorage's logger, as before this class was split from it: hosts' log settings still apply. */
    private static final System.Logger LOG = System.getLogger(JdbcStorage.class.getName());

    private final DataSource dataSource;
    private final Dialect dialect;
    private final JdbcTransaction.Queries queries;
    private final @Nullable ApiKeyCache cache;
    /** Physical connections known to be at READ COMMITTED; weak, so closed ones go away. */
    private final Map<Connection, Boolean> readCommitted = Collections.synchronizedMap(new WeakHashMap<>());

    /** A runner whose writes that change API keys invalidate {@code cache}, if there is one. */
    TransactionRunner(DataSource dataSource, Dialect dialect, @Nullable ApiKeyCache cache) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.queries = JdbcTransaction.Queries.of(dialect);
        this.cache = cache;
    }

    /**
     * Runs {@code work} in a transaction and returns what it returns. An {@link OrgKitException}
     * propagates unchanged; a database failure, or any other exception, as a {@link StorageException}
     * with the cause, whose message says the transaction was rolled back, or, if the failure came from
     * the commit of a write, that the outcome of the commit is unknown.
     */
    <T> T run(boolean readOnly, Function<? super JdbcTransaction, ? extends T> work) {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw new StorageException("could not get a database connection (SQLState " + e.getSQLState() + ")", e);
        }
        Throwable failure = null;
        JdbcTransaction tx = null;
        boolean restoreAutoCommit = false;
        boolean restoreReadOnly = false;
        boolean committing = false;
        try {
            useReadCommitted(connection);
            if (connection.isReadOnly() != readOnly) {
                connection.setReadOnly(readOnly);
                restoreReadOnly = true;
            }
            if (connection.getAutoCommit()) {
                connection.setAutoCommit(false);
                restoreAutoCommit = true;
            }
            tx = new JdbcTransaction(new Sql(connection, dialect), queries, !readOnly);
            T result = work.apply(tx);
            committing = true;
            connection.commit();
            return result;
        } catch (OrgKitException e) {
            failure = e;
            throw e;
        } catch (SQLException e) {
            failure = committing && !readOnly
                    ? new StorageException("the commit of the write transaction failed (SQLState " + e.getSQLState()
                            + "): the outcome of the commit is unknown, it may have committed", e)
                    : new StorageException((readOnly ? "the read" : "the write") + " transaction failed and was"
                            + " rolled back (SQLState " + e.getSQLState() + ")", e);
            throw (StorageException) failure;
        } catch (RuntimeException e) {
            failure = new StorageException("the transaction failed and was rolled back", e);
            throw (StorageException) failure;
        } catch (Error e) {
            failure = e;
            throw e;
        } finally {
            release(connection, failure, restoreAutoCommit, restoreReadOnly);
            if (cache != null && tx != null && tx.changedApiKeys()) {
                // After the commit (or the rollback): lookups from now on read what the database holds.
                cache.invalidateAll();
            }
        }
    }

    /**
     * Puts the connection in READ COMMITTED. Asking a driver for the isolation can cost a round trip
     * (PostgreSQL's does), so a physical connection found at READ COMMITTED is remembered and not
     * asked again; one that had to be set is asked again next time, since pools such as HikariCP
     * reset what a borrower changed.
     */
    private void useReadCommitted(Connection connection) throws SQLException {
        Connection physical = connection.isWrapperFor(Connection.class) ? connection.unwrap(Connection.class) : connection;
        if (readCommitted.containsKey(physical)) {
            return;
        }
        if (connection.getTransactionIsolation() == Connection.TRANSACTION_READ_COMMITTED) {
            readCommitted.put(physical, Boolean.TRUE);
        } else {
            connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        }
    }

    /**
     * Rolls back if the work failed, restores the connection's settings and closes it. A problem on
     * the way is added to the failure (it never hides it); after a commit it is only logged, since
     * the caller's work is done.
     */
    private static void release(Connection connection, @Nullable Throwable failure, boolean restoreAutoCommit,
            boolean restoreReadOnly) {
        SQLException problem = null;
        if (failure != null) {
            try {
                connection.rollback();
            } catch (SQLException e) {
                problem = e;
            }
        }
        try {
            if (restoreAutoCommit) {
                connection.setAutoCommit(true);
            }
            if (restoreReadOnly) {
                connection.setReadOnly(!connection.isReadOnly());
            }
        } catch (SQLException e) {
            problem = chain(problem, e);
        }
        try {
            connection.close();
        } catch (SQLException e) {
            problem = chain(problem, e);
        }
        if (problem != null) {
            if (failure != null) {
                failure.addSuppressed(problem);
            } else {
                LOG.log(System.Logger.Level.WARNING, "orgkit committed a transaction, but could not release"
                        + " its connection cleanly", problem);
            }
        }
    }

    private static SQLException chain(@Nullable SQLException first, SQLException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }
}
