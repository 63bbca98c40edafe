package dev.orgkit.examples.webapp.web;

import dev.orgkit.OrgKit;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.AccountContext;
import dev.orgkit.account.AccountSummary;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The header of a signed-in user's pages: the active account and the others to switch to. Read
 * only when a page renders it, so commands that redirect cost nothing.
 */
public final class HeaderView {
    private final OrgKit kit;
    private final UserPrincipal user;
    private @Nullable List<AccountSummary> accounts;
    private @Nullable Optional<AccountContext> active;

    HeaderView(OrgKit kit, UserPrincipal user) {
        this.kit = kit;
        this.user = user;
    }

    /** The signed-in user's email. */
    public String email() {
        return user.verifiedEmail().value();
    }

    /** Every account the user can switch to, the personal one first. */
    public List<AccountSummary> accounts() {
        if (accounts == null) {
            accounts = kit.accounts().overview(user);
        }
        return accounts;
    }

    /** The account the user works in, if any. */
    public Optional<AccountContext> active() {
        if (active == null) {
            active = kit.accounts().active(user);
        }
        return active;
    }

    /** The name shown at the top right: the active account's, or the personal account's. */
    public String activeName() {
        return active().map(AccountContext::name).orElse("Personal account");
    }

    /** Whether {@code summary} is the active account. */
    public boolean isActive(AccountSummary summary) {
        return active().map(a -> a.accountId().equals(summary.accountId())).orElse(false);
    }
}
