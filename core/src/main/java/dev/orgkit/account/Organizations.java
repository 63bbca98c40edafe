package dev.orgkit.account;

import dev.orgkit.Principal;
import dev.orgkit.UserPrincipal;

/**
 * Creating organizations, reading and editing their profile, leaving and deleting them. Obtain it from
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

    /**
     * Deletes the organization (R13): only its sole admin may, confirming by typing its account
     * name (R5, {@code CONFIRMATION_MISMATCH}); while it has other admins, the answer is
     * {@code SOLE_ADMIN_REQUIRED} and it takes a support request
     * ({@link dev.orgkit.support.SupportAction#DELETE_ORGANIZATION}). A personal account is answered
     * {@code ORGANIZATION_ONLY}. In one transaction: every API key is revoked, every pending invitation
     * revoked and its mail cancelled, every member's active account that is this one forgotten, and
     * the organization marked deleted, restorable by support until the kit's restore window has passed
     * ({@code kit.support().restoreOrganization}). From then on it is NOT_FOUND for everyone but
     * support, and it leaves its members' overview. Audited as {@code ORGANIZATION_DELETED}.
     *
     * @since 0.2.0
     */
    void delete(UserPrincipal admin, AccountId organizationId, String typedAccountName);
}
