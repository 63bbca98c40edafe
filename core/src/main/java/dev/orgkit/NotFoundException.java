package dev.orgkit;

import dev.orgkit.policy.DenialCode;

/**
 * What was asked for does not exist, or the principal may not know that it exists (rule R9: a
 * non-member gets the same answer as for an unknown id).
 *
 * @since 0.1.0
 */
public class NotFoundException extends OrgKitException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception; the message must not reveal whether the thing exists. */
    public NotFoundException(String message) {
        super(message);
    }

    /** Always {@link DenialCode#NOT_FOUND}. */
    public DenialCode code() {
        return DenialCode.NOT_FOUND;
    }
}
