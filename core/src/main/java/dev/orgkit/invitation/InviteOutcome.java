package dev.orgkit.invitation;

import dev.orgkit.internal.Check;
import dev.orgkit.policy.DenialCode;
import java.util.List;
import java.util.Optional;

/**
 * What became of one row of a bulk invitation: invited (with its invitation), refused by a rule (with
 * its code: {@code ALREADY_A_MEMBER}, {@code INVITATION_ALREADY_PENDING}, {@code SEAT_LIMIT_REACHED}),
 * or invalid (with its violations, such as a malformed address or an address that an earlier row of
 * the batch already has). Exactly one of the three.
 *
 * <pre>{@code
 * for (InviteOutcome row : bulk.outcomes()) {
 *     row.invitation().ifPresent(i -> show(row.email(), "invited"));
 *     row.refusal().ifPresent(code -> show(row.email(), code.defaultMessage()));
 *     row.violations().forEach(v -> show(row.email(), v));
 * }
 * }</pre>
 *
 * @param email the address of the row, as it was given
 * @param invitation the invitation made for the row, if it was invited
 * @param refusal the rule's code, if a rule refused the row
 * @param violations what is wrong with the row's input, if it was invalid; otherwise empty
 * @since 0.2.0
 */
public record InviteOutcome(String email, Optional<Invitation> invitation, Optional<DenialCode> refusal,
        List<String> violations) {

    /** Rejects missing parts and anything but exactly one of invited, refused, invalid; copies the list. */
    public InviteOutcome {
        Check.notNull("email", email, "invitation", invitation, "refusal", refusal, "violations", violations);
        violations = List.copyOf(violations);
        int kinds = (invitation.isPresent() ? 1 : 0) + (refusal.isPresent() ? 1 : 0) + (violations.isEmpty() ? 0 : 1);
        if (kinds != 1) {
            new Check().add("outcome", "must be exactly one of invited, refused and invalid").throwIfAny();
        }
    }

    /** The row was invited. */
    public static InviteOutcome invited(String email, Invitation invitation) {
        return new InviteOutcome(email, Optional.of(invitation), Optional.empty(), List.of());
    }

    /** A rule refused the row. */
    public static InviteOutcome refused(String email, DenialCode code) {
        return new InviteOutcome(email, Optional.empty(), Optional.of(code), List.of());
    }

    /** The row's input was invalid. */
    public static InviteOutcome invalid(String email, List<String> violations) {
        return new InviteOutcome(email, Optional.empty(), Optional.empty(), violations);
    }

    /** Whether the row was invited. */
    public boolean isInvited() {
        return invitation.isPresent();
    }
}
