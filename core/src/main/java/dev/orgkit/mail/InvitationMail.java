package dev.orgkit.mail;

import dev.orgkit.EmailAddress;
import dev.orgkit.invitation.InvitationId;
import dev.orgkit.member.Role;
import java.net.URI;
import java.time.Instant;

/**
 * The mail that carries an invitation to the invitee. It holds the plaintext token: a mailer sends
 * it and must not log or store it ({@link #toString()} leaves the token and the link out).
 *
 * @param messageId a stable id for this mail, so a receiving system can de-duplicate: one per
 *     delivery attempt ({@code <invitationId>.<attemptId>}), the same for every copy of one attempt
 *     (a relay's own retries), and different for each new attempt, because each carries a new link
 * @param invitationId the invitation it carries
 * @param recipient the invited address
 * @param organizationName the organization's account name
 * @param inviterEmail who invited
 * @param role the role on accepting
 * @param acceptLink the link the invitee follows, built by the host's {@code invitationLink}
 * @param token the plaintext token in the link, for mailers that build their own link
 * @param expiresAt when the link stops working
 * @since 0.1.0
 */
public record InvitationMail(
        String messageId,
        InvitationId invitationId,
        EmailAddress recipient,
        String organizationName,
        EmailAddress inviterEmail,
        Role role,
        URI acceptLink,
        String token,
        Instant expiresAt) implements OrgKitMail {

    /** Describes the mail without its secrets. */
    @Override
    public String toString() {
        return "InvitationMail[messageId=" + messageId + ", invitationId=" + invitationId
                + ", recipient=" + recipient + ", organizationName=" + organizationName
                + ", role=" + role + ", expiresAt=" + expiresAt + ", token=<redacted>]";
    }
}
