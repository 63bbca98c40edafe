/**
 * The guide's settings dashboard as a Spring Boot web app on orgkit. Only {@link
 * dev.orgkit.examples.webapp.OrgKitWiring} knows how the kit is built; every other class takes the
 * {@code OrgKit} bean as it is.
 */
@NullMarked
package dev.orgkit.examples.webapp;

import org.jspecify.annotations.NullMarked;
