package dev.orgkit.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orgkit.OrgKit;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * What the starter adds to an application's start-up on H2: the same host (JDBC, mail, Actuator,
 * Micrometer; no web server) started with and without orgkit's auto-configurations, alternately, in
 * one warm JVM, on a fresh database (orgkit migrates it) and on one orgkit has migrated already.
 * Prints medians; asserts nothing about time. Runs only by hand:
 * {@code mvn -pl spring-boot-autoconfigure -am verify -Dorgkit.excludedGroups= -Dgroups=measurement}.
 */
@Tag("measurement")
class StartupCostMeasurement {
    private static final int WARM_UP = 3;
    private static final int ROUNDS = 15;
    private static final String WITHOUT_ORGKIT = "--spring.autoconfigure.exclude="
            + String.join(",", OrgKitAutoConfiguration.class.getName(), OrgKitLifecycleAutoConfiguration.class.getName(),
                    OrgKitMetricsAutoConfiguration.class.getName(), OrgKitHealthAutoConfiguration.class.getName(),
                    OrgKitEventsAutoConfiguration.class.getName());

    @Test
    void the_starter_adds_little_to_start_up() {
        String migrated = Fixtures.h2Url();
        startMillis(migrated, true);
        List<Long> without = new ArrayList<>();
        List<Long> withoutButPoolOpen = new ArrayList<>();
        List<Long> withFresh = new ArrayList<>();
        List<Long> withMigrated = new ArrayList<>();
        for (int round = 0; round < WARM_UP + ROUNDS; round++) {
            long a = startMillis(Fixtures.h2Url(), false);
            long p = startMillis(PoolOpeningHost.class, migrated, false);
            long b = startMillis(Fixtures.h2Url(), true);
            long c = startMillis(migrated, true);
            if (round >= WARM_UP) {
                without.add(a);
                withoutButPoolOpen.add(p);
                withFresh.add(b);
                withMigrated.add(c);
            }
        }
        long base = median(without);
        System.out.printf("start-up, median of %d: without orgkit %d ms (%d ms with the pool's first connection"
                + " opened at start); with orgkit on a fresh database %d ms"
                + " (+%d ms, x%.2f); on a migrated one %d ms (+%d ms, x%.2f)%n", ROUNDS, base,
                median(withoutButPoolOpen), median(withFresh), median(withFresh) - base, (double) median(withFresh) / base, median(withMigrated),
                median(withMigrated) - base, (double) median(withMigrated) / base);
    }

    private static long startMillis(String url, boolean orgkit) {
        return startMillis(HostApplicationScenario.Host.class, url, orgkit);
    }

    private static long startMillis(Class<?> host, String url, boolean orgkit) {
        var application = new SpringApplication(host);
        long start = System.nanoTime();
        try (ConfigurableApplicationContext context = application.run(
                "--spring.main.web-application-type=none", "--spring.main.banner-mode=off", "--spring.flyway.enabled=false",
                "--logging.level.root=WARN", "--spring.datasource.url=" + url,
                "--spring.mail.host=127.0.0.1", "--orgkit.mail.from=invitations@app.example",
                "--orgkit.invitation-link=https://app.example/invitations/{token}",
                orgkit ? "--orgkit.usage.flush-interval=1h" : WITHOUT_ORGKIT)) {
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(context.getBeanNamesForType(OrgKit.class)).hasSize(orgkit ? 1 : 0);
            return millis;
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** The host, opening one connection at start as an application that reads its database at start does. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class PoolOpeningHost {
        @Bean
        SmartInitializingSingleton openPool(DataSource dataSource) {
            return () -> {
                try (Connection connection = dataSource.getConnection()) {
                    connection.isValid(1);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            };
        }
    }
}
