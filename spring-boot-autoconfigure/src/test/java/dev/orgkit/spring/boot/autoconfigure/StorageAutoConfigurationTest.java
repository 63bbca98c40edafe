package dev.orgkit.spring.boot.autoconfigure;

import static dev.orgkit.spring.boot.autoconfigure.Fixtures.ACME;
import static dev.orgkit.spring.boot.autoconfigure.Fixtures.ANA;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.orgkit.OrgKit;
import dev.orgkit.apikey.KeyVerification;
import dev.orgkit.apikey.NewApiKey;
import dev.orgkit.inmemory.InMemoryStorage;
import dev.orgkit.jdbc.JdbcStorage;
import dev.orgkit.spi.Storage;
import dev.orgkit.spring.boot.autoconfigure.internal.OrgKitStartupException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.context.ApplicationContext;

/** Which storage the kit gets: JDBC on the application's DataSource, else in memory, else the application's. */
class StorageAutoConfigurationTest {

    @Test
    void with_a_data_source_the_kit_keeps_its_state_in_the_database_migrated_at_start() {
        Fixtures.withH2().run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(OrgKit.class);
            assertThat(context.getBean(Storage.class)).isInstanceOf(JdbcStorage.class);
            assertThat(((JdbcStorage) context.getBean(Storage.class)).dialect()).isEqualTo("h2");

            OrgKit kit = context.getBean(OrgKit.class);
            var org = kit.organizations().create(ANA, ACME);
            assertThat(kit.organizations().get(ANA, org.id()).accountName()).isEqualTo("Acme");
        });
    }

    @Test
    void with_the_api_key_cache_on_verify_is_served_from_memory_until_it_hears_of_a_change() {
        // Polled once a minute, the cache does not hear the revocation within this test.
        Fixtures.withH2().withPropertyValues("orgkit.jdbc.api-key-cache.enabled=true",
                "orgkit.jdbc.api-key-cache.time-to-live=5m",
                "orgkit.jdbc.api-key-cache.change-poll-interval=1m").run(context ->
                        assertThat(verifiedAfterARevocationElsewhere(context)).isEqualTo(KeyVerification.Code.VALID));
        Fixtures.withH2().run(context ->
                assertThat(verifiedAfterARevocationElsewhere(context)).isEqualTo(KeyVerification.Code.REVOKED));
    }

    /** Verifies a key once, lets another instance (without this cache) revoke it, and verifies it again. */
    private static KeyVerification.Code verifiedAfterARevocationElsewhere(ApplicationContext context) {
        OrgKit kit = context.getBean(OrgKit.class);
        var org = kit.organizations().create(ANA, ACME);
        var key = kit.apiKeys().create(ANA, org.id(), new NewApiKey("ci"));
        assertThat(kit.apiKeys().verify(key.secret()).isValid()).isTrue();
        OrgKit elsewhere = OrgKit.builder().storage(JdbcStorage.create(context.getBean(DataSource.class)))
                .mailer(mail -> { }).build();
        elsewhere.apiKeys().revoke(ANA, key.apiKey().id());
        return kit.apiKeys().verify(key.secret()).code();
    }

    @Test
    void without_a_data_source_the_kit_keeps_its_state_in_memory_and_warns_that_nothing_is_persisted() {
        var log = new ListAppender<ILoggingEvent>();
        log.start();
        var logger = (Logger) LoggerFactory.getLogger(OrgKitStorageConfiguration.class);
        logger.addAppender(log);
        try {
            Fixtures.runner().run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(Storage.class)).isInstanceOf(InMemoryStorage.class);
            });
        } finally {
            logger.detachAppender(log);
        }
        assertThat(log.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel().toString()).isEqualTo("WARN");
            assertThat(event.getFormattedMessage()).contains("nothing is persisted");
        });
    }

    @Test
    void with_the_jdbc_storage_off_the_classpath_a_data_source_still_leaves_the_kit_in_memory() {
        Fixtures.withH2().withClassLoader(new FilteredClassLoader(JdbcStorage.class)).run(context ->
                assertThat(context.getBean(Storage.class)).isInstanceOf(InMemoryStorage.class));
    }

    @Test
    void the_applications_own_storage_is_used_and_none_is_made() {
        InMemoryStorage own = InMemoryStorage.create();
        Fixtures.withH2().withBean("myStorage", Storage.class, () -> own).run(context -> {
            assertThat(context).hasSingleBean(Storage.class);
            var org = context.getBean(OrgKit.class).organizations().create(ANA, ACME);
            OrgKit onTheSameStorage = OrgKit.builder().storage(own).mailer(mail -> { }).build();
            assertThat(onTheSameStorage.organizations().get(ANA, org.id()).accountName()).isEqualTo("Acme");
        });
    }

    @Test
    void the_applications_own_kit_is_used_and_none_is_made() {
        OrgKit own = OrgKit.builder().storage(InMemoryStorage.create()).mailer(mail -> { }).build();
        Fixtures.runner().withBean("myKit", OrgKit.class, () -> own).run(context ->
                assertThat(context.getBean(OrgKit.class)).isSameAs(own));
    }

    @Test
    void without_migrations_on_an_empty_database_start_up_fails_and_points_at_the_bundled_scripts() {
        Fixtures.withH2().withPropertyValues("orgkit.jdbc.migrate=false").run(context -> {
            assertThat(context).hasFailed();
            OrgKitStartupException startup = findStartupException(context.getStartupFailure());
            assertThat(startup.getMessage()).contains("orgkit could not open its storage on jdbc:h2:mem:starter-")
                    .contains("the orgkit schema is missing");
            assertThat(startup.action()).contains("classpath:db/orgkit/<postgresql|mariadb|h2>")
                    .contains("orgkit.jdbc.migrate=false");
        });
    }

    @Test
    void a_database_that_is_down_fails_start_up_with_the_jdbc_cause_and_the_url_without_its_password() {
        Fixtures.withH2().withPropertyValues(
                "spring.datasource.url=jdbc:postgresql://127.0.0.1:1/test?user=app&password=hunter2",
                "spring.datasource.hikari.connection-timeout=250").run(context -> {
                    assertThat(context).hasFailed();
                    Throwable failure = context.getStartupFailure();
                    OrgKitStartupException startup = findStartupException(failure);
                    assertThat(startup.getMessage())
                            .contains("jdbc:postgresql://127.0.0.1:1/test?user=app&password=****")
                            .contains("Connection to 127.0.0.1:1 refused")
                            .doesNotContain("hunter2");
                    assertThat(startup.action()).contains("spring.datasource");
                });
    }

    static OrgKitStartupException findStartupException(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof OrgKitStartupException startup) {
                return startup;
            }
        }
        throw new AssertionError("no OrgKitStartupException in " + failure);
    }
}
