package dev.orgkit.spring.boot.autoconfigure;

import dev.orgkit.OrgKit;
import dev.orgkit.spring.boot.autoconfigure.internal.DeliveryBacklogGauge;
import dev.orgkit.spring.boot.autoconfigure.internal.OrgKitMeters;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer meters, when Micrometer is on the classpath and the application has a
 * {@link MeterRegistry}: {@code orgkit.api_keys.verifications} (by {@code code}),
 * {@code orgkit.commands} (by {@code command} and {@code outcome}), {@code orgkit.deliveries.attempts}
 * (by {@code outcome}) and the gauge {@code orgkit.deliveries.pending}. The first three are fed by an
 * {@code Observer} and an {@code EventListener} bean that the auto-configured kit registers; an
 * application that builds its own kit registers them itself. Each bean backs off when the application
 * defines its own.
 *
 * @since 0.2.0
 */
@AutoConfiguration(
        after = OrgKitAutoConfiguration.class,
        afterName = {
                "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
public final class OrgKitMetricsAutoConfiguration {

    /** Creates the auto-configuration; Spring calls it. */
    public OrgKitMetricsAutoConfiguration() {}

    @Bean
    @ConditionalOnMissingBean
    OrgKitMeters orgKitMeters(MeterRegistry registry) {
        return new OrgKitMeters(registry);
    }

    /** The backlog gauge reads the kit: the application's or the auto-configured one. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(OrgKit.class)
    DeliveryBacklogGauge orgKitDeliveryBacklogGauge(OrgKit kit) {
        return new DeliveryBacklogGauge(kit);
    }
}
