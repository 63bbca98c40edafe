package dev.orgkit.jdbc;

import dev.orgkit.StorageException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * What differs between the databases orgkit supports; everything else is plain SQL shared by all.
 * One small class per database implements it.
 */
interface Dialect {

    /** The directory of this dialect's migrations under {@code db/orgkit/}. */
    String name();

    /** Whether {@code e} reports a violated primary key or unique index. */
    boolean isUniqueViolation(SQLException e);

    /**
     * Runs {@code insert}, a plain {@code INSERT INTO ... VALUES (...)}, unless it would duplicate a
     * key; returns whether a row was inserted. The transaction stays usable either way. By default a
     * savepoint undoes the failed insert; dialects with an insert-or-ignore statement use it instead.
     */
    default boolean insertUnlessDuplicate(Connection connection, String insert, Sql.Binder binder)
            throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        try (PreparedStatement statement = connection.prepareStatement(insert)) {
            binder.bind(statement);
            statement.executeUpdate();
        } catch (SQLException e) {
            if (!isUniqueViolation(e)) {
                throw e;
            }
            connection.rollback(savepoint);
            return false;
        }
        connection.releaseSavepoint(savepoint);
        return true;
    }

    /**
     * The ORDER BY of a keyset page that reads an index on ({@code fixed}, {@code key}) where the
     * {@code fixed} columns equal constants. Listing the whole index key lets H2 read it in order and
     * keeps PostgreSQL from paging through another index that is sorted by {@code key} alone
     * (filtering the account's rows out of every account's); MariaDB overrides it.
     */
    default String keysetOrder(String fixed, String key) {
        return fixed + ", " + key;
    }

    /** An insert of (user_id, account_id) into the active accounts that replaces the user's row. */
    String upsertActiveAccount();

    /**
     * Adds {@code requests} to the usage row of (account, day, key), creating it if needed, and only
     * if the key exists. Parameters: day, requests, account id, key id.
     */
    String addUsage();

    /** Binds an instant, already truncated to microseconds, so that it is stored as that UTC instant. */
    default void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        statement.setObject(index, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
    }

    /** Reads back an instant written by {@link #setInstant}, whatever the session's time zone. */
    default Instant getInstant(ResultSet row, String column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }

    /** {@link #getInstant}, or empty if the column is NULL. */
    default Optional<Instant> getOptionalInstant(ResultSet row, String column) throws SQLException {
        return row.getObject(column) == null ? Optional.empty() : Optional.of(getInstant(row, column));
    }

    /** The DDL of the migration history table, if it does not exist yet. */
    String createHistoryTable();

    /** Whether DDL is transactional, so that a failed migration leaves nothing behind. */
    boolean transactionalDdl();

    /**
     * Takes the lock that makes migrations of this schema run one at a time, across JVMs, and
     * returns what releases it. {@code connection} is the one the migrations run on.
     */
    MigrationLock lockMigrations(DataSource dataSource, Connection connection) throws SQLException;

    /** Releases a migration lock. */
    @FunctionalInterface
    interface MigrationLock extends AutoCloseable {
        @Override
        void close() throws SQLException;
    }

    /** The dialect of the database {@code connection} talks to. */
    static Dialect of(Connection connection) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        String product = metaData.getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("postgresql")) {
            return new PostgresDialect();
        }
        if (product.contains("mariadb") || product.contains("mysql")) {
            return new MariaDbDialect();
        }
        if (product.contains("h2")) {
            return new H2Dialect();
        }
        throw new StorageException("orgkit has no JDBC dialect for " + metaData.getDatabaseProductName()
                + "; it supports PostgreSQL, MariaDB/MySQL and H2");
    }
}
