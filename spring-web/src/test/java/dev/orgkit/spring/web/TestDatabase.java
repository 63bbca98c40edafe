package dev.orgkit.spring.web;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code DataSource} a test host declares, as a real host does, so that the starter builds the
 * kit on {@code JdbcStorage} (migrated at start): a private in-memory H2 database, or a schema of
 * its own on {@code ORGKIT_POSTGRES_URL}, dropped when the application stops. The in-memory storage
 * is what the starter chooses when there is none.
 */
final class TestDatabase {
    private TestDatabase() {}

    /** The configuration that declares the database of {@code storage}: {@code inmemory}, {@code h2} or {@code postgres}. */
    static Class<?>[] of(String storage) {
        return switch (storage) {
            case "inmemory" -> new Class<?>[0];
            case "h2" -> new Class<?>[] {H2.class};
            case "postgres" -> new Class<?>[] {Postgres.class};
            default -> throw new IllegalArgumentException("the storage must be inmemory, h2 or postgres: " + storage);
        };
    }

    /** A private in-memory H2 database. */
    @Configuration(proxyBeanMethods = false)
    static class H2 {
        @Bean
        HikariDataSource dataSource() {
            String name = uniqueName();
            return pool("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000", name);
        }
    }

    /** A schema of its own on the PostgreSQL server of {@code ORGKIT_POSTGRES_URL}. */
    @Configuration(proxyBeanMethods = false)
    static class Postgres {
        @Bean
        Schema orgKitTestSchema() {
            String url = System.getenv("ORGKIT_POSTGRES_URL");
            if (url == null || url.isBlank()) {
                throw new IllegalStateException("the PostgreSQL host needs ORGKIT_POSTGRES_URL");
            }
            return new Schema(url, uniqueName());
        }

        /** Depends on the schema, so Spring closes the pool before it drops the schema. */
        @Bean
        HikariDataSource dataSource(Schema schema) {
            return pool(schema.url + (schema.url.contains("?") ? "&" : "?") + "currentSchema=" + schema.name, schema.name);
        }
    }

    /** A schema created with the application and dropped, with everything in it, when it stops. */
    static final class Schema implements DisposableBean {
        private final String url;
        private final String name;

        Schema(String url, String name) {
            this.url = url;
            this.name = name;
            execute("CREATE SCHEMA " + name);
        }

        @Override
        public void destroy() {
            execute("DROP SCHEMA " + name + " CASCADE");
        }

        private void execute(String sql) {
            try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
                statement.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException("could not run `" + sql + "`: " + e.getMessage(), e);
            }
        }
    }

    private static String uniqueName() {
        return "orgkit_web_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()).substring(0, 10);
    }

    private static HikariDataSource pool(String url, String name) {
        var config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(8);
        config.setPoolName(name);
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        return new HikariDataSource(config);
    }
}
