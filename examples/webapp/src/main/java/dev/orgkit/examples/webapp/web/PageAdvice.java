package dev.orgkit.examples.webapp.web;

import dev.orgkit.AccessDeniedException;
import dev.orgkit.InvalidInputException;
import dev.orgkit.NotFoundException;
import dev.orgkit.OrgKit;
import dev.orgkit.examples.webapp.users.AppUser;
import dev.orgkit.examples.webapp.users.CurrentPrincipal;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The header on every page, and readable pages for what no form can show next to a control: an
 * account or link that does not exist (or that the user may not know of), and a page the policy
 * engine refuses to show, with its remedy. Only for the app's own controllers: orgkit's HTTP API
 * answers with its own problem details.
 */
@ControllerAdvice(basePackages = "dev.orgkit.examples.webapp")
public class PageAdvice {
    private final OrgKit kit;

    PageAdvice(OrgKit kit) {
        this.kit = kit;
    }

    /** The header of a signed-in customer; none for support agents and visitors. */
    @ModelAttribute("header")
    @Nullable HeaderView header() {
        AppUser user = CurrentPrincipal.signedIn();
        return user == null || user.support() ? null : new HeaderView(kit, user.userPrincipal());
    }

    /** The signed-in user, for the sign-out button. */
    @ModelAttribute("me")
    @Nullable AppUser me() {
        return CurrentPrincipal.signedIn();
    }

    @ExceptionHandler({NotFoundException.class, InvalidInputException.class})
    String notFound(Model model, HttpServletResponse response) {
        model.addAttribute("header", header());
        model.addAttribute("me", me());
        // An id that does not parse names nothing, like an id nobody may see (R9).
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        return "not-found";
    }

    @ExceptionHandler(AccessDeniedException.class)
    String refused(AccessDeniedException denied, Model model, HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        model.addAttribute("header", header());
        model.addAttribute("me", me());
        model.addAttribute(Forms.REFUSAL, Refusal.of("page", denied.denial()));
        return "refused";
    }
}
