package dev.orgkit.examples.webapp.members;

import dev.orgkit.OrgKit;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.AccountContext;
import dev.orgkit.examples.webapp.web.AccountPages;
import dev.orgkit.examples.webapp.web.ConfirmForm;
import dev.orgkit.examples.webapp.web.Forms;
import dev.orgkit.member.Membership;
import dev.orgkit.member.Role;
import dev.orgkit.support.SupportAction;
import dev.orgkit.support.SupportRequest;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * One member: edit the role (promote a Member; for an Admin, the page explains that demotion goes
 * through support and files the request), and remove them, confirmed by typing their email.
 */
@Controller
@RequestMapping("/accounts/{accountId}/members/{userId}")
class MemberController {
    private final OrgKit kit;
    private final AccountPages pages;
    private final MemberDirectory directory;

    MemberController(OrgKit kit, AccountPages pages, MemberDirectory directory) {
        this.kit = kit;
        this.pages = pages;
        this.directory = directory;
    }

    @GetMapping
    String edit(UserPrincipal me, @PathVariable String accountId, @PathVariable String userId, Model model) {
        Membership member = open(me, accountId, userId, model);
        model.addAttribute("role", member.role().name());
        return "member-edit";
    }

    @PostMapping("/role")
    String changeRole(UserPrincipal me, @PathVariable String accountId, @PathVariable String userId,
            @RequestParam(required = false) @Nullable String role, Model model, RedirectAttributes redirect) {
        Membership member = open(me, accountId, userId, model);
        model.addAttribute("role", role);
        Optional<Membership> changed = Roles.parse(role, model, "role").flatMap(newRole -> Forms.attempt(model,
                "role", () -> kit.members().changeRole(me, member.organizationId(), member.userId(), newRole)));
        if (changed.isEmpty()) {
            return "member-edit";
        }
        redirect.addFlashAttribute("notice", changed.get().email() + " is now "
                + (changed.get().role() == Role.ADMIN ? "an Admin." : "a Member."));
        return "redirect:" + AccountPages.path(accountId, "members");
    }

    @PostMapping("/support-request")
    String requestSupport(UserPrincipal me, @PathVariable String accountId, @PathVariable String userId,
            @RequestParam String action, @ModelAttribute("supportForm") SupportRequestForm form, Model model,
            RedirectAttributes redirect) {
        Membership member = open(me, accountId, userId, model);
        SupportAction wanted = "REMOVE_ADMIN".equals(action) ? SupportAction.REMOVE_ADMIN : SupportAction.DEMOTE_ADMIN;
        Optional<SupportRequest> filed = Forms.attempt(model, "support", () -> kit.support().request(me,
                member.organizationId(), wanted, member.userId(), MembersController.text(form.reason())));
        if (filed.isEmpty()) {
            model.addAttribute("role", member.role().name());
            model.addAttribute("form", new ConfirmForm(""));
            return wanted == SupportAction.REMOVE_ADMIN ? "member-remove" : "member-edit";
        }
        redirect.addFlashAttribute("notice", "Your request to " + (wanted == SupportAction.REMOVE_ADMIN
                ? "remove " : "demote ") + member.email() + " was sent to the support team.");
        return "redirect:" + AccountPages.path(accountId, "members");
    }

    @GetMapping("/remove")
    String confirmRemoval(UserPrincipal me, @PathVariable String accountId, @PathVariable String userId,
            Model model) {
        open(me, accountId, userId, model);
        model.addAttribute("form", new ConfirmForm(""));
        return "member-remove";
    }

    @PostMapping("/remove")
    String remove(UserPrincipal me, @PathVariable String accountId, @PathVariable String userId,
            @ModelAttribute("form") ConfirmForm form, Model model, RedirectAttributes redirect) {
        Membership member = open(me, accountId, userId, model);
        if (!Forms.run(model, "remove",
                () -> kit.members().remove(me, member.organizationId(), member.userId(), form.typed()))) {
            return "member-remove";
        }
        redirect.addFlashAttribute("notice", member.email() + " was removed from " + account(model).name() + ".");
        return "redirect:" + AccountPages.path(accountId, "members");
    }

    private Membership open(UserPrincipal me, String accountId, String userId, Model model) {
        AccountContext account = pages.fill(model, me, accountId, "members");
        Membership member = directory.find(me, account.accountId(), userId);
        model.addAttribute("member", member);
        model.addAttribute("self", member.userId().equals(me.userId()));
        if (!model.containsAttribute("supportForm")) {
            model.addAttribute("supportForm", new SupportRequestForm(""));
        }
        return member;
    }

    private static AccountContext account(Model model) {
        return (AccountContext) model.asMap().get("account");
    }
}
