package dev.orgkit.examples.webapp.members;

import dev.orgkit.examples.webapp.web.Forms;
import dev.orgkit.member.Role;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.ui.Model;

/** Reads a role chosen in a form, and names roles the way the guide writes them. */
final class Roles {
    private Roles() {}

    /** The role chosen in {@code field}, or empty with a message next to the field. */
    static Optional<Role> parse(@Nullable String chosen, Model model, String field) {
        for (Role role : Role.values()) {
            if (role.name().equals(chosen)) {
                return Optional.of(role);
            }
        }
        Forms.fieldError(model, field, "Choose Admin or Member");
        return Optional.empty();
    }
}
