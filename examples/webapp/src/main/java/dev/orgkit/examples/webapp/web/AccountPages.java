package dev.orgkit.examples.webapp.web;

import dev.orgkit.OrgKit;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.AccountContext;
import dev.orgkit.account.AccountId;
import dev.orgkit.account.AccountKind;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * Opens the account a settings page is about: checks the user may see it (a non-member gets the
 * same "not found" as for an unknown id), makes it the active account, and puts what every settings
 * page shows into the model: {@code account} (the context), {@code access} and {@code tab}.
 */
@Component
public class AccountPages {
    private final OrgKit kit;

    AccountPages(OrgKit kit) {
        this.kit = kit;
    }

    /** The account, made the user's active one if it was not. */
    public AccountContext open(UserPrincipal me, String accountId) {
        AccountId id = AccountId.of(accountId);
        return kit.accounts().active(me)
                .filter(active -> active.accountId().equals(id))
                .orElseGet(() -> kit.accounts().switchTo(me, id));
    }

    /** Opens the account and fills the model for the settings page {@code tab}. */
    public AccountContext fill(Model model, UserPrincipal me, String accountId, String tab) {
        AccountContext account = open(me, accountId);
        model.addAttribute("account", account);
        model.addAttribute("organization", account.kind() == AccountKind.ORGANIZATION);
        model.addAttribute("access", new Access(kit.policy(), me, account.accountId()));
        model.addAttribute("tab", tab);
        return account;
    }

    /** The path of a settings page of the account, such as {@code /accounts/acc_1/members}. */
    public static String path(String accountId, String page) {
        return "/accounts/" + accountId + "/" + page;
    }
}
