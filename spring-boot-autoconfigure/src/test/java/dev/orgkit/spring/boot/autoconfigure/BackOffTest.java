package dev.orgkit.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orgkit.OrgKit;
import dev.orgkit.inmemory.InMemoryStorage;
import dev.orgkit.spring.boot.autoconfigure.internal.DeliveryBacklogGauge;
import dev.orgkit.spring.boot.autoconfigure.internal.OrgKitMeters;
import dev.orgkit.spring.boot.autoconfigure.internal.SpringEventPublishingListener;
import dev.orgkit.spring.boot.autoconfigure.internal.UsageFlusherLifecycle;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;

/** Every bean the starter makes steps aside for one of the application's, of the same type. */
class BackOffTest {
    private static final OrgKit OTHER_KIT =
            OrgKit.builder().storage(InMemoryStorage.create()).mailer(mail -> { }).build();
    private static final MeterRegistry OTHER_REGISTRY = new SimpleMeterRegistry();

    static Stream<Arguments> beans() {
        return Stream.of(
                bean(UsageFlusherLifecycle.class, () -> new UsageFlusherLifecycle(OTHER_KIT, Duration.ofMinutes(1))),
                bean(OrgKitMeters.class, () -> new OrgKitMeters(OTHER_REGISTRY)),
                bean(DeliveryBacklogGauge.class, () -> new DeliveryBacklogGauge(OTHER_KIT)),
                bean(SpringEventPublishingListener.class, () -> new SpringEventPublishingListener(event -> { })));
    }

    private static <T> Arguments bean(Class<T> type, Supplier<T> own) {
        return Arguments.of(type, own);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("beans")
    <T> void the_applications_own_bean_replaces_the_starters(Class<T> type, Supplier<T> own) {
        T mine = own.get();
        Fixtures.runner()
                .withConfiguration(AutoConfigurations.of(OrgKitMetricsAutoConfiguration.class))
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withBean("applicationsOwn", type, () -> mine)
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(type);
                    assertThat(context.getBean(type)).isSameAs(mine);
                });
    }
}
