package dev.orgkit.spring.boot.autoconfigure;

import static dev.orgkit.spring.boot.autoconfigure.Fixtures.ACME;
import static dev.orgkit.spring.boot.autoconfigure.Fixtures.ANA;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orgkit.OrgKit;
import dev.orgkit.StorageException;
import dev.orgkit.apikey.NewApiKey;
import dev.orgkit.audit.AuditAction;
import dev.orgkit.inmemory.InMemoryStorage;
import dev.orgkit.member.Role;
import dev.orgkit.spi.Mailer;
import dev.orgkit.spi.ReadTransaction;
import dev.orgkit.spi.Storage;
import dev.orgkit.spi.WriteTransaction;
import dev.orgkit.spring.boot.autoconfigure.internal.OrgKitHealthIndicator;
import dev.orgkit.spring.boot.autoconfigure.internal.OrgKitMeters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/** Meters with Micrometer, the health indicator with Actuator, and orgkit's events as Spring events. */
class ObservabilityAutoConfigurationTest {
    private final ApplicationContextRunner runner = Fixtures.runner()
            .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                    OrgKitMetricsAutoConfiguration.class, OrgKitHealthAutoConfiguration.class))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new);

    @Test
    void verifications_commands_and_delivery_attempts_are_metered() {
        runner.run(context -> {
            OrgKit kit = context.getBean(OrgKit.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            var org = kit.organizations().create(ANA, ACME);
            String secret = kit.apiKeys().create(ANA, org.id(), new NewApiKey("ci")).secret();
            kit.apiKeys().verify(secret);
            kit.apiKeys().verify(secret);
            kit.apiKeys().verify("nonsense");
            kit.members().invite(ANA, org.id(), "bob@example.com", Role.MEMBER);

            assertThat(registry.get("orgkit.api_keys.verifications").tag("code", "VALID").counter().count()).isEqualTo(2);
            assertThat(registry.get("orgkit.api_keys.verifications").tag("code", "MALFORMED").counter().count()).isEqualTo(1);
            assertThat(registry.get("orgkit.commands").tag("command", "organizations.create").tag("outcome", "SUCCESS")
                    .timer().count()).isEqualTo(1);
            assertThat(registry.get("orgkit.deliveries.attempts").tag("outcome", "SENT").counter().count()).isEqualTo(1);
            assertThat(registry.get("orgkit.deliveries.pending").gauge().value()).isZero();
        });
    }

    @Test
    void without_micrometer_nothing_is_metered_and_the_kit_still_starts() {
        Fixtures.runner().withConfiguration(AutoConfigurations.of(OrgKitMetricsAutoConfiguration.class))
                .withClassLoader(new FilteredClassLoader("io.micrometer")).run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(OrgKit.class).doesNotHaveBean(OrgKitMeters.class);
                });
    }

    @Test
    void without_a_meter_registry_nothing_is_metered() {
        Fixtures.runner().withConfiguration(AutoConfigurations.of(OrgKitMetricsAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(OrgKitMeters.class));
    }

    @Test
    void the_orgkit_health_is_up_with_the_outbox_in_its_details() {
        Mailer failing = mail -> {
            throw new IllegalStateException("mail server down");
        };
        Fixtures.withH2(Fixtures.withoutMailer())
                .withConfiguration(AutoConfigurations.of(OrgKitHealthAutoConfiguration.class))
                .withBean("failingMailer", Mailer.class, () -> failing)
                .withPropertyValues("orgkit.delivery.backoff-base=1ms", "orgkit.delivery.backoff-cap=1ms")
                .run(context -> {
                    OrgKit kit = context.getBean(OrgKit.class);
                    var org = kit.organizations().create(ANA, ACME);
                    kit.members().invite(ANA, org.id(), "bob@example.com", Role.MEMBER);
                    Thread.sleep(5);

                    Health health = context.getBean("orgkitHealthIndicator", HealthIndicator.class).health(true);
                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                    assertThat(health.getDetails()).containsEntry("storage", "reachable")
                            .containsEntry("deliveriesDue", 1).containsKey("oldestDueDelivery");
                });
    }

    @Test
    void the_orgkit_health_is_down_when_the_storage_cannot_be_read() {
        Fixtures.runner().withConfiguration(AutoConfigurations.of(OrgKitHealthAutoConfiguration.class))
                .withBean("brokenStorage", Storage.class, BrokenStorage::new).run(context -> {
                    Health health = context.getBean("orgkitHealthIndicator", HealthIndicator.class).health(true);
                    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(health.getDetails().get("error").toString()).contains("database unreachable");
                });
    }

    @Test
    void the_health_indicator_backs_off_without_actuator_when_disabled_and_for_the_applications_own() {
        runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .run(context -> assertThat(context).doesNotHaveBean(OrgKitHealthIndicator.class));
        runner.withPropertyValues("management.health.orgkit.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(OrgKitHealthIndicator.class));
        HealthIndicator own = () -> Health.up().build();
        runner.withBean("orgkitHealthIndicator", HealthIndicator.class, () -> own)
                .run(context -> assertThat(context.getBean("orgkitHealthIndicator")).isSameAs(own));
    }

    @Test
    void each_committed_change_is_published_as_a_spring_application_event() {
        Fixtures.runner().withUserConfiguration(EventCollector.class).run(context -> {
            OrgKit kit = context.getBean(OrgKit.class);
            var org = kit.organizations().create(ANA, ACME);
            kit.members().invite(ANA, org.id(), "bob@example.com", Role.MEMBER);

            assertThat(context.getBean(EventCollector.class).events).extracting(e -> e.event().action())
                    .containsExactly(AuditAction.ORGANIZATION_CREATED, AuditAction.MEMBER_INVITED,
                            AuditAction.INVITATION_MAIL_SENT);
            assertThat(context.getBean(EventCollector.class).events.get(0).event().accountId()).isEqualTo(org.id());
        });
    }

    /** Collects orgkit's events the way an application listens for them. */
    @Configuration(proxyBeanMethods = false)
    static class EventCollector {
        final List<OrgKitEvent> events = new CopyOnWriteArrayList<>();

        @EventListener
        void on(OrgKitEvent event) {
            events.add(event);
        }
    }

    /** A storage whose database is down. */
    static final class BrokenStorage implements Storage {
        private final Storage delegate = InMemoryStorage.create();

        @Override
        public <T> T read(Function<? super ReadTransaction, ? extends T> work) {
            throw new StorageException("database unreachable (simulated)");
        }

        @Override
        public <T> T write(Function<? super WriteTransaction, ? extends T> work) {
            return delegate.write(work);
        }
    }
}
