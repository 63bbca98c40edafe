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
    /** An admin asked support to demote or remove an admin; details hold the request. */
    SUPPORT_REQUESTED,
    /**
     * A support agent approved a support request and the change was made; details hold the request,
     * the ticket, and the role before and after (or the removed member's email and role).
     */
    SUPPORT_REQUEST_APPROVED,
    /** A support agent rejected a support request; details hold the request, the ticket and why. */
    SUPPORT_REQUEST_REJECTED,
    /** An admin sent an invitation again, with a new link and expiry; the old link stopped working. */
    INVITATION_RESENT,
    /** An admin revoked an invitation. */
    INVITATION_REVOKED,
    /** The invitee declined an invitation. */
    INVITATION_DECLINED,
    /**
     * orgkit handed an invitation's mail to the mailer, which took it; details hold the recipient, the
     * attempt and the message id. Its actor is {@link Actor.Kind#SYSTEM}.
     */
    INVITATION_MAIL_SENT,
    /**
     * The mailer failed to send an invitation's mail; it will be tried again. Details hold the attempt
     * and the error (with no secret in it).
     */
    INVITATION_MAIL_FAILED,
    /** The last attempt to send an invitation's mail failed; orgkit stopped trying. */
    INVITATION_MAIL_GIVEN_UP,
    /** An API key was created; details hold its name, environment and hint, never the secret. */
    API_KEY_CREATED,
    /** An API key was revoked, permanently. */
    API_KEY_REVOKED,
    /** An API key was rolled: a new key replaced it, and its old secret expires after the overlap. */
    API_KEY_ROLLED,
    /**
     * The host's billing assigned a plan to the account; details hold its limits. Its actor is
     * {@link Actor.Kind#SYSTEM}.
     * @since 0.2.0
     */
    PLAN_ASSIGNED,
    /** An admin (or a personal account's owner) set the usage alert thresholds; details hold them. @since 0.2.0 */
    USAGE_ALERTS_SET,
    /**
     * orgkit handed a usage alert to the mailer, which took it; details hold the recipient, the
     * month and threshold ({@code subject}), the attempt and the message id. Actor {@link Actor.Kind#SYSTEM}.
     * @since 0.2.0
     */
    USAGE_ALERT_SENT,
    /**
     * orgkit handed a monthly usage statement to the mailer, which took it; details as for
     * {@link #USAGE_ALERT_SENT}, the subject being the month. Actor {@link Actor.Kind#SYSTEM}.
     * @since 0.2.0
     */
    USAGE_STATEMENT_SENT,
    /**
     * orgkit handed an API key's expiry notice to the mailer, which took it; its target and
     * {@code subject} are the key's id, other details as for {@link #USAGE_ALERT_SENT}. Actor
     * {@link Actor.Kind#SYSTEM}.
     * @since 0.2.0
     */
    KEY_EXPIRY_NOTICE_SENT,
    /**
     * The organization was deleted (by its sole admin, by support approving a request, or because
     * its last member was erased): its keys were revoked, its pending invitations revoked, and it
     * waits for purge until {@code restoreUntil}, which details hold with the counts.
     * @since 0.2.0
     */
    ORGANIZATION_DELETED,
    /** Support restored a deleted organization within its restore window; its keys stay revoked. @since 0.2.0 */
    ORGANIZATION_RESTORED,
    /**
     * The restore window of a deleted account passed and its rows were removed, all but this audit
     * trail. Actor {@link Actor.Kind#SYSTEM}.
     * @since 0.2.0
     */
    ORGANIZATION_PURGED,
    /**
     * The host erased a user: memberships ended, their personal account deleted, and their email
     * replaced by a pseudonym in stored audit details. Written to the personal account's trail (and
     * to each organization the user left). Actor {@link Actor.Kind#SYSTEM}.
     * @since 0.2.0
     */
    USER_ERASED
}
