package dev.orgkit;

/**
 * The base of every exception orgkit throws. Messages say what went wrong and never contain a secret.
 *
 * @since 0.1.0
 */
public class OrgKitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message. */
    public OrgKitException(String message) {
        super(message);
    }

    /** Creates an exception with a message and the cause. */
    public OrgKitException(String message, Throwable cause) {
        super(message, cause);
    }
}
