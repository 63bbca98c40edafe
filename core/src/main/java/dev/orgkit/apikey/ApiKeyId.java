package dev.orgkit.apikey;

import dev.orgkit.internal.Check;

/**
 * The id of an API key. Not a secret: the secret is the key itself, shown once.
 *
 * @param value 1 to 64 characters
 * @since 0.1.0
 */
public record ApiKeyId(String value) implements Comparable<ApiKeyId> {
    /** Validates the value. */
    public ApiKeyId {
        Check.single("apiKeyId", Check.identifierProblem(value, 64));
    }

    /** Parses an API key id, or throws {@link dev.orgkit.InvalidInputException}. */
    public static ApiKeyId of(String value) {
        return new ApiKeyId(value);
    }

    @Override
    public int compareTo(ApiKeyId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
