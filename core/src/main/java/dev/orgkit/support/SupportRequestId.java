package dev.orgkit.support;

import dev.orgkit.internal.Check;

/**
 * The id of a support request. Ids sort by the time the request was filed, so the support queue
 * lists the oldest request first.
 *
 * @param value 1 to 64 characters, no white space at the ends, no control characters
 * @since 0.1.0
 */
public record SupportRequestId(String value) implements Comparable<SupportRequestId> {
    /** Validates the value. */
    public SupportRequestId {
        Check.single("supportRequestId", Check.identifierProblem(value, 64));
    }

    /** Parses a support request id, or throws {@link dev.orgkit.InvalidInputException}. */
    public static SupportRequestId of(String value) {
        return new SupportRequestId(value);
    }

    @Override
    public int compareTo(SupportRequestId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
