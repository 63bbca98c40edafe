package dev.orgkit.account;

/**
 * The two kinds of account.
 *
 * @since 0.1.0
 */
public enum AccountKind {
    /** A user's own account; it never has members. */
    PERSONAL,
    /** An account with members, invitations and a profile. */
    ORGANIZATION
}
