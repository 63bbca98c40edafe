package dev.orgkit.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * H2 2.x in its regular mode: MERGE for upserts, a savepoint for insert-unless-duplicate, and a
 * row lock held by a second connection for migrations (H2 commits on DDL, which would release a
 * lock taken by the migrating connection itself).
 */
final class H2Dialect implements Dialect {
    private static final String DUPLICATE_KEY = "23505";

    @Override
    public String name() {
        return "h2";
    }

    @Override
    public boolean isUniqueViolation(SQLException e) {
        return DUPLICATE_KEY.equals(e.getSQLState());
    }

    @Override
    public String upsertActiveAccount() {
        return "MERGE INTO orgkit_active_accounts (user_id, account_id) KEY (user_id) VALUES (?, ?)";
    }

    @Override
    public String createHistoryTable() {
        return """
                CREATE TABLE IF NOT EXISTS orgkit_schema_history (
                    version      INTEGER      NOT NULL PRIMARY KEY,
                    description  VARCHAR(200) NOT NULL,
                    checksum     CHAR(64)     NOT NULL,
                    installed_at TIMESTAMP(6) WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL
                )""";
    }

    @Override
    public boolean transactionalDdl() {
        return false;
    }

    @Override
    public MigrationLock lockMigrations(DataSource dataSource, Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS orgkit_schema_lock (id INTEGER NOT NULL PRIMARY KEY)");
            statement.execute("MERGE INTO orgkit_schema_lock (id) KEY (id) VALUES (1)");
        }
        Connection holder = dataSource.getConnection();
        try {
            holder.setAutoCommit(false);
            try (Statement statement = holder.createStatement()) {
                statement.executeQuery("SELECT id FROM orgkit_schema_lock WHERE id = 1 FOR UPDATE").close();
            }
        } catch (SQLException e) {
            holder.close();
            throw e;
        }
        return () -> {
            try (holder) {
                holder.rollback();
                holder.setAutoCommit(true);
            }
        };
    }
}
