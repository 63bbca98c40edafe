package dev.orgkit.invitation;

import dev.orgkit.EmailAddress;
import dev.orgkit.UserId;
import dev.orgkit.account.AccountId;
import dev.orgkit.internal.Check;
import dev.orgkit.member.Role;
import java.time.Instant;

/**
 * An invitation to join an organization with a role. It holds no token: the token exists only in
 * the mail sent to the invitee, and the storage keeps its SHA-256 hash.
 *
 * @param id the invitation's id
 * @param organizationId the organization the invitee would join
 * @param email the invited address; only a user with this verified email can accept
 * @param role the role the invitee gets on accepting
 * @param invitedBy the admin who invited
 * @param inviterEmail the admin's email when inviting, shown in the mail and the preview
 * @param status the status; {@link InvitationStatus#EXPIRED} once {@code expiresAt} has passed
 * @param createdAt when it was created
 * @param expiresAt when its link stops working
 * @since 0.1.0
 */
public record Invitation(
        InvitationId id,
        AccountId organizationId,
        EmailAddress email,
        Role role,
        UserId invitedBy,
        EmailAddress inviterEmail,
        InvitationStatus status,
        Instant createdAt,
        Instant expiresAt) {

    /** Rejects missing parts. */
    public Invitation {
        Check.notNull("id", id, "organizationId", organizationId, "email", email, "role", role,
                "invitedBy", invitedBy, "inviterEmail", inviterEmail, "status", status,
                "createdAt", createdAt, "expiresAt", expiresAt);
    }

    /** Whether it is pending and its expiry has passed at {@code now}. */
    public boolean isExpiredAt(Instant now) {
        return status == InvitationStatus.PENDING && !now.isBefore(expiresAt);
    }

    /** This invitation as seen at {@code now}: a pending one whose time ran out is {@code EXPIRED}. */
    public Invitation asOf(Instant now) {
        return isExpiredAt(now) ? withStatus(InvitationStatus.EXPIRED) : this;
    }

    /** This invitation with another status. */
    public Invitation withStatus(InvitationStatus newStatus) {
        return new Invitation(id, organizationId, email, role, invitedBy, inviterEmail, newStatus,
                createdAt, expiresAt);
    }

    /** This invitation with another expiry, as after a resend. */
    public Invitation withExpiresAt(Instant newExpiresAt) {
        return new Invitation(id, organizationId, email, role, invitedBy, inviterEmail, status,
                createdAt, newExpiresAt);
    }
}
