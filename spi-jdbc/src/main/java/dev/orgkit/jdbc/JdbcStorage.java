package dev.orgkit.jdbc;

import dev.orgkit.InvalidInputException;
import dev.orgkit.OrgKitException;
import dev.orgkit.StorageException;
import dev.orgkit.spi.ReadTransaction;
import dev.orgkit.spi.Storage;
import dev.orgkit.spi.WriteTransaction;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * orgkit's state in a relational database through JDBC: PostgreSQL, MariaDB/MySQL or H2, detected
 * from the connection's metadata.
 *
 * <pre>{@code
 * Storage storage = JdbcStorage.migrate(dataSource);   // applies the bundled migrations first
 * Storage storage = JdbcStorage.create(dataSource);    // the host's Flyway ran them already
 * }</pre>
 *
 * <p>Each {@link #write} is one database transaction at READ COMMITTED (set explicitly: MariaDB's
 * default, REPEATABLE READ, would read stale rows after waiting for a lock); locking an account is
 * {@code SELECT ... FOR UPDATE} on its row, so commands on one account serialize across every JVM
 * that shares the database. The transaction commits when the work returns and rolls back when it
 * throws: an {@link OrgKitException} propagates unchanged, a database failure as a
 * {@link StorageException} with the {@link SQLException} as its cause. The connection goes back to
 * the pool in every case, with its auto-commit and read-only settings restored. Each
 * {@link #read} is a read-only transaction.
 *
 * <p>Ids are compared byte by byte (the "C" collation on PostgreSQL, {@code utf8mb4_bin} on
 * MariaDB), which is the order of {@link String#compareTo} for every id without characters beyond
 * U+FFFF. Instants are stored in UTC to the microsecond.
 *
 * <p>Thread-safe; share one instance. The {@link DataSource} should be a pool (HikariCP or the
 * host's); orgkit never closes it.
 *
 * @since 0.1.0
 */
public final class JdbcStorage implements Storage {
    private static final System.Logger LOG = System.getLogger(JdbcStorage.class.getName());

    private final DataSource dataSource;
    private final Dialect dialect;
    /** Physical connections known to be at READ COMMITTED; weak, so closed ones go away. */
    private final Map<Connection, Boolean> readCommitted = Collections.synchronizedMap(new WeakHashMap<>());

    private JdbcStorage(DataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    /**
     * A storage on a database whose orgkit schema exists already (for example because the host's
     * Flyway ran {@code classpath:db/orgkit/<dialect>}). Opens one connection to detect the dialect.
     */
    public static JdbcStorage create(DataSource dataSource) {
        requireArgument("dataSource", dataSource);
        return new JdbcStorage(dataSource, detect(dataSource));
    }

    /**
     * Applies the bundled migrations that the database lacks, then returns a storage on it. Safe to
     * call on every start, and from several JVMs at once: migrations run one process at a time under
     * a database lock, each at most once, recorded in {@code orgkit_schema_history}.
     */
    public static JdbcStorage migrate(DataSource dataSource) {
        requireArgument("dataSource", dataSource);
        Dialect dialect = detect(dataSource);
        Migrations.apply(dataSource, dialect);
        return new JdbcStorage(dataSource, dialect);
    }

    private static void requireArgument(String name, @Nullable Object value) {
        if (value == null) {
            throw new InvalidInputException(List.of(new InvalidInputException.Violation(name, "must not be null")));
        }
    }

    private static Dialect detect(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return Dialect.of(connection);
        } catch (SQLException e) {
            throw new StorageException("could not connect to the database to detect its kind (SQLState "
                    + e.getSQLState() + ")", e);
        }
    }

    /** The name of the detected dialect: {@code postgresql}, {@code mariadb} or {@code h2}. */
    public String dialect() {
        return dialect.name();
    }

    @Override
    public <T> T read(Function<? super ReadTransaction, ? extends T> work) {
        requireArgument("work", work);
        return inTransaction(true, work);
    }

    @Override
    public <T> T write(Function<? super WriteTransaction, ? extends T> work) {
        requireArgument("work", work);
        return inTransaction(false, work);
    }

    private <T> T inTransaction(boolean readOnly, Function<? super JdbcTransaction, ? extends T> work) {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw new StorageException("could not get a database connection (SQLState " + e.getSQLState() + ")", e);
        }
        Throwable failure = null;
        boolean restoreAutoCommit = false;
        boolean restoreReadOnly = false;
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
            T result = work.apply(new JdbcTransaction(new Sql(connection, dialect), !readOnly));
            connection.commit();
            return result;
        } catch (OrgKitException e) {
            failure = e;
            throw e;
        } catch (SQLException e) {
            failure = new StorageException((readOnly ? "the read" : "the write") + " transaction failed and was"
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

    @Override
    public String toString() {
        return "JdbcStorage[" + dialect.name() + "]";
    }
}
