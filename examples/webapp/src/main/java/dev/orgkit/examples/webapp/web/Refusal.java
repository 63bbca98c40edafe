package dev.orgkit.examples.webapp.web;

import dev.orgkit.policy.Decision;
import java.util.Optional;

/**
 * A refusal of the policy engine as a page shows it, next to the control it is about.
 *
 * @param about which control or form of the page it belongs to, such as {@code invite}
 * @param message what was refused, in the engine's words
 * @param remedy what the user can do instead, if anything
 */
public record Refusal(String about, String message, Optional<String> remedy) {

    /** The refusal of a denial, shown next to {@code about}. */
    public static Refusal of(String about, Decision.Denied denial) {
        return new Refusal(about, denial.message(), denial.remedy());
    }

    /** Whether it belongs next to {@code control}. */
    public boolean isAbout(String control) {
        return about.equals(control);
    }
}
