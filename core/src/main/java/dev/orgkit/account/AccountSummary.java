package dev.orgkit.account;

import dev.orgkit.member.Role;
import java.util.Optional;

/**
 * One line of a user's account overview: an account the user can switch to.
 *
 * @param accountId the account
 * @param kind personal or organization
 * @param name what to show: the organization's account name, or "Personal account"
 * @param role the user's role in an organization; empty for the user's personal account
 * @since 0.1.0
 */
public record AccountSummary(AccountId accountId, AccountKind kind, String name, Optional<Role> role) {}
