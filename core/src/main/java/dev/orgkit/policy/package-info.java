/**
 * The policy engine: rules R1 to R12 as small pure functions that return a
 * {@link dev.orgkit.policy.Decision}, and {@link dev.orgkit.policy.Policy#decide} for what a
 * principal may do on an account.
 */
@NullMarked
package dev.orgkit.policy;

import org.jspecify.annotations.NullMarked;
