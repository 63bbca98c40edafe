package dev.orgkit.internal;

import dev.orgkit.AccessDeniedException;
import dev.orgkit.ConflictException;
import dev.orgkit.NotFoundException;
import dev.orgkit.OrgKitException;
import dev.orgkit.policy.Decision;
import dev.orgkit.policy.DenialCode;

/** Turns a denied {@link Decision} into the exception the design names for its code. */
public final class Denials {
    private Denials() {}

    /** Returns normally if allowed; otherwise throws the exception for the denial's code. */
    public static void require(Decision decision) {
        if (decision instanceof Decision.Denied denied) {
            throw toException(denied);
        }
    }

    /** The exception for {@code code} with its default message, for {@code throw Denials.raise(code)}. */
    public static OrgKitException raise(DenialCode code) {
        return toException(code.denial());
    }

    /** The exception for a denial: not found, a conflict, or access denied. */
    public static OrgKitException toException(Decision.Denied denied) {
        switch (denied.code()) {
            case NOT_FOUND:
                return new NotFoundException(denied.message());
            case ALREADY_A_MEMBER:
            case INVITATION_ALREADY_PENDING:
            case STALE_VERSION:
            case SUPPORT_REQUEST_ALREADY_PENDING:
            case API_KEY_INACTIVE:
            case RESTORE_WINDOW_PASSED:
            case SEAT_LIMIT_REACHED:
                return new ConflictException(denied);
            default:
                return new AccessDeniedException(denied);
        }
    }
}
