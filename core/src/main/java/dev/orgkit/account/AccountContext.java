package dev.orgkit.account;

import dev.orgkit.member.Role;
import dev.orgkit.policy.Permission;
import java.util.Optional;
import java.util.Set;

/**
 * The account a user works in, with what the user may do there: what a UI needs to show or hide
 * its buttons.
 *
 * @param accountId the account
 * @param kind personal or organization
 * @param name the organization's account name, or "Personal account"
 * @param role the user's role in an organization; empty in the user's personal account
 * @param permissions every permission the policy engine allows the user on this account
 * @since 0.1.0
 */
public record AccountContext(
        AccountId accountId, AccountKind kind, String name, Optional<Role> role, Set<Permission> permissions) {
    /** Copies the permissions. */
    public AccountContext {
        permissions = Set.copyOf(permissions);
    }
}
