/**
 * Spring Boot auto-configuration for orgkit: an {@link dev.orgkit.OrgKit} bean on the application's
 * {@code DataSource} and mail, its background work tied to the application's lifecycle, Micrometer
 * meters, an Actuator health indicator, and orgkit's events as Spring application events. Each part
 * backs off when the application defines its own bean.
 */
@NullMarked
package dev.orgkit.spring.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
