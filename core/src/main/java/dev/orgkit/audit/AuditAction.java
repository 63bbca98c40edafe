package dev.orgkit.audit;

/**
 * What a change did. Names are stable: hosts store and filter on them.
 *
 * @since 0.1.0
 */
public enum AuditAction {
    /** A user's personal account was created on first use. */
    PERSONAL_ACCOUNT_CREATED,
    /** An organization was created; its creator became its first admin. */
    ORGANIZATION_CREATED,
    /** An admin changed the organization's profile; details hold the old and new values. */
    PROFILE_UPDATED,
    /** An admin invited an email address. */
    MEMBER_INVITED,
    /** An invitee accepted an invitation and joined. */
    INVITATION_ACCEPTED,
    /** A member's role changed; details hold the old and new role. */
    MEMBER_ROLE_CHANGED,
    /** An admin removed a member. */
    MEMBER_REMOVED,
    /** A member left. */
    MEMBER_LEFT,
    /** An API key was created; details hold its name, environment and hint, never the secret. */
    API_KEY_CREATED,
    /** An API key was revoked, permanently. */
    API_KEY_REVOKED,
    /** An API key was rolled: a new key replaced it, and its old secret expires after the overlap. */
    API_KEY_ROLLED
}
