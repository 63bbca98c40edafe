package dev.orgkit.delivery;

import dev.orgkit.internal.Check;
import dev.orgkit.invitation.InvitationId;
import java.time.Instant;
import java.util.Optional;

/**
 * The delivery state of an invitation's mail, for admins: whether it went out, how many attempts it
 * took, and why the last one failed. Holds no secret: errors are recorded with the token redacted.
 *
 * @param invitationId the invitation
 * @param status where the mail is
 * @param attempts attempts since the invitation was sent or last resent
 * @param lastAttemptAt when the last attempt started
 * @param lastError why the last attempt failed, or why the mail was not sent
 * @param nextAttemptAt when the next attempt is due, while {@code PENDING} or {@code FAILED}
 * @since 0.1.0
 */
public record InvitationDelivery(
        InvitationId invitationId,
        DeliveryStatus status,
        int attempts,
        Optional<Instant> lastAttemptAt,
        Optional<String> lastError,
        Optional<Instant> nextAttemptAt) {

    /** Rejects missing parts. */
    public InvitationDelivery {
        Check.notNull("invitationId", invitationId, "status", status, "lastAttemptAt", lastAttemptAt,
                "lastError", lastError, "nextAttemptAt", nextAttemptAt);
    }
}
