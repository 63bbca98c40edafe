package dev.orgkit.spring.web.internal;

import dev.orgkit.InvalidInputException;
import dev.orgkit.InvalidInputException.Violation;
import dev.orgkit.apikey.Environment;
import dev.orgkit.member.Role;
import dev.orgkit.support.SupportAction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The JSON bodies the API reads, named as the Java API names them. Every field may be missing from
 * the JSON; {@link #require} reports the missing required ones all at once, and the core validates
 * the values.
 */
public final class Bodies {
    private Bodies() {}

    /** The form that creates an organization. */
    public record NewOrganizationBody(@Nullable String accountName, @Nullable String legalName,
            @Nullable String alertingEmail, @Nullable String invoicingEmail) {}

    /** A change of an organization's profile; a missing field keeps its value. */
    public record ProfilePatchBody(@Nullable String legalName, @Nullable String alertingEmail,
            @Nullable String invoicingEmail) {}

    /** What the user typed to confirm: the organization's account name to leave or delete it, the member's email to remove. */
    public record ConfirmBody(@Nullable String confirm) {}

    /** A member's new role. */
    public record RoleBody(@Nullable Role role) {}

    /** An invitation: who, and with which role. */
    public record InviteBody(@Nullable String email, @Nullable Role role) {}

    /** Up to 100 invitations at once, each {@code {"email", "role"}}. */
    public record BulkInviteBody(@Nullable List<@Nullable InviteBody> invitations) {}

    /** The token of an invitation link. Never logged: {@link #toString()} leaves it out. */
    public record TokenBody(@Nullable String token) {
        @Override
        public String toString() {
            return "TokenBody[token=<redacted>]";
        }
    }

    /** The account to make active. */
    public record SwitchBody(@Nullable String accountId) {}

    /** The form that creates an API key; the environment is {@code LIVE} unless given. */
    public record NewApiKeyBody(@Nullable String name, @Nullable Environment environment, @Nullable Instant expiresAt) {}

    /** How long the old secret of a rolled key keeps working, as an ISO-8601 duration ({@code PT1H}). */
    public record RollBody(@Nullable Duration overlap) {}

    /** An admin's request that support demote or remove an admin. */
    public record SupportRequestBody(@Nullable SupportAction action, @Nullable String targetUserId, @Nullable String reason) {}

    /** An account's usage alert thresholds, in percent of its plan's monthly calls; empty turns alerts off. */
    public record UsageAlertsBody(@Nullable List<@Nullable Integer> thresholds) {}

    /** The ticket a support agent cites. */
    public record TicketBody(@Nullable String ticket) {}

    /** A support agent's rejection: the ticket and why. */
    public record RejectBody(@Nullable String ticket, @Nullable String why) {}

    /**
     * Throws {@link InvalidInputException} listing every field of {@code namesAndValues} (name, value,
     * name, value, ...) whose value is missing.
     */
    public static void require(@Nullable Object... namesAndValues) {
        List<Violation> missing = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] == null) {
                missing.add(new Violation(String.valueOf(namesAndValues[i]), "must not be null"));
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidInputException(missing);
        }
    }

    /** The body itself, or an {@link InvalidInputException} when the request had none. */
    public static <T> T present(@Nullable T body) {
        if (body == null) {
            throw new InvalidInputException(List.of(new Violation("body", "must not be empty")));
        }
        return body;
    }
}
