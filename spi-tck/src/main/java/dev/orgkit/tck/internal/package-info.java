/**
 * Helpers of the conformance kit that are not API: a seed source and a shrinker for the stateful
 * tests, and the hostile values and storage snapshots of the hostile-input contract. Packages named
 * {@code internal} may change in any release.
 */
@NullMarked
package dev.orgkit.tck.internal;

import org.jspecify.annotations.NullMarked;
