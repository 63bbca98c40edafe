package dev.orgkit.policy;

import dev.orgkit.account.Account;
import dev.orgkit.internal.Check;
import dev.orgkit.member.Role;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the policy engine needs to know about an account to decide: the account, the acting user's
 * role in it, and (for leaving) how many admins it has. Read inside the command's transaction.
 *
 * @param account the account acted on
 * @param role the acting user's role, if the user is a member of the organization
 * @param adminCount how many admins the organization has; needed to decide {@link Permission#LEAVE}:
 *     without it, an admin is taken to be the last one and may not leave
 * @since 0.1.0
 */
public record AccessFacts(Account account, Optional<Role> role, OptionalLong adminCount) {
    /** Rejects missing parts. */
    public AccessFacts {
        Check.notNull("account", account, "role", role, "adminCount", adminCount);
    }

    /** Facts without the admin count. */
    public static AccessFacts of(Account account, Optional<Role> role) {
        return new AccessFacts(account, role, OptionalLong.empty());
    }
}
