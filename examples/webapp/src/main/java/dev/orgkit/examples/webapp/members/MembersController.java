package dev.orgkit.examples.webapp.members;

import dev.orgkit.OrgKit;
import dev.orgkit.Page;
import dev.orgkit.PageRequest;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.AccountContext;
import dev.orgkit.examples.webapp.web.AccountPages;
import dev.orgkit.examples.webapp.web.Forms;
import dev.orgkit.invitation.Invitation;
import dev.orgkit.invitation.InvitationId;
import dev.orgkit.member.Membership;
import dev.orgkit.policy.Permission;
import java.util.List;
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

/** Settings › Members: the members with their role, Add a member, and the pending invitations. */
@Controller
@RequestMapping("/accounts/{accountId}")
class MembersController {
    private static final int PAGE_SIZE = 50;
    private final OrgKit kit;
    private final AccountPages pages;

    MembersController(OrgKit kit, AccountPages pages) {
        this.kit = kit;
        this.pages = pages;
    }

    @GetMapping("/members")
    String members(UserPrincipal me, @PathVariable String accountId, @RequestParam(required = false) @Nullable String after,
            Model model) {
        AccountContext account = pages.fill(model, me, accountId, "members");
        model.addAttribute("form", InviteForm.empty());
        return page(me, account, after, model);
    }

    @PostMapping("/members/invite")
    String invite(UserPrincipal me, @PathVariable String accountId, @ModelAttribute("form") InviteForm form,
            Model model, RedirectAttributes redirect) {
        AccountContext account = pages.fill(model, me, accountId, "members");
        Optional<Invitation> sent = Roles.parse(form.role(), model, "role").flatMap(role -> Forms.attempt(model,
                "invite", () -> kit.members().invite(me, account.accountId(), text(form.email()), role)));
        if (sent.isEmpty()) {
            return page(me, account, null, model);
        }
        redirect.addFlashAttribute("notice", "Your invitation has been sent to " + sent.get().email() + ".");
        return "redirect:" + AccountPages.path(accountId, "members");
    }

    @PostMapping("/invitations/{invitationId}/resend")
    String resend(UserPrincipal me, @PathVariable String accountId, @PathVariable String invitationId, Model model,
            RedirectAttributes redirect) {
        AccountContext account = pages.fill(model, me, accountId, "members");
        Optional<Invitation> resent = Forms.attempt(model, "invitation-" + invitationId,
                () -> kit.invitations().resend(me, InvitationId.of(invitationId)));
        if (resent.isEmpty()) {
            model.addAttribute("form", InviteForm.empty());
            return page(me, account, null, model);
        }
        redirect.addFlashAttribute("notice", "The invitation has been sent again to " + resent.get().email()
                + ". The previous link no longer works.");
        return "redirect:" + AccountPages.path(accountId, "members");
    }

    @PostMapping("/invitations/{invitationId}/revoke")
    String revoke(UserPrincipal me, @PathVariable String accountId, @PathVariable String invitationId, Model model,
            RedirectAttributes redirect) {
        AccountContext account = pages.fill(model, me, accountId, "members");
        Optional<Invitation> revoked = Forms.attempt(model, "invitation-" + invitationId,
                () -> kit.invitations().revoke(me, InvitationId.of(invitationId)));
        if (revoked.isEmpty()) {
            model.addAttribute("form", InviteForm.empty());
            return page(me, account, null, model);
        }
        redirect.addFlashAttribute("notice", "The invitation to " + revoked.get().email() + " was revoked.");
        return "redirect:" + AccountPages.path(accountId, "members");
    }

    private String page(UserPrincipal me, AccountContext account, @Nullable String after, Model model) {
        PageRequest request = after == null ? PageRequest.first(PAGE_SIZE) : PageRequest.after(after, PAGE_SIZE);
        Page<Membership> members = kit.members().list(me, account.accountId(), request);
        model.addAttribute("members", members);
        boolean mayInvite = kit.policy().decide(me, account.accountId(), Permission.INVITE_MEMBERS).isAllowed();
        List<Invitation> pending = mayInvite
                ? kit.invitations().pending(me, account.accountId(), PageRequest.first(PAGE_SIZE)).items()
                : List.of();
        model.addAttribute("pending", pending);
        model.addAttribute("self", me.userId());
        return "members";
    }

    static String text(@Nullable String typed) {
        return typed == null ? "" : typed.strip();
    }
}
