package dev.orgkit.delivery;

/**
 * The kinds of account notices, the mails of the outbox that are about an account rather than an
 * invitation. Each notice is identified by its account, its kind and a subject, and is sent at most
 * once.
 *
 * @since 0.2.0
 */
public enum NoticeKind {
    /** A usage alert; subject {@code <yyyy-MM>/<threshold>}, such as {@code 2026-11/80}. */
    USAGE_ALERT,
    /** A monthly usage statement; subject {@code <yyyy-MM>}. */
    USAGE_STATEMENT,
    /** An API key expiry notice; subject the key's id. */
    KEY_EXPIRY
}
