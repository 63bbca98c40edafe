package dev.orgkit.examples.webapp.accounts;

import dev.orgkit.OrgKit;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.AccountContext;
import dev.orgkit.account.AccountKind;
import dev.orgkit.account.Organization;
import dev.orgkit.examples.webapp.web.AccountPages;
import dev.orgkit.examples.webapp.web.Forms;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Settings › Account: the organization's profile, with Save changes and Discard changes. */
@Controller
@RequestMapping("/accounts/{accountId}/settings")
class AccountSettingsController {
    private final OrgKit kit;
    private final AccountPages pages;

    AccountSettingsController(OrgKit kit, AccountPages pages) {
        this.kit = kit;
        this.pages = pages;
    }

    @GetMapping
    String show(UserPrincipal me, @PathVariable String accountId, Model model) {
        AccountContext account = pages.fill(model, me, accountId, "settings");
        if (account.kind() != AccountKind.ORGANIZATION) {
            return "redirect:" + AccountPages.path(accountId, "api-keys");
        }
        Organization organization = kit.organizations().get(me, account.accountId());
        model.addAttribute("profile", organization);
        model.addAttribute("form", ProfileForm.of(organization));
        return "settings-account";
    }

    @PostMapping
    String save(UserPrincipal me, @PathVariable String accountId, @ModelAttribute("form") ProfileForm form,
            Model model, RedirectAttributes redirect) {
        AccountContext account = pages.fill(model, me, accountId, "settings");
        boolean saved = Forms.attempt(model, "save",
                () -> kit.organizations().updateProfile(me, account.accountId(), form.toCommand())).isPresent();
        if (!saved) {
            // The user's input stays in the form; the profile shows what is stored now.
            model.addAttribute("profile", kit.organizations().get(me, account.accountId()));
            return "settings-account";
        }
        redirect.addFlashAttribute("notice", "Changes saved.");
        return "redirect:" + AccountPages.path(accountId, "settings");
    }
}
