package dev.orgkit.spring.boot.autoconfigure;

import dev.orgkit.OrgKit;
import dev.orgkit.spring.boot.autoconfigure.internal.OrgKitHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The health indicator {@code orgkit} when Spring Boot's health support (Actuator) is on the
 * classpath: {@code UP} when the storage answers, with the outbox backlog and its oldest due delivery
 * in the details. Off with {@code management.health.orgkit.enabled=false}; backs off when the
 * application defines a bean named {@code orgkitHealthIndicator}.
 *
 * @since 0.2.0
 */
@AutoConfiguration(after = OrgKitAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(OrgKit.class)
@ConditionalOnEnabledHealthIndicator("orgkit")
public final class OrgKitHealthAutoConfiguration {

    /** Creates the auto-configuration; Spring calls it. */
    public OrgKitHealthAutoConfiguration() {}

    @Bean
    @ConditionalOnMissingBean(name = "orgkitHealthIndicator")
    OrgKitHealthIndicator orgkitHealthIndicator(OrgKit kit) {
        return new OrgKitHealthIndicator(kit);
    }
}
