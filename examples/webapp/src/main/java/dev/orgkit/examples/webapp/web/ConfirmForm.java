package dev.orgkit.examples.webapp.web;

import org.jspecify.annotations.Nullable;

/**
 * What a user types to confirm a destructive action: an organization's name to leave it, a member's
 * email to remove them. orgkit compares it (R5).
 *
 * @param confirm the typed text
 */
public record ConfirmForm(@Nullable String confirm) {

    /** The typed text, empty if none. */
    public String typed() {
        return confirm == null ? "" : confirm;
    }
}
