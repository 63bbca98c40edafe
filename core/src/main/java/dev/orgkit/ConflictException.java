package dev.orgkit;

import dev.orgkit.policy.Decision;
import dev.orgkit.policy.DenialCode;

/**
 * The command conflicts with the current state: a duplicate (a member invited again, an invitation
 * already pending) or a stale version. Nothing was changed.
 *
 * @since 0.1.0
 */
public class ConflictException extends OrgKitException {
    private static final long serialVersionUID = 1L;

    private final transient Decision.Denied denial;

    /** Creates the exception for a denial with a conflict code. */
    public ConflictException(Decision.Denied denial) {
        super(denial.code() + ": " + denial.message());
        this.denial = denial;
    }

    /** The conflict's code, such as {@link DenialCode#ALREADY_A_MEMBER}. */
    public DenialCode code() {
        return denial.code();
    }

    /** The whole denial: code, message and remedy. */
    public Decision.Denied denial() {
        return denial;
    }
}
