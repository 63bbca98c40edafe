package dev.orgkit.examples.webapp.members;

import dev.orgkit.InvalidInputException;
import dev.orgkit.NotFoundException;
import dev.orgkit.OrgKit;
import dev.orgkit.UserPrincipal;
import dev.orgkit.examples.webapp.users.AppUser;
import dev.orgkit.examples.webapp.users.CurrentPrincipal;
import dev.orgkit.examples.webapp.web.Forms;
import dev.orgkit.examples.webapp.web.Refusal;
import dev.orgkit.invitation.InvitationPreview;
import dev.orgkit.invitation.InvitationStatus;
import dev.orgkit.member.Membership;
import dev.orgkit.member.Role;
import dev.orgkit.policy.DenialCode;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The page an invitation link opens: who invites, to which organization, with which role; Accept and
 * Decline for the invited user; and the right message for a link that expired, was revoked or
 * replaced, was already used, or was opened by someone signed in with another email. Opening it
 * consumes nothing (mail scanners open links); only Accept does.
 */
@Controller
class InvitationController {
    private final OrgKit kit;

    InvitationController(OrgKit kit) {
        this.kit = kit;
    }

    /** The link in the mail: keeps the token in the session and moves to a URL without it. */
    @GetMapping("/invitations/{token}")
    String open(@PathVariable String token, HttpSession session) {
        return "redirect:/invitation/" + InvitationLinks.remember(session, token);
    }

    @GetMapping("/invitation/{handle}")
    String show(@PathVariable String handle, HttpSession session, Model model, HttpServletResponse response) {
        return page(handle, session, model, response);
    }

    /** Signing in from the invitation page comes back to it. */
    @GetMapping("/invitation/{handle}/sign-in")
    String signIn(@PathVariable String handle) {
        return "redirect:/invitation/" + handle;
    }

    @PostMapping("/invitation/{handle}/accept")
    String accept(UserPrincipal me, @PathVariable String handle, HttpSession session, Model model,
            RedirectAttributes redirect, HttpServletResponse response) {
        Optional<String> token = InvitationLinks.token(session, handle);
        Optional<Membership> joined = token.flatMap(t -> Forms.attempt(model, "invitation",
                () -> kit.invitations().accept(me, t)));
        if (joined.isEmpty()) {
            return page(handle, session, model, response);
        }
        kit.accounts().switchTo(me, joined.get().organizationId());
        redirect.addFlashAttribute("notice", "You joined " + organizationName(token.get()) + " as "
                + (joined.get().role() == Role.ADMIN ? "an Admin." : "a Member."));
        return "redirect:/organizations";
    }

    @PostMapping("/invitation/{handle}/decline")
    String decline(UserPrincipal me, @PathVariable String handle, HttpSession session, Model model,
            RedirectAttributes redirect, HttpServletResponse response) {
        Optional<String> token = InvitationLinks.token(session, handle);
        boolean declined = token.isPresent()
                && Forms.run(model, "invitation", () -> kit.invitations().decline(me, token.get()));
        if (!declined) {
            return page(handle, session, model, response);
        }
        redirect.addFlashAttribute("notice", "You declined the invitation.");
        return "redirect:/invitation/" + handle;
    }

    private String page(String handle, HttpSession session, Model model, HttpServletResponse response) {
        model.addAttribute("handle", handle);
        Optional<InvitationPreview> preview = InvitationLinks.token(session, handle).flatMap(this::preview);
        if (preview.isEmpty()) {
            // Unknown, revoked, or replaced by a newer mail: the same answer for all (R9).
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return "invitation-invalid";
        }
        InvitationPreview invitation = preview.get();
        model.addAttribute("invitation", invitation);
        AppUser user = CurrentPrincipal.signedIn();
        model.addAttribute("signedInAs", user == null ? null : user.email());
        if (!model.containsAttribute(Forms.REFUSAL)) {
            problem(invitation, user).ifPresent(code -> model.addAttribute(Forms.REFUSAL,
                    Refusal.of("invitation", code.denial())));
        }
        return "invitation";
    }

    /** Why the signed-in user cannot accept, if they cannot: as the policy engine will answer (R8). */
    private static Optional<DenialCode> problem(InvitationPreview invitation, @Nullable AppUser user) {
        if (invitation.status() == InvitationStatus.EXPIRED) {
            return Optional.of(DenialCode.INVITATION_EXPIRED);
        }
        if (invitation.status() != InvitationStatus.PENDING) {
            return Optional.of(DenialCode.INVITATION_NOT_PENDING);
        }
        if (user != null && (user.support() || !user.email().equals(invitation.email().value()))) {
            return Optional.of(DenialCode.INVITATION_EMAIL_MISMATCH);
        }
        return Optional.empty();
    }

    private Optional<InvitationPreview> preview(String token) {
        try {
            return Optional.of(kit.invitations().preview(token));
        } catch (NotFoundException | InvalidInputException unknownOrMalformed) {
            return Optional.empty();
        }
    }

    private String organizationName(String token) {
        return preview(token).map(InvitationPreview::organizationName).orElse("the organization");
    }
}
