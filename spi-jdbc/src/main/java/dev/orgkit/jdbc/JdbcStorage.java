package dev.orgkit.jdbc;

import dev.orgkit.InvalidInputException;
import dev.orgkit.StorageException;
import dev.orgkit.spi.ApiKeyRecord;
import dev.orgkit.spi.ReadTransaction;
import dev.orgkit.spi.SecretHash;
import dev.orgkit.spi.Storage;
import dev.orgkit.spi.WriteTransaction;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;
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
 * throws: an {@link dev.orgkit.OrgKitException} propagates unchanged, a database failure as a
 * {@link StorageException} with the {@link SQLException} as its cause. The connection goes back to
 * the pool in every case, with its auto-commit and read-only settings restored. Each
 * {@link #read} is a read-only transaction.
 *
 * <p>Ids are compared byte by byte (the "C" collation on PostgreSQL, {@code utf8mb4_bin} on
 * MariaDB), which is the order of {@link String#compareTo} for every id without characters beyond
 * U+FFFF. Instants are stored in UTC to the microsecond.
 *
 * <p>API key verification ({@link #apiKeyByHash}) is one indexed {@code SELECT} by the key's hash
 * on a pooled connection, outside any explicit transaction, and writes nothing. With
 * {@link #withApiKeyCache} it is served from memory while fresh: a revocation or roll made through
 * this instance is seen by the next verification; one made through another instance as soon as
 * this one hears of it: at once on PostgreSQL ({@code LISTEN}/{@code NOTIFY}, on one connection the
 * cache holds), within the poll interval on MariaDB and H2 (which read a change counter), and in any
 * case once the cached entry's time to live has run out.
 *
 * <p>Thread-safe; share one instance. The {@link DataSource} should be a pool (HikariCP or the
 * host's); orgkit never closes it. {@link #close()} stops the cache's listener; close the storage
 * before the pool.
 *
 * @since 0.1.0
 */
public final class JdbcStorage implements Storage, AutoCloseable {
    /** The most keys {@link #withApiKeyCache} may hold. */
    public static final int MAX_CACHE_ENTRIES = 10_000_000;
    /** The longest time to live {@link #withApiKeyCache} accepts: how stale another instance's revocation may be. */
    public static final Duration MAX_CACHE_TIME_TO_LIVE = Duration.ofMinutes(5);
    /** How often, by default, a cache on MariaDB or H2 reads whether another instance changed a key. @since 0.2.0 */
    public static final Duration DEFAULT_CHANGE_POLL_INTERVAL = Duration.ofSeconds(1);

    private final DataSource dataSource;
    private final Dialect dialect;
    private final @Nullable ApiKeyCache cache;
    private final Duration changePollInterval;
    private final TransactionRunner transactions;
    private final Object watcherLock = new Object();
    private @Nullable KeyChangeWatcher watcher;
    private volatile boolean watching;
    private boolean closed;

    private JdbcStorage(DataSource dataSource, Dialect dialect, @Nullable ApiKeyCache cache,
            Duration changePollInterval) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.cache = cache;
        this.changePollInterval = changePollInterval;
        this.transactions = new TransactionRunner(dataSource, dialect, cache);
    }

    private JdbcStorage(DataSource dataSource, Dialect dialect) {
        this(dataSource, dialect, null, DEFAULT_CHANGE_POLL_INTERVAL);
    }

    /**
     * This storage with a verification cache of at most {@code maxEntries} keys (1 to 10,000,000),
     * each served for at most {@code timeToLive} (more than zero, at most 5 minutes) after it was
     * read. A revocation or roll through the returned storage is seen at once on it; through any
     * other instance (another JVM, or a storage without this cache) as soon as the cache hears of it
     * (on PostgreSQL within milliseconds; on MariaDB and H2 within a poll interval of one second),
     * and never later than {@code timeToLive}. Use the returned storage, and only it, for the kit,
     * and close it when the kit is closed.
     */
    public JdbcStorage withApiKeyCache(int maxEntries, Duration timeToLive) {
        return withApiKeyCache(maxEntries, timeToLive, DEFAULT_CHANGE_POLL_INTERVAL);
    }

    /**
     * {@link #withApiKeyCache(int, Duration)}, reading on MariaDB and H2 every {@code changePollInterval}
     * (10 ms to 1 minute) whether another instance revoked or rolled a key. PostgreSQL does not poll: it
     * is notified.
     *
     * @since 0.2.0
     */
    public JdbcStorage withApiKeyCache(int maxEntries, Duration timeToLive, Duration changePollInterval) {
        return withApiKeyCache(maxEntries, timeToLive, changePollInterval, System::nanoTime);
    }

    /** {@link #withApiKeyCache(int, Duration, Duration)} with a ticker that tests move. */
    JdbcStorage withApiKeyCache(int maxEntries, Duration timeToLive, Duration changePollInterval,
            LongSupplier nanoTime) {
        List<InvalidInputException.Violation> violations = new ArrayList<>();
        if (maxEntries < 1 || maxEntries > MAX_CACHE_ENTRIES) {
            violations.add(new InvalidInputException.Violation("maxEntries", "must be from 1 to " + MAX_CACHE_ENTRIES));
        }
        if (timeToLive == null || timeToLive.isNegative() || timeToLive.isZero()
                || timeToLive.compareTo(MAX_CACHE_TIME_TO_LIVE) > 0) {
            violations.add(new InvalidInputException.Violation("timeToLive", "must be more than zero and at most 5 minutes"));
        }
        if (changePollInterval == null || changePollInterval.toMillis() < 10
                || changePollInterval.compareTo(Duration.ofMinutes(1)) > 0) {
            violations.add(new InvalidInputException.Violation("changePollInterval", "must be from 10 ms to 1 minute"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return new JdbcStorage(dataSource, dialect, new ApiKeyCache(maxEntries, timeToLive, nanoTime),
                changePollInterval);
    }

    /**
     * A storage on a database whose orgkit schema exists already (for example because the host's
     * Flyway ran {@code classpath:db/orgkit/<dialect>}). Opens one connection to detect the dialect.
     */
    public static JdbcStorage create(DataSource dataSource) {
        requireArgument("dataSource", dataSource);
        Dialect dialect = detect(dataSource);
        requireSchema(dataSource, dialect);
        return new JdbcStorage(dataSource, dialect);
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

    /** A query on a table (or column) of each bundled migration: the schema is complete only if every one runs. */
    private static final List<String> PROBE_OF_EACH_MIGRATION = List.of(
            "SELECT account_id FROM orgkit_accounts WHERE 1 = 0",
            "SELECT account_id FROM orgkit_api_keys WHERE 1 = 0",
            "SELECT account_id FROM orgkit_invitation_deliveries WHERE 1 = 0",
            "SELECT account_id FROM orgkit_support_requests WHERE 1 = 0",
            "SELECT account_id FROM orgkit_notices WHERE 1 = 0",
            "SELECT scopes FROM orgkit_api_keys WHERE 1 = 0",
            "SELECT restore_until FROM orgkit_accounts WHERE 1 = 0",
            PollingKeyChangeWatcher.READ_VERSION,
            "SELECT batch_id FROM orgkit_usage_flushes WHERE 1 = 0");

    /** An index that a bundled migration adds, and nothing else: no query can probe it, the metadata lists it. */
    private record RequiredIndex(String table, String name) {}

    private static final List<RequiredIndex> INDEX_OF_EACH_MIGRATION = List.of(
            new RequiredIndex("orgkit_api_keys", "orgkit_api_keys_expiring"));

    /** Fails at start, not at the first command, when the schema is missing or behind this version of orgkit. */
    private static void requireSchema(DataSource dataSource, Dialect dialect) {
        String remedy = ": use JdbcStorage.migrate, or have your Flyway run classpath:" + Migrations.ROOT + dialect.name();
        Optional<String> missingIndex;
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            for (String probe : PROBE_OF_EACH_MIGRATION) {
                statement.executeQuery(probe).close();
            }
            missingIndex = missingIndex(connection);
        } catch (SQLException e) {
            throw new StorageException("the orgkit schema is missing, incomplete or unreachable (SQLState "
                    + e.getSQLState() + ")" + remedy, e);
        }
        missingIndex.ifPresent(index -> {
            throw new StorageException("the orgkit schema is incomplete (it lacks the index " + index + ")" + remedy);
        });
    }

    private static Optional<String> missingIndex(Connection connection) throws SQLException {
        DatabaseMetaData metadata = connection.getMetaData();
        for (RequiredIndex index : INDEX_OF_EACH_MIGRATION) {
            String table = metadata.storesUpperCaseIdentifiers() ? index.table().toUpperCase(Locale.ROOT) : index.table();
            boolean found = false;
            try (ResultSet indexes = metadata.getIndexInfo(connection.getCatalog(), connection.getSchema(), table,
                    false, true)) {
                while (indexes.next() && !found) {
                    found = index.name().equalsIgnoreCase(indexes.getString("INDEX_NAME"));
                }
            }
            if (!found) {
                return Optional.of(index.name());
            }
        }
        return Optional.empty();
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

    /**
     * The key with this hash: from the cache if there is one and it holds the key, otherwise one
     * {@code SELECT} on the unique index of key hashes, in auto-commit (a single statement reads one
     * consistent snapshot), with no write.
     */
    @Override
    public Optional<ApiKeyRecord> apiKeyByHash(SecretHash hash) {
        requireArgument("hash", hash);
        if (cache == null) {
            return lookUp(hash);
        }
        if (!watching) {
            startWatcher();
        }
        long generation = cache.generation();
        Optional<ApiKeyRecord> cached = cache.get(hash, generation);
        if (cached.isPresent()) {
            return cached;
        }
        Optional<ApiKeyRecord> found = lookUp(hash);
        found.ifPresent(record -> cache.put(hash, record, generation));
        return found;
    }

    /** Starts hearing other instances' key changes, once, at the first verification through the cache. */
    private void startWatcher() {
        synchronized (watcherLock) {
            if (!watching && !closed && cache != null) {
                watcher = KeyChangeWatcher.start(dataSource, dialect, cache, changePollInterval);
            }
            watching = true;
        }
    }

    /**
     * Stops hearing other instances' API key changes (the cache's listener or poller), if it started.
     * The storage stays usable, its cache bound again by its time to live alone. The {@link DataSource}
     * is the host's and stays open. Idempotent.
     *
     * @since 0.2.0
     */
    @Override
    public void close() {
        synchronized (watcherLock) {
            closed = true;
            watching = true;
            if (watcher != null) {
                watcher.close();
                watcher = null;
            }
        }
    }

    private Optional<ApiKeyRecord> lookUp(SecretHash hash) {
        try (Connection connection = dataSource.getConnection()) {
            Optional<ApiKeyRecord> found;
            try (PreparedStatement statement = connection.prepareStatement(JdbcApiKeyStore.BY_HASH)) {
                statement.setString(1, hash.hex());
                try (ResultSet row = statement.executeQuery()) {
                    found = row.next() ? Optional.of(JdbcApiKeyStore.record(row, dialect)) : Optional.empty();
                }
            }
            if (!connection.getAutoCommit()) {
                // A pool that hands out connections outside auto-commit: end the read we started.
                connection.rollback();
            }
            return found;
        } catch (SQLException e) {
            throw new StorageException("could not look up an API key (SQLState " + e.getSQLState() + ")", e);
        }
    }

    @Override
    public <T> T read(Function<? super ReadTransaction, ? extends T> work) {
        requireArgument("work", work);
        return transactions.run(true, work);
    }

    @Override
    public <T> T write(Function<? super WriteTransaction, ? extends T> work) {
        requireArgument("work", work);
        return transactions.run(false, work);
    }

    @Override
    public String toString() {
        return "JdbcStorage[" + dialect.name() + "]";
    }
}
