package dev.orgkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * A database of its own for one test run: an H2 in-memory database, or a schema (PostgreSQL) or
 * database (MariaDB) named {@code orgkit_<random>} on the server an environment variable names,
 * dropped by {@link #close()}. Without the variable the tests are skipped; with it, a server that
 * cannot be reached fails them.
 */
final class TestDatabase implements AutoCloseable {
    /** The tables of the orgkit schema, children first, so that deleting in this order never breaks a foreign key. */
    static final List<String> TABLES = List.of("orgkit_usage_flushes", "orgkit_notices", "orgkit_usage_alerts", "orgkit_plans", "orgkit_api_key_usage", "orgkit_api_keys", "orgkit_support_requests", "orgkit_invitation_deliveries",
            "orgkit_audit_events", "orgkit_invitations", "orgkit_memberships",
            "orgkit_active_accounts", "orgkit_personal_accounts", "orgkit_accounts");

    private static final Pattern MARIADB_URL = Pattern.compile("(jdbc:(?:mariadb|mysql)://[^/?]+)/?([^?]*)(\\?.*)?");

    final String kind;
    final String name;
    private final String adminUrl;
    private final String url;
    private final List<HikariDataSource> pools = new ArrayList<>();

    private TestDatabase(String kind, String name, String adminUrl, String url) {
        this.kind = kind;
        this.name = name;
        this.adminUrl = adminUrl;
        this.url = url;
    }

    static TestDatabase h2() {
        String name = newName();
        return new TestDatabase("h2", name, null,
                "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000");
    }

    /** A new schema on the PostgreSQL server of {@code ORGKIT_POSTGRES_URL}; skips the tests without it. */
    static TestDatabase postgres() {
        String server = System.getenv("ORGKIT_POSTGRES_URL");
        assumeTrue(server != null && !server.isBlank(), "ORGKIT_POSTGRES_URL is not set, so the PostgreSQL tests"
                + " are skipped (set it, e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres, to run them)");
        String name = newName();
        execute(server, "CREATE SCHEMA " + name);
        return new TestDatabase("postgresql", name, server,
                server + (server.contains("?") ? "&" : "?") + "currentSchema=" + name);
    }

    /** A new database on the MariaDB server of {@code ORGKIT_MARIADB_URL}; skips the tests without it. */
    static TestDatabase mariadb() {
        String server = System.getenv("ORGKIT_MARIADB_URL");
        assumeTrue(server != null && !server.isBlank(), "ORGKIT_MARIADB_URL is not set, so the MariaDB tests"
                + " are skipped (set it, e.g. jdbc:mariadb://127.0.0.1:3306/test?user=root, to run them)");
        Matcher parts = MARIADB_URL.matcher(server);
        if (!parts.matches()) {
            throw new IllegalArgumentException("ORGKIT_MARIADB_URL is not a jdbc:mariadb://host:port/database URL");
        }
        String name = newName();
        execute(server, "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        String query = parts.group(3) == null ? "" : parts.group(3);
        return new TestDatabase("mariadb", name, server, parts.group(1) + "/" + name + query);
    }

    /** Another database of the same kind, empty, on the same server. */
    TestDatabase another() {
        return switch (kind) {
            case "h2" -> h2();
            case "postgresql" -> postgres();
            default -> mariadb();
        };
    }

    private static String newName() {
        return "orgkit_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()).substring(0, 12);
    }

    /** A new pool of {@code size} connections to this database with the driver's defaults, closed with it. */
    DataSource pool(int size) {
        return pool(size, false);
    }

    /** A new pool configured as docs/jdbc-storage.md recommends: READ COMMITTED on every connection. */
    DataSource recommendedPool(int size) {
        return pool(size, true);
    }

    private DataSource pool(int size, boolean readCommitted) {
        var config = new HikariConfig();
        if (readCommitted) {
            config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        }
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(0);
        config.setPoolName(name + "-" + pools.size());
        config.setConnectionTimeout(30_000);
        var pool = new HikariDataSource(config);
        pools.add(pool);
        return pool;
    }

    /** A data source without a pool: each connection is a new physical one, closed for real. */
    DataSource unpooled() {
        return new DriverDataSource(url);
    }

    /** Deletes every row of the orgkit tables. */
    static void empty(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                statement.executeUpdate("DELETE FROM " + table);
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        }
    }

    /** Inserts an organization and its members directly, in batches: users u-000000 (the admin) to u-&lt;members - 1&gt;. */
    static void insertOrganization(Connection connection, String id, int members) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement account = connection.prepareStatement("""
                INSERT INTO orgkit_accounts (account_id, kind, account_name, legal_name, alerting_email,
                    invoicing_email, created_by, created_at, version)
                VALUES (?, 'ORGANIZATION', 'Big', 'Big SAS', 'a@big.example', 'b@big.example', 'u-000000', CURRENT_TIMESTAMP, 1)""");
                PreparedStatement member = connection.prepareStatement("""
                        INSERT INTO orgkit_memberships (account_id, user_id, email, role, joined_at)
                        VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP)""")) {
            account.setString(1, id);
            account.executeUpdate();
            for (int i = 0; i < members; i++) {
                String user = String.format("u-%06d", i);
                member.setString(1, id);
                member.setString(2, user);
                member.setString(3, user + "@big.example");
                member.setString(4, i == 0 ? "ADMIN" : "MEMBER");
                member.addBatch();
                if (i % 1000 == 999) {
                    member.executeBatch();
                }
            }
            member.executeBatch();
            connection.commit();
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /**
     * Inserts {@code count} invitations of an organization (one in ten still pending) and as many
     * audit events, directly, in batches.
     */
    static void insertInvitationsAndEvents(Connection connection, String organization, int count) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement invitation = connection.prepareStatement("""
                INSERT INTO orgkit_invitations (account_id, invitation_id, email, role, invited_by, inviter_email,
                    status, created_at, expires_at, token_hash)
                VALUES (?, ?, ?, 'MEMBER', 'u-000000', 'a@big.example', ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, ?)""");
                PreparedStatement event = connection.prepareStatement("""
                        INSERT INTO orgkit_audit_events (account_id, event_id, actor_kind, actor_id, action, target,
                            details, at)
                        VALUES (?, ?, 'USER', 'u-000000', 'MEMBER_INVITED', 'x', '', CURRENT_TIMESTAMP)""")) {
            for (int i = 0; i < count; i++) {
                String id = String.format("%06d", i);
                invitation.setString(1, organization);
                invitation.setString(2, "inv_" + organization + "_" + id);
                invitation.setString(3, "i" + id + "@big.example");
                invitation.setString(4, i % 10 == 0 ? "PENDING" : "ACCEPTED");
                invitation.setString(5, dev.orgkit.internal.Secrets.sha256(organization + id).hex());
                invitation.addBatch();
                event.setString(1, organization);
                event.setString(2, "e" + id);
                event.addBatch();
                if (i % 1000 == 999) {
                    invitation.executeBatch();
                    event.executeBatch();
                }
            }
            invitation.executeBatch();
            event.executeBatch();
            connection.commit();
        } finally {
            connection.setAutoCommit(true);
        }
    }

    @Override
    public void close() {
        pools.forEach(HikariDataSource::close);
        switch (kind) {
            case "h2" -> execute(url, "SHUTDOWN");
            case "postgresql" -> execute(adminUrl, "DROP SCHEMA " + name + " CASCADE");
            default -> execute(adminUrl, "DROP DATABASE " + name);
        }
    }

    private static void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("could not run `" + sql + "` on " + url + ": " + e.getMessage(), e);
        }
    }

    /** Brings the optimizer's statistics up to date after a bulk insert. */
    void analyze(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            switch (kind) {
                case "postgresql" -> statement.execute("ANALYZE");
                case "mariadb" -> statement.execute("ANALYZE TABLE orgkit_accounts, orgkit_memberships");
                default -> statement.execute("ANALYZE");
            }
        }
    }

    /** The plan the database chooses for a query with these parameters, as text. */
    String plan(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + sql)) {
            for (int i = 0; i < parameters.length; i++) {
                explain.setObject(i + 1, parameters[i]);
            }
            StringBuilder plan = new StringBuilder();
            try (ResultSet rows = explain.executeQuery()) {
                int columns = rows.getMetaData().getColumnCount();
                while (rows.next()) {
                    for (int column = 1; column <= columns; column++) {
                        plan.append(rows.getMetaData().getColumnLabel(column)).append('=').append(rows.getString(column)).append(' ');
                    }
                    plan.append('\n');
                }
            }
            return plan.toString();
        }
    }

    /** Fails unless the plan reads the memberships' primary key as a range, in its order (no scan, no sort). */
    void assertRangeScanOfMembershipsPrimaryKey(String plan) {
        assertReadsInOrder(plan, "orgkit_memberships_pk", null);
    }

    /**
     * Fails unless the plan reads one account's range of an index in the index's order: the primary
     * key named {@code primaryKey}, or the secondary index {@code index} if given. No full scan, no sort.
     */
    void assertReadsInOrder(String plan, String primaryKey, String index) {
        switch (kind) {
            case "postgresql" -> assertThat(plan).contains(index != null ? index : primaryKey)
                    .doesNotContain("Seq Scan").doesNotContain("Sort");
            case "mariadb" -> assertThat(plan).contains("key=" + (index != null ? index : "PRIMARY"))
                    .doesNotContain("filesort").containsPattern("type=(ref|range) ");
            default -> assertThat(plan).contains(index != null ? "/* PUBLIC." + index.toUpperCase(java.util.Locale.ROOT)
                    : "/* PUBLIC.PRIMARY_KEY_").contains("/* index sorted */").doesNotContainIgnoringCase("tableScan");
        }
    }

    /** A measurement on one database; may throw, as JDBC code does. */
    @FunctionalInterface
    interface Measurement {
        void measure(TestDatabase database) throws Exception;
    }

    /**
     * Runs {@code measurement} on a new H2 database, then on PostgreSQL and MariaDB when their URLs
     * are set, each database dropped after its run: what the measurements of this module share.
     */
    static void onEveryConfiguredDatabase(Measurement measurement) throws Exception {
        List<Supplier<TestDatabase>> databases = new ArrayList<>(List.of(TestDatabase::h2));
        if (System.getenv("ORGKIT_POSTGRES_URL") != null) {
            databases.add(TestDatabase::postgres);
        }
        if (System.getenv("ORGKIT_MARIADB_URL") != null) {
            databases.add(TestDatabase::mariadb);
        }
        for (Supplier<TestDatabase> supplier : databases) {
            try (TestDatabase database = supplier.get()) {
                measurement.measure(database);
            }
        }
    }

    /** Work on a transaction that may throw {@link SQLException}, for tests that also use JDBC directly. */
    @FunctionalInterface
    interface Work<T> {
        T apply(dev.orgkit.spi.ReadTransaction tx) throws SQLException;

        default T unchecked(dev.orgkit.spi.ReadTransaction tx) {
            try {
                return apply(tx);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public String toString() {
        return kind + " " + name;
    }

    /** The simplest {@link DataSource}: {@link DriverManager} on a URL. */
    private record DriverDataSource(String url) implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            return DriverManager.getConnection(url);
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return DriverManager.getConnection(url, username, password);
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {}

        @Override
        public void setLoginTimeout(int seconds) {}

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
