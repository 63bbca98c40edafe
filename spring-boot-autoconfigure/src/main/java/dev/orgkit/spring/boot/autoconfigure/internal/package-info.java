/**
 * The implementation of orgkit's Spring Boot auto-configuration. Packages named {@code internal} are
 * not API: they may change in any release.
 */
@NullMarked
package dev.orgkit.spring.boot.autoconfigure.internal;

import org.jspecify.annotations.NullMarked;
