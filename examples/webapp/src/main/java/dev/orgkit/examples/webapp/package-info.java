/**
 * The guide's settings dashboard as a Spring Boot web app on orgkit. The {@code OrgKit} bean comes
 * from {@code orgkit-spring-boot-starter} (JDBC storage on the app's {@code DataSource}, the app's
 * {@code Mailer}); {@code orgkit-spring-web} mounts orgkit's HTTP API beside the pages. Every class
 * takes the kit as it is.
 */
@NullMarked
package dev.orgkit.examples.webapp;

import org.jspecify.annotations.NullMarked;
