package dev.orgkit.jdbc;

import dev.orgkit.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs statements on one connection: binds parameters (strings, numbers, instants through the
 * dialect, an empty {@code Optional} as NULL) and turns every {@link SQLException} into a
 * {@link StorageException} that says what was being done, with the cause.
 */
final class Sql {
    private final Connection connection;
    private final Dialect dialect;

    Sql(Connection connection, Dialect dialect) {
        this.connection = connection;
        this.dialect = dialect;
    }

    /** Binds the parameters of a prepared statement. */
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /** Maps the current row of a result set. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** Binds SQL NULL to a timestamp column (an empty {@code Optional} binds a NULL string, which PostgreSQL refuses there). */
    static final Object NULL_INSTANT = new Object() {
        @Override
        public String toString() {
            return "NULL_INSTANT";
        }
    };

    /** The instant, or {@link #NULL_INSTANT} if empty, as a parameter. */
    static Object instant(Optional<Instant> instant) {
        return instant.isPresent() ? instant.get() : NULL_INSTANT;
    }

    /** The instant as the storage keeps it: UTC, to the microsecond. */
    static Instant stored(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    Dialect dialect() {
        return dialect;
    }

    /** The rows {@code sql} selects, mapped. */
    <T> List<T> list(String what, String sql, RowMapper<T> mapper, Object... parameters) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            try (ResultSet rows = statement.executeQuery()) {
                List<T> found = new ArrayList<>();
                while (rows.next()) {
                    found.add(mapper.map(rows));
                }
                return found;
            }
        } catch (SQLException e) {
            throw failed(what, e);
        }
    }

    /** The first row {@code sql} selects, mapped. */
    <T> Optional<T> first(String what, String sql, RowMapper<T> mapper, Object... parameters) {
        List<T> rows = list(what, sql, mapper, parameters);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** A page of {@code page}'s rows of the account: the first, or the one after {@code after}, mapped. */
    <T> List<T> page(String what, KeysetPage page, RowMapper<T> mapper, String accountId, Optional<String> after,
            int limit) {
        if (after.isEmpty()) {
            return list(what, page.first(), mapper, accountId, limit);
        }
        return list(what, page.next(), mapper, accountId, after.get(), limit);
    }

    /** Runs an insert, update or delete and returns the number of rows it changed. */
    int update(String what, String sql, Object... parameters) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw failed(what, e);
        }
    }

    /** Runs one statement once per set of parameters, as one JDBC batch; returns the rows each changed. */
    int[] batch(String what, String sql, List<Object[]> parameterSets) {
        if (parameterSets.isEmpty()) {
            return new int[0];
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (Object[] parameters : parameterSets) {
                bind(statement, parameters);
                statement.addBatch();
            }
            return statement.executeBatch();
        } catch (SQLException e) {
            throw failed(what, e);
        }
    }

    /** Runs a plain insert unless it would duplicate a key; returns whether it inserted. */
    boolean insertUnlessDuplicate(String what, String insert, Object... parameters) {
        try {
            return dialect.insertUnlessDuplicate(connection, insert, statement -> bind(statement, parameters));
        } catch (SQLException e) {
            throw failed(what, e);
        }
    }

    private void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            int index = i + 1;
            Object value = parameters[i];
            if (value instanceof Optional<?> optional) {
                if (optional.isEmpty()) {
                    // Untyped, so that PostgreSQL takes the column's type (a VARCHAR NULL into a timestamp fails).
                    statement.setNull(index, Types.NULL);
                    continue;
                }
                value = optional.get();
            }
            if (value == NULL_INSTANT) {
                statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
            } else if (value instanceof String text) {
                statement.setString(index, text);
            } else if (value instanceof Long number) {
                statement.setLong(index, number);
            } else if (value instanceof Integer number) {
                statement.setInt(index, number);
            } else if (value instanceof LocalDate date) {
                statement.setObject(index, date);
            } else if (value instanceof Instant instant) {
                dialect.setInstant(statement, index, stored(instant));
            } else {
                throw new IllegalArgumentException("cannot bind a " + value.getClass().getName());
            }
        }
    }

    /** The exception for a failed step; the message names the step, the cause holds the details. */
    StorageException failed(String what, SQLException e) {
        if (dialect.isUniqueViolation(e)) {
            return new StorageException("could not " + what + ": it would duplicate a unique key (SQLState "
                    + e.getSQLState() + ")", e);
        }
        return new StorageException("could not " + what + " (SQLState " + e.getSQLState() + ")", e);
    }
}
