package dev.orgkit.jdbc;

import dev.orgkit.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/**
 * MariaDB and MySQL: INSERT IGNORE, DATETIME(6) columns holding UTC wall-clock time (no session
 * time zone is involved in writing or reading them), keyset pages ordered by the key alone, and a
 * named lock for migrations.
 */
final class MariaDbDialect implements Dialect {
    private static final int DUPLICATE_KEY = 1062;
    private static final String LOCK_NAME = "LEFT(CONCAT('orgkit_schema_history.', DATABASE()), 64)";
    private static final int LOCK_WAIT_SECONDS = 300;

    @Override
    public String name() {
        return "mariadb";
    }

    @Override
    public boolean isUniqueViolation(SQLException e) {
        return e.getErrorCode() == DUPLICATE_KEY;
    }

    @Override
    public boolean insertUnlessDuplicate(Connection connection, String insert, Sql.Binder binder) throws SQLException {
        // Every value was validated before it reached storage, so IGNORE can only skip the duplicate.
        try (PreparedStatement statement = connection.prepareStatement(insert.replaceFirst("^INSERT INTO", "INSERT IGNORE INTO"))) {
            binder.bind(statement);
            return statement.executeUpdate() == 1;
        }
    }

    @Override
    public String keysetOrder(String fixed, String key) {
        // MariaDB reads the index in order for the key alone, and sorts if the fixed columns are listed.
        return key;
    }

    @Override
    public String upsertActiveAccount() {
        return """
                INSERT INTO orgkit_active_accounts (user_id, account_id) VALUES (?, ?)
                ON DUPLICATE KEY UPDATE account_id = VALUES(account_id)""";
    }

    @Override
    public String addUsage() {
        return """
                INSERT INTO orgkit_api_key_usage (account_id, usage_day, key_id, requests)
                SELECT account_id, ?, key_id, ? FROM orgkit_api_keys WHERE account_id = ? AND key_id = ?
                ON DUPLICATE KEY UPDATE requests = orgkit_api_key_usage.requests + VALUES(requests)""";
    }

    @Override
    public void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        statement.setObject(index, LocalDateTime.ofInstant(value, ZoneOffset.UTC));
    }

    @Override
    public Instant getInstant(ResultSet row, String column) throws SQLException {
        return row.getObject(column, LocalDateTime.class).toInstant(ZoneOffset.UTC);
    }

    @Override
    public String createHistoryTable() {
        return """
                CREATE TABLE IF NOT EXISTS orgkit_schema_history (
                    version      INTEGER      NOT NULL PRIMARY KEY,
                    description  VARCHAR(200) NOT NULL,
                    checksum     CHAR(64)     NOT NULL,
                    installed_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)
                ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin""";
    }

    @Override
    public boolean transactionalDdl() {
        return false;
    }

    @Override
    public MigrationLock lockMigrations(DataSource dataSource, Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(
                        "SELECT GET_LOCK(" + LOCK_NAME + ", " + LOCK_WAIT_SECONDS + ")")) {
            if (!result.next() || result.getInt(1) != 1) {
                throw new StorageException("another process held the orgkit migration lock for "
                        + LOCK_WAIT_SECONDS + " seconds; try again when its migration has finished");
            }
        }
        return () -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT RELEASE_LOCK(" + LOCK_NAME + ")");
            }
        };
    }
}
