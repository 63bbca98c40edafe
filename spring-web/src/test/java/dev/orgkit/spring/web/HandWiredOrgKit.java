package dev.orgkit.spring.web;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.orgkit.OrgKit;
import dev.orgkit.inmemory.InMemoryStorage;
import dev.orgkit.jdbc.JdbcStorage;
import dev.orgkit.spi.Mailer;
import dev.orgkit.spi.Storage;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link OrgKit} bean of the test applications, wired by hand until the starter provides it:
 * {@code orgkit.test.storage} is {@code inmemory}, {@code h2} (a private in-memory database,
 * migrated) or {@code postgres} (a schema of its own on {@code ORGKIT_POSTGRES_URL}, dropped when the
 * application stops). JDBC storages use the API key cache, as production does. The only class
 * that builds the kit: replace it with the starter's auto-configuration when that is merged.
 */
@Configuration(proxyBeanMethods = false)
class HandWiredOrgKit {

    @Bean(destroyMethod = "close")
    OrgKit orgKit(Database database, Mailer mailer, Clock clock) {
        return OrgKit.builder().storage(database.storage()).mailer(mailer).clock(clock).build();
    }

    @Bean
    Database orgKitDatabase(@Value("${orgkit.test.storage:h2}") String kind) {
        return new Database(kind);
    }

    /** The storage and the database behind it, dropped with the application. */
    static final class Database implements DisposableBean {
        private final String kind;
        private final String name = "orgkit_web_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()).substring(0, 10);
        private HikariDataSource pool;
        private String adminUrl;

        Database(String kind) {
            this.kind = kind;
        }

        Storage storage() {
            switch (kind) {
                case "inmemory":
                    return InMemoryStorage.create();
                case "h2":
                    pool = pool("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
                    return JdbcStorage.migrate(pool).withApiKeyCache(10_000, Duration.ofSeconds(30));
                case "postgres":
                    adminUrl = System.getenv("ORGKIT_POSTGRES_URL");
                    if (adminUrl == null || adminUrl.isBlank()) {
                        throw new IllegalStateException("orgkit.test.storage=postgres needs ORGKIT_POSTGRES_URL");
                    }
                    execute(adminUrl, "CREATE SCHEMA " + name);
                    pool = pool(adminUrl + (adminUrl.contains("?") ? "&" : "?") + "currentSchema=" + name);
                    return JdbcStorage.migrate(pool).withApiKeyCache(10_000, Duration.ofSeconds(30));
                default:
                    throw new IllegalArgumentException("orgkit.test.storage must be inmemory, h2 or postgres: " + kind);
            }
        }

        private HikariDataSource pool(String url) {
            var config = new HikariConfig();
            config.setJdbcUrl(url);
            config.setMaximumPoolSize(8);
            config.setPoolName(name);
            config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
            return new HikariDataSource(config);
        }

        @Override
        public void destroy() {
            if (pool != null) {
                pool.close();
            }
            if (adminUrl != null) {
                execute(adminUrl, "DROP SCHEMA " + name + " CASCADE");
            }
        }

        private static void execute(String url, String sql) {
            try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
                statement.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException("could not run `" + sql + "`: " + e.getMessage(), e);
            }
        }
    }
}
