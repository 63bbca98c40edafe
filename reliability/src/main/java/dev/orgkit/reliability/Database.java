package dev.orgkit.reliability;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run's database: a fresh PostgreSQL schema or MariaDB database named {@code orgkit_rel_<run>},
 * the pools its processes use, and the backends of those processes, which the fault injector
 * terminates. Only what this run created is ever dropped or killed.
 */
final class Database {
    /** The servers the harness runs on. */
    enum Kind {
        POSTGRESQL, MARIADB;

        static Kind of(String url) {
            if (url.startsWith("jdbc:postgresql:")) {
                return POSTGRESQL;
            }
            if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
                return MARIADB;
            }
            throw new IllegalArgumentException("not a PostgreSQL or MariaDB JDBC URL: " + url);
        }
    }

    private static final Pattern MARIADB_URL = Pattern.compile("(jdbc:(?:mariadb|mysql)://[^/]+)/([^?]*)(\\?.*)?");

    final Kind kind;
    final String baseUrl;
    final String name;
    final String url;

    private Database(Kind kind, String baseUrl, String name, String url) {
        this.kind = kind;
        this.baseUrl = baseUrl;
        this.name = name;
        this.url = url;
    }

    /** The database of run {@code runId} on the server of {@code baseUrl}; nothing is created yet. */
    static Database of(String baseUrl, String runId) {
        Kind kind = Kind.of(baseUrl);
        String name = "orgkit_rel_" + runId.toLowerCase(Locale.ROOT);
        String url;
        if (kind == Kind.POSTGRESQL) {
            url = baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + name;
        } else {
            Matcher m = MARIADB_URL.matcher(baseUrl);
            if (!m.matches()) {
                throw new IllegalArgumentException("expected jdbc:mariadb://host:port/database?...: " + baseUrl);
            }
            url = m.group(1) + "/" + name + (m.group(3) == null ? "" : m.group(3));
        }
        return new Database(kind, baseUrl, name, url);
    }

    /** A connection to the server outside the run's schema: for creating, dropping and killing. */
    Connection admin() throws SQLException {
        Connection connection = DriverManager.getConnection(baseUrl);
        connection.setAutoCommit(true);
        return connection;
    }

    void create() throws SQLException {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute(kind == Kind.POSTGRESQL ? "CREATE SCHEMA " + name
                    : "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        }
    }

    void drop() throws SQLException {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute(kind == Kind.POSTGRESQL ? "DROP SCHEMA IF EXISTS " + name + " CASCADE"
                    : "DROP DATABASE IF EXISTS " + name);
        }
    }

    /**
     * A pool for one process of the run. On PostgreSQL its connections carry the application name
     * {@code <name>-<process>}, by which the fault injector finds them; on MariaDB every connection
     * to the run's database is the run's.
     */
    HikariDataSource pool(String process, int size) {
        var config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setPoolName(name + "-" + process);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(10_000);
        // No connection at start: the fault injector may end it before the pool is built.
        config.setInitializationFailTimeout(-1);
        // Named, not detected: HikariCP reads the default isolation from the pool's first connection,
        // and when the fault injector ends that connection during the read, the pool keeps -1 and
        // fails every later connection ("Transaction isolation level -1 not supported"). On
        // PostgreSQL this is its default level.
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        if (kind == Kind.POSTGRESQL) {
            config.addDataSourceProperty("ApplicationName", applicationName(process));
        }
        return new HikariDataSource(config);
    }

    String applicationName(String process) {
        return name + "-" + process;
    }

    /** The server-side ids of the workers' connections (not the harness's own). */
    List<Long> workerBackends(Connection admin) throws SQLException {
        String sql = kind == Kind.POSTGRESQL
                ? "SELECT pid FROM pg_stat_activity WHERE application_name LIKE ? AND pid <> pg_backend_pid()"
                : "SELECT id FROM information_schema.processlist WHERE db = ? AND id <> connection_id()";
        try (PreparedStatement s = admin.prepareStatement(sql)) {
            s.setString(1, kind == Kind.POSTGRESQL ? name + "-w%" : name);
            List<Long> ids = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getLong(1));
                }
            }
            return ids;
        }
    }

    /** Ends one backend as an administrator or a failover would: its transaction is rolled back. */
    boolean terminate(Connection admin, long backend) throws SQLException {
        if (kind == Kind.POSTGRESQL) {
            try (PreparedStatement s = admin.prepareStatement("SELECT pg_terminate_backend(?)")) {
                s.setInt(1, (int) backend);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() && r.getBoolean(1);
                }
            }
        }
        try (Statement s = admin.createStatement()) {
            s.execute("KILL " + backend);
            return true;
        } catch (SQLException gone) {
            // 1094 (ER_NO_SUCH_THREAD): the connection ended by itself meanwhile.
            if (gone.getErrorCode() == 1094) {
                return false;
            }
            throw gone;
        }
    }
}
