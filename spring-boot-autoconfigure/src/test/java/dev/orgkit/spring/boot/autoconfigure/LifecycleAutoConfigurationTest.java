package dev.orgkit.spring.boot.autoconfigure;

import static dev.orgkit.spring.boot.autoconfigure.Fixtures.ACME;
import static dev.orgkit.spring.boot.autoconfigure.Fixtures.ANA;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orgkit.OrgKit;
import dev.orgkit.account.AccountId;
import dev.orgkit.apikey.DailyUsage;
import dev.orgkit.apikey.NewApiKey;
import dev.orgkit.inmemory.InMemoryStorage;
import dev.orgkit.jdbc.JdbcStorage;
import dev.orgkit.spring.boot.autoconfigure.internal.DeliveryDispatcherLifecycle;
import dev.orgkit.spring.boot.autoconfigure.internal.UsageFlusherLifecycle;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.context.SmartLifecycle;

/** The dispatcher and the usage flusher follow the application: started with it, stopped (and flushed) with it. */
class LifecycleAutoConfigurationTest {

    @Test
    void the_dispatcher_and_the_usage_flusher_run_while_the_application_runs() {
        Fixtures.runner().run(context -> {
            assertThat(context.getBean(DeliveryDispatcherLifecycle.class).isRunning()).isTrue();
            assertThat(context.getBean(UsageFlusherLifecycle.class).isRunning()).isTrue();
            assertThat(context.getBean(UsageFlusherLifecycle.class).getPhase())
                    .as("below the web server's phases, so it stops after requests have")
                    .isLessThan(SmartLifecycle.DEFAULT_PHASE - 2048);
        });
    }

    @Test
    void shutdown_flushes_the_usage_counted_since_the_last_flush_before_the_data_source_closes() {
        String url = Fixtures.h2Url();
        var keyAccount = new AtomicReference<AccountId>();
        Fixtures.withH2().withPropertyValues("spring.datasource.url=" + url, "orgkit.usage.flush-interval=1h")
                .run(context -> {
                    OrgKit kit = context.getBean(OrgKit.class);
                    var org = kit.organizations().create(ANA, ACME);
                    String secret = kit.apiKeys().create(ANA, org.id(), new NewApiKey("ci")).secret();
                    for (int i = 0; i < 7; i++) {
                        assertThat(kit.apiKeys().verify(secret).isValid()).isTrue();
                    }
                    keyAccount.set(org.id());
                });

        // The context is closed, its pool with it: read what reached the database.
        var dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        dataSource.setUser("sa");
        OrgKit reader = OrgKit.builder().storage(JdbcStorage.create(dataSource)).mailer(mail -> { }).build();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<DailyUsage> usage = reader.usage().daily(ANA, keyAccount.get(), today.minusDays(1), today.plusDays(1));
        assertThat(usage.stream().mapToLong(DailyUsage::requests).sum()).isEqualTo(7);
    }

    @Test
    void each_part_backs_off_for_the_applications_own_bean() {
        Fixtures.runner()
                .withBean("myDispatcher", DeliveryDispatcherLifecycle.class,
                        () -> new DeliveryDispatcherLifecycle(OrgKit.builder()
                                .storage(InMemoryStorage.create()).mailer(m -> { }).build(),
                                Duration.ofMinutes(1)))
                .run(context -> {
                    assertThat(context).hasSingleBean(DeliveryDispatcherLifecycle.class)
                            .hasBean("myDispatcher").hasSingleBean(UsageFlusherLifecycle.class);
                });
    }
}
