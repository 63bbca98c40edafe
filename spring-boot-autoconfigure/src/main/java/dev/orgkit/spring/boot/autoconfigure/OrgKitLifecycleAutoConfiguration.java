package dev.orgkit.spring.boot.autoconfigure;

import dev.orgkit.OrgKit;
import dev.orgkit.spring.boot.autoconfigure.internal.DeliveryDispatcherLifecycle;
import dev.orgkit.spring.boot.autoconfigure.internal.UsageFlusherLifecycle;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * orgkit's background work, tied to the application's lifecycle: the dispatcher of invitation mails
 * ({@code orgkit.delivery.dispatch-interval}) and the flusher of API key usage
 * ({@code orgkit.usage.flush-interval}), started with the context and stopped when it closes: after
 * the web server, before the {@code DataSource} is closed, with a last usage flush. Each backs off
 * when the application defines a bean of its type.
 *
 * @since 0.2.0
 */
@AutoConfiguration(after = OrgKitAutoConfiguration.class)
@ConditionalOnBean(OrgKit.class)
@EnableConfigurationProperties(OrgKitProperties.class)
public final class OrgKitLifecycleAutoConfiguration {

    /** Creates the auto-configuration; Spring calls it. */
    public OrgKitLifecycleAutoConfiguration() {}

    @Bean
    @ConditionalOnMissingBean
    DeliveryDispatcherLifecycle orgKitDeliveryDispatcher(OrgKit kit, OrgKitProperties properties) {
        return new DeliveryDispatcherLifecycle(kit, properties.delivery().dispatchInterval());
    }

    @Bean
    @ConditionalOnMissingBean
    UsageFlusherLifecycle orgKitUsageFlusher(OrgKit kit, OrgKitProperties properties) {
        return new UsageFlusherLifecycle(kit, properties.usage().flushInterval());
    }
}
