package dev.orgkit.examples.webapp.users;

import dev.orgkit.EmailAddress;
import dev.orgkit.examples.webapp.web.Forms;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Sign in (Spring Security checks the form this page posts) and sign up. In this demo an address
 * given at sign-up counts as verified; a real host verifies it by mail before orgkit trusts it.
 */
@Controller
class SignInController {
    /** The shortest password sign-up accepts. */
    static final int MIN_PASSWORD = 8;
    private final AppUsers users;

    SignInController(AppUsers users) {
        this.users = users;
    }

    @GetMapping("/login")
    String signIn() {
        return "login";
    }

    /** Where Spring Security forwards a refused request, whatever its method (a POST without its CSRF token). */
    @RequestMapping("/forbidden")
    String forbidden() {
        return "forbidden";
    }

    @GetMapping("/signup")
    String signUpForm(Model model) {
        model.addAttribute("form", new SignUpForm("", ""));
        return "signup";
    }

    @PostMapping("/signup")
    String signUp(@ModelAttribute("form") SignUpForm form, Model model, RedirectAttributes redirect) {
        String email = form.email() == null ? "" : form.email().strip();
        String password = form.password() == null ? "" : form.password();
        EmailAddress.problem(email).ifPresent(problem -> Forms.fieldError(model, "email", problem));
        if (password.length() < MIN_PASSWORD || password.length() > 72) {
            Forms.fieldError(model, "password", "Must be 8 to 72 characters");
        }
        if (!Forms.hasErrors(model) && users.register(email, password, false).isEmpty()) {
            Forms.fieldError(model, "email", "An account with this email exists already; sign in instead");
        }
        if (Forms.hasErrors(model)) {
            // The password is never sent back to the page.
            model.addAttribute("form", new SignUpForm(email, ""));
            return "signup";
        }
        redirect.addFlashAttribute("notice", "Your account was created. Sign in with " + EmailAddress.of(email).value() + ".");
        return "redirect:/login";
    }
}
