package dev.orgkit.account;

import dev.orgkit.Principal;
import dev.orgkit.UserPrincipal;

/**
 * Creating organizations, reading and editing their profile, and leaving them. Obtain it from
 * {@code kit.organizations()}. Thread-safe; every command is one transaction.
 *
 * @since 0.1.0
 */
public interface Organizations {

    /** Creates an organization; its creator becomes its first admin. */
    Organization create(UserPrincipal creator, NewOrganization form);

    /**
     * The organization, for one of its members or support.
     *
     * @throws dev.orgkit.NotFoundException if it does not exist, is a personal account, or the
     *     principal may not see it (R9)
     */
    Organization get(Principal principal, AccountId organizationId);

    /**
     * Changes the profile (admins only, R2).
     *
     * @throws dev.orgkit.ConflictException with {@code STALE_VERSION} if the update expected a
     *     version that is no longer current
     */
    Organization updateProfile(UserPrincipal admin, AccountId organizationId, ProfileUpdate update);

    /**
     * Leaves the organization. The user confirms by typing its account name (R5); the last admin
     * cannot leave (R6); a personal account cannot be left (R10).
     */
    void leave(UserPrincipal member, AccountId organizationId, String typedAccountName);
}
