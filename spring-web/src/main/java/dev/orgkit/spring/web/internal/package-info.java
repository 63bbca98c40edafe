/**
 * The controllers, body records and error mapping behind orgkit's HTTP API. Packages named
 * {@code internal} are not API: they change without notice.
 */
@NullMarked
package dev.orgkit.spring.web.internal;

import org.jspecify.annotations.NullMarked;
