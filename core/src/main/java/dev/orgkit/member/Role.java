package dev.orgkit.member;

/**
 * A member's role in an organization; permissions derive from it.
 *
 * @since 0.1.0
 */
public enum Role {
    /** Edits the profile, invites, promotes and removes members, reads the audit trail. */
    ADMIN,
    /** Sees the organization, its members and API keys, and uses its APIs. */
    MEMBER
}
