package dev.orgkit.examples.webapp.accounts;

import dev.orgkit.OrgKit;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.AccountContext;
import dev.orgkit.account.AccountId;
import dev.orgkit.account.AccountKind;
import dev.orgkit.account.AccountSummary;
import dev.orgkit.account.Organization;
import dev.orgkit.examples.webapp.users.AppUser;
import dev.orgkit.examples.webapp.users.CurrentPrincipal;
import dev.orgkit.examples.webapp.web.AccountPages;
import dev.orgkit.examples.webapp.web.Forms;
import dev.orgkit.policy.Decision;
import dev.orgkit.policy.Permission;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The Organizations overview: the user's accounts with their role, Switch, and Create organization. */
@Controller
class OverviewController {
    private final OrgKit kit;
    private final AccountPages pages;

    OverviewController(OrgKit kit, AccountPages pages) {
        this.kit = kit;
        this.pages = pages;
    }

    @GetMapping("/")
    String home() {
        AppUser user = CurrentPrincipal.signedIn();
        return user != null && user.support() ? "redirect:/support" : "redirect:/organizations";
    }

    @GetMapping("/organizations")
    String overview(UserPrincipal me, Model model) {
        kit.accounts().personal(me);
        var accounts = kit.accounts().overview(me);
        // Why an account's "Leave organization" is unavailable, if it is (the last admin, R6).
        Map<AccountId, Optional<String>> leave = new LinkedHashMap<>();
        for (AccountSummary summary : accounts) {
            if (summary.kind() == AccountKind.ORGANIZATION) {
                Decision decision = kit.policy().decide(me, summary.accountId(), Permission.LEAVE);
                leave.put(summary.accountId(), decision instanceof Decision.Denied denied
                        ? Optional.of(denied.message() + denied.remedy().map(r -> " " + r).orElse(""))
                        : Optional.empty());
            }
        }
        model.addAttribute("accounts", accounts);
        model.addAttribute("leaveRefusals", leave);
        return "organizations";
    }

    @PostMapping("/accounts/{accountId}/switch")
    String switchTo(UserPrincipal me, @PathVariable String accountId) {
        AccountContext context = kit.accounts().switchTo(me, AccountId.of(accountId));
        // Like the guide, switching lands on the account's APIs hub.
        return "redirect:" + AccountPages.path(context.accountId().value(), "api-keys");
    }

    @GetMapping("/organizations/new")
    String createForm(Model model) {
        model.addAttribute("form", OrganizationForm.empty());
        return "organization-new";
    }

    @PostMapping("/organizations")
    String create(UserPrincipal me, @ModelAttribute("form") OrganizationForm form, Model model,
            RedirectAttributes redirect) {
        Optional<Organization> created = Forms.attempt(model, "create",
                () -> kit.organizations().create(me, form.toCommand()));
        if (created.isEmpty()) {
            return "organization-new";
        }
        redirect.addFlashAttribute("notice", "Organization " + created.get().accountName() + " created.");
        return "redirect:/organizations";
    }

    @GetMapping("/accounts/{accountId}")
    String settings(UserPrincipal me, @PathVariable String accountId) {
        AccountContext account = pages.open(me, accountId);
        String page = account.kind() == AccountKind.ORGANIZATION ? "settings" : "api-keys";
        return "redirect:" + AccountPages.path(accountId, page);
    }
}
