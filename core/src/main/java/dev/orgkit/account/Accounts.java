package dev.orgkit.account;

import dev.orgkit.UserPrincipal;
import java.util.List;
import java.util.Optional;

/**
 * A user's accounts: the personal one, the overview of all, and the one the user works in.
 * Obtain it from {@code kit.accounts()}. Thread-safe.
 *
 * @since 0.1.0
 */
public interface Accounts {

    /** The user's personal account, created (and audited) on first use. */
    PersonalAccount personal(UserPrincipal user);

    /**
     * Every account the user can switch to: the personal account first, then the organizations in
     * order of account name, each with the user's role.
     */
    List<AccountSummary> overview(UserPrincipal user);

    /**
     * Makes {@code accountId} the user's active account, if the user may see it.
     *
     * @throws dev.orgkit.NotFoundException if it does not exist or the user is not a member (R9)
     */
    AccountContext switchTo(UserPrincipal user, AccountId accountId);

    /** The account the user last switched to, while the user may still see it. */
    Optional<AccountContext> active(UserPrincipal user);
}
