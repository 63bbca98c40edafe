package dev.orgkit.delivery;

/**
 * Where the mail of an invitation is.
 *
 * @since 0.1.0
 */
public enum DeliveryStatus {
    /** Waiting for its first attempt (right after an invite or a resend). */
    PENDING,
    /** The mailer accepted the mail. */
    SENT,
    /** The last attempt failed; another is scheduled. */
    FAILED,
    /**
     * No more attempts: the maximum number failed, or the invitation stopped being pending
     * (accepted, declined, revoked, expired) before its mail went out.
     */
    GIVEN_UP
}
