/**
 * The implementation of orgkit's services. Packages named {@code internal} are not API: they may
 * change in any release.
 */
@NullMarked
package dev.orgkit.internal;

import org.jspecify.annotations.NullMarked;
