package dev.orgkit;

import dev.orgkit.policy.Decision;
import dev.orgkit.policy.DenialCode;

/**
 * A rule of the policy engine refused the command; nothing was changed.
 *
 * <p>{@link #code()} is the stable machine-readable reason that hosts map to HTTP statuses and
 * translations; {@link #denial()} also carries the human message and the remedy, if there is one.
 *
 * @since 0.1.0
 */
public class AccessDeniedException extends OrgKitException {
    private static final long serialVersionUID = 1L;

    private final transient Decision.Denied denial;

    /** Creates the exception for a denial. */
    public AccessDeniedException(Decision.Denied denial) {
        super(denial.code() + ": " + denial.message());
        this.denial = denial;
    }

    /** The code of the rule that refused the command. */
    public DenialCode code() {
        return denial.code();
    }

    /** The whole denial: code, message and remedy. */
    public Decision.Denied denial() {
        return denial;
    }
}
