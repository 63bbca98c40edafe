/**
 * orgkit: accounts, organizations, members, invitations and API keys with every rule enforced.
 *
 * <p>Start with {@link dev.orgkit.OrgKit#builder()}. Principals ({@link dev.orgkit.Principal}) are
 * given by the host, which has authenticated them. Every failure is an unchecked
 * {@link dev.orgkit.OrgKitException}.
 */
@NullMarked
package dev.orgkit;

import org.jspecify.annotations.NullMarked;
