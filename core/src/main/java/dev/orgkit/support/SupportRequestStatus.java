package dev.orgkit.support;

/**
 * Where a support request stands.
 *
 * @since 0.1.0
 */
public enum SupportRequestStatus {
    /** Filed, waiting for a support agent. */
    PENDING,
    /** A support agent approved it, and the change was made in the same transaction. */
    APPROVED,
    /** A support agent rejected it; nothing changed. */
    REJECTED,
    /**
     * Nobody decided it before its expiry (derived from {@link SupportRequest#expiresAt()}); it
     * can no longer be approved, and the admin may file a new one.
     */
    EXPIRED
}
