package dev.orgkit.spring.boot.autoconfigure;

import dev.orgkit.spring.boot.autoconfigure.internal.SpringEventPublishingListener;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;

/**
 * Republishes orgkit's changes as Spring application events ({@link OrgKitEvent}) after their
 * transaction commits, through an {@code EventListener} bean that the auto-configured kit registers.
 * Backs off when the application defines a bean of its type.
 *
 * @since 0.2.0
 */
@AutoConfiguration
public final class OrgKitEventsAutoConfiguration {

    /** Creates the auto-configuration; Spring calls it. */
    public OrgKitEventsAutoConfiguration() {}

    @Bean
    @ConditionalOnMissingBean
    SpringEventPublishingListener orgKitSpringEventPublisher(ApplicationEventPublisher publisher) {
        return new SpringEventPublishingListener(publisher);
    }
}
