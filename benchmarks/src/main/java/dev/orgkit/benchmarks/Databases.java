package dev.orgkit.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Databases for the JDBC benchmarks: an H2 in-memory database, and a fresh schema on the PostgreSQL
 * server of {@code ORGKIT_POSTGRES_URL} (default {@value #DEFAULT_POSTGRES_URL}), dropped afterwards.
 */
final class Databases {
    /** Where PostgreSQL is looked for when {@code ORGKIT_POSTGRES_URL} is not set. */
    static final String DEFAULT_POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    private Databases() {}

    /** A pool on a new H2 in-memory database. */
    static HikariDataSource h2() {
        return pool("jdbc:h2:mem:" + newName() + ";DB_CLOSE_DELAY=-1");
    }

    /** A pool on a new schema of the PostgreSQL server; {@link #dropPostgres} removes it. */
    static HikariDataSource postgres() {
        String server = postgresServer();
        String schema = newName();
        execute(server, "CREATE SCHEMA " + schema);
        return pool(server + (server.contains("?") ? "&" : "?") + "currentSchema=" + schema);
    }

    /** Closes the pool and drops its schema. */
    static void dropPostgres(HikariDataSource pool) {
        String url = pool.getJdbcUrl();
        String schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
        pool.close();
        execute(postgresServer(), "DROP SCHEMA " + schema + " CASCADE");
    }

    private static String postgresServer() {
        String url = System.getenv("ORGKIT_POSTGRES_URL");
        return url == null || url.isBlank() ? DEFAULT_POSTGRES_URL : url;
    }

    private static HikariDataSource pool(String url) {
        var config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(4);
        return new HikariDataSource(config);
    }

    private static String newName() {
        return "orgkit_bench_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }

    private static void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("could not run `" + sql + "` (is PostgreSQL at ORGKIT_POSTGRES_URL?)", e);
        }
    }
}
