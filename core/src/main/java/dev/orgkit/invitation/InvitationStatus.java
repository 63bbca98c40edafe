package dev.orgkit.invitation;

/**
 * Where an invitation is in its life. Only a {@link #PENDING} invitation can be accepted.
 *
 * @since 0.1.0
 */
public enum InvitationStatus {
    /** Sent and waiting for the invitee, until it expires. */
    PENDING,
    /** The invitee joined; the link no longer works. */
    ACCEPTED,
    /** The invitee declined. */
    DECLINED,
    /** An admin revoked it. */
    REVOKED,
    /** Its time ran out before anyone accepted it (derived from {@code expiresAt}). */
    EXPIRED
}
