package dev.orgkit;

import dev.orgkit.internal.Check;

/**
 * A user the host has authenticated, with an email address the host has verified.
 *
 * @param userId the host's id of the user
 * @param verifiedEmail the user's verified email address
 * @since 0.1.0
 */
public record UserPrincipal(UserId userId, EmailAddress verifiedEmail) implements Principal {
    /** Rejects missing parts. */
    public UserPrincipal {
        Check.notNull("userId", userId, "verifiedEmail", verifiedEmail);
    }
}
