package dev.orgkit.invitation;

import dev.orgkit.internal.Check;

/**
 * The id of an invitation. Not a secret: the secret is the token in the invitation's link.
 *
 * @param value 1 to 64 characters
 * @since 0.1.0
 */
public record InvitationId(String value) implements Comparable<InvitationId> {
    /** Validates the value. */
    public InvitationId {
        Check.single("invitationId", Check.identifierProblem(value, 64));
    }

    /** Parses an invitation id, or throws {@link dev.orgkit.InvalidInputException}. */
    public static InvitationId of(String value) {
        return new InvitationId(value);
    }

    @Override
    public int compareTo(InvitationId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
