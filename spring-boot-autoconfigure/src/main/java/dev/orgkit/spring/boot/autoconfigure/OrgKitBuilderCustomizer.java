package dev.orgkit.spring.boot.autoconfigure;

import dev.orgkit.OrgKit;

/**
 * Customizes the {@link OrgKit.Builder} of the auto-configured {@link OrgKit} bean, after the
 * properties and the application's beans have been applied: a clock, a policy setting, or anything
 * else the properties do not cover. Every bean of this type is applied, in {@code @Order}.
 *
 * @since 0.2.0
 */
@FunctionalInterface
public interface OrgKitBuilderCustomizer {
    /** Customizes the builder. */
    void customize(OrgKit.Builder builder);
}
