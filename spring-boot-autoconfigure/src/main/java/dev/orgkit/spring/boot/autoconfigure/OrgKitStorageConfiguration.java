package dev.orgkit.spring.boot.autoconfigure;

import dev.orgkit.inmemory.InMemoryStorage;
import dev.orgkit.jdbc.JdbcStorage;
import dev.orgkit.spi.Storage;
import dev.orgkit.spring.boot.autoconfigure.internal.JdbcUrls;
import dev.orgkit.spring.boot.autoconfigure.internal.OrgKitStartupException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The {@link Storage} bean: JDBC when there is a {@code DataSource}, else in memory. Imported in this order. */
final class OrgKitStorageConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(OrgKitStorageConfiguration.class);

    private OrgKitStorageConfiguration() {}

    /** {@code JdbcStorage} on the application's {@code DataSource}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(JdbcStorage.class)
    @ConditionalOnSingleCandidate(DataSource.class)
    static class Jdbc {
        /**
         * Applies the bundled migrations first unless {@code orgkit.jdbc.migrate=false}; runs after the
         * application's own database initialization (Flyway, Liquibase, SQL scripts).
         */
        @Bean
        @ConditionalOnMissingBean(Storage.class)
        @DependsOnDatabaseInitialization
        JdbcStorage orgKitStorage(DataSource dataSource, OrgKitProperties properties, Environment environment) {
            OrgKitProperties.Jdbc jdbc = properties.jdbc();
            JdbcStorage storage;
            try {
                storage = jdbc.migrate() ? JdbcStorage.migrate(dataSource) : JdbcStorage.create(dataSource);
            } catch (RuntimeException e) {
                // orgkit's StorageException, or the pool's own (HikariCP fails its first getConnection so).
                throw unreachable(e, environment, jdbc.migrate());
            }
            OrgKitProperties.ApiKeyCache cache = jdbc.apiKeyCache();
            return cache.enabled()
                    ? storage.withApiKeyCache(cache.maxEntries(), cache.timeToLive(), cache.changePollInterval())
                    : storage;
        }

        private static OrgKitStartupException unreachable(RuntimeException e, Environment environment, boolean migrate) {
            String url = environment.getProperty("spring.datasource.url", "the application's DataSource");
            var cause = new StringBuilder();
            for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                cause.append(cause.isEmpty() ? "" : "; caused by ").append(t.getClass().getName()).append(": ")
                        .append(t.getMessage());
            }
            String description = "orgkit could not open its storage on " + JdbcUrls.redact(url) + ": "
                    + JdbcUrls.redact(e.getMessage() + (cause.isEmpty() ? "" : " (" + cause + ")"));
            String action = migrate
                    ? "Check that the database is up and reachable with these settings (spring.datasource.*)."
                    : "Check that the database is up, and that your Flyway runs orgkit's scripts"
                            + " (classpath:db/orgkit/<postgresql|mariadb|h2>) before orgkit starts,"
                            + " or remove orgkit.jdbc.migrate=false.";
            // The exception's own cause keeps the stack; its message has no password (the driver's might).
            return new OrgKitStartupException(description, action, e);
        }
    }

    /** {@code InMemoryStorage}, with a warning: nothing survives a restart. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(InMemoryStorage.class)
    static class InMemory {
        @Bean
        @ConditionalOnMissingBean(Storage.class)
        InMemoryStorage orgKitStorage() {
            LOG.warn("orgkit stores its state in memory: nothing is persisted, and every organization, member,"
                    + " invitation and API key is lost when the application stops. Add a DataSource"
                    + " (spring-boot-starter-jdbc and a driver) to keep them.");
            return InMemoryStorage.create();
        }
    }
}
