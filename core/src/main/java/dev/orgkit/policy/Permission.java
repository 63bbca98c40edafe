package dev.orgkit.policy;

/**
 * Something a principal may or may not do on an account. A UI asks
 * {@code kit.policy().decide(principal, accountId, permission)} to show or hide a button; the
 * services ask the same engine before every command.
 *
 * @since 0.1.0
 */
public enum Permission {
    /** See the account, its profile and its members. */
    VIEW_ACCOUNT("view account & members"),
    /** Edit an organization's profile. */
    EDIT_PROFILE("edit profile"),
    /** Invite, resend and revoke invitations, and list pending ones. */
    INVITE_MEMBERS("invite / resend / revoke invitations"),
    /** Promote a MEMBER to ADMIN. */
    PROMOTE_MEMBER("promote MEMBER→ADMIN"),
    /** Demote an ADMIN to MEMBER. */
    DEMOTE_ADMIN("demote ADMIN"),
    /** Remove an ADMIN. */
    REMOVE_ADMIN("remove ADMIN"),
    /** Remove a MEMBER. */
    REMOVE_MEMBER("remove MEMBER"),
    /** See the account's API keys (hints only) and use its APIs. */
    VIEW_API_KEYS("view API keys (hints) / use APIs"),
    /** Create, revoke and roll the account's API keys. */
    MANAGE_API_KEYS("create / revoke / roll API keys"),
    /** Read the account's audit trail. */
    VIEW_AUDIT_TRAIL("view audit trail"),
    /** File a support request to demote or remove an admin. */
    REQUEST_SUPPORT("file support requests"),
    /** Leave the organization. */
    LEAVE("leave"),
    /** Read the account's API usage per day and per key. */
    VIEW_USAGE("view API usage"),
    /** Delete the organization (R13: only its sole admin; otherwise through support). @since 0.2.0 */
    DELETE_ORGANIZATION("delete organization");

    private final String label;

    Permission(String label) {
        this.label = label;
    }

    /** A short description, as in the README's permission table. */
    public String label() {
        return label;
    }
}
