package dev.orgkit.examples.webapp.accounts;

import dev.orgkit.OrgKit;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.AccountContext;
import dev.orgkit.examples.webapp.web.AccountPages;
import dev.orgkit.examples.webapp.web.ConfirmForm;
import dev.orgkit.examples.webapp.web.Forms;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Leave organization: the guide's warning, and the organization's name typed to confirm (R5). */
@Controller
@RequestMapping("/accounts/{accountId}/leave")
class LeaveController {
    private final OrgKit kit;
    private final AccountPages pages;

    LeaveController(OrgKit kit, AccountPages pages) {
        this.kit = kit;
        this.pages = pages;
    }

    @GetMapping
    String confirm(UserPrincipal me, @PathVariable String accountId, Model model) {
        pages.fill(model, me, accountId, "leave");
        model.addAttribute("form", new ConfirmForm(""));
        return "leave";
    }

    @PostMapping
    String leave(UserPrincipal me, @PathVariable String accountId, @ModelAttribute("form") ConfirmForm form,
            Model model, RedirectAttributes redirect) {
        AccountContext account = pages.fill(model, me, accountId, "leave");
        if (!Forms.run(model, "leave", () -> kit.organizations().leave(me, account.accountId(), form.typed()))) {
            return "leave";
        }
        redirect.addFlashAttribute("notice", "You left " + account.name() + ".");
        return "redirect:/organizations";
    }
}
