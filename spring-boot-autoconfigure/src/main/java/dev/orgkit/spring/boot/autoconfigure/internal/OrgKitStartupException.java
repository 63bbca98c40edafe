package dev.orgkit.spring.boot.autoconfigure.internal;

/**
 * orgkit cannot start as configured: the message says what is wrong, {@link #action()} what to do.
 * Reported by {@link OrgKitFailureAnalyzer} in place of a stack trace.
 */
public final class OrgKitStartupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String action;

    /** What is wrong, and what to do about it. */
    public OrgKitStartupException(String description, String action) {
        super(description);
        this.action = action;
    }

    /** What is wrong, what to do about it, and the failure that showed it. */
    public OrgKitStartupException(String description, String action, Throwable cause) {
        super(description, cause);
        this.action = action;
    }

    /** What to do about it. */
    public String action() {
        return action;
    }
}
