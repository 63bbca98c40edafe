package dev.orgkit.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;

/** PostgreSQL: ON CONFLICT, transactional DDL, and an advisory lock per schema for migrations. */
final class PostgresDialect implements Dialect {
    private static final String LOCK_KEY = "hashtext('orgkit_schema_history.' || current_schema())";

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    @Override
    public boolean insertUnlessDuplicate(Connection connection, String insert, Sql.Binder binder) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(insert + " ON CONFLICT DO NOTHING")) {
            binder.bind(statement);
            return statement.executeUpdate() == 1;
        }
    }

    @Override
    public String upsertActiveAccount() {
        return """
                INSERT INTO orgkit_active_accounts (user_id, account_id) VALUES (?, ?)
                ON CONFLICT (user_id) DO UPDATE SET account_id = EXCLUDED.account_id""";
    }

    @Override
    public String addUsage() {
        return """
                INSERT INTO orgkit_api_key_usage (account_id, usage_day, key_id, requests)
                SELECT account_id, ?, key_id, ? FROM orgkit_api_keys WHERE account_id = ? AND key_id = ?
                ON CONFLICT (account_id, usage_day, key_id)
                DO UPDATE SET requests = orgkit_api_key_usage.requests + EXCLUDED.requests""";
    }

    @Override
    public Optional<String> apiKeyChangeNotification() {
        return Optional.of("SELECT pg_notify('" + PostgresKeyChangeListener.CHANNEL + "', '')");
    }

    @Override
    public String createHistoryTable() {
        return """
                CREATE TABLE IF NOT EXISTS orgkit_schema_history (
                    version      INTEGER      NOT NULL PRIMARY KEY,
                    description  VARCHAR(200) NOT NULL,
                    checksum     CHAR(64)     NOT NULL,
                    installed_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP
                )""";
    }

    @Override
    public boolean transactionalDdl() {
        return true;
    }

    @Override
    public MigrationLock lockMigrations(DataSource dataSource, Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(" + LOCK_KEY + ")");
        }
        return () -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_advisory_unlock(" + LOCK_KEY + ")");
            }
        };
    }
}
