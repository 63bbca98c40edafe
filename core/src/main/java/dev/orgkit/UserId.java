package dev.orgkit;

import dev.orgkit.internal.Check;

/**
 * The host's identifier of a user: whatever its authentication gives (a subject, a database id).
 *
 * @param value 1 to 128 characters, no control characters, not blank
 * @since 0.1.0
 */
public record UserId(String value) implements Comparable<UserId> {

    /** Validates the value. */
    public UserId {
        Check.single("userId", Check.identifierProblem(value, 128));
    }

    /** Creates a user id, or throws {@link InvalidInputException}. */
    public static UserId of(String value) {
        return new UserId(value);
    }

    @Override
    public int compareTo(UserId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
