package dev.orgkit.apikey;

import dev.orgkit.internal.Check;

/**
 * A key just created or rolled, with its secret: the only time the secret exists outside the
 * caller of {@code verify}. Show it to the user once; orgkit keeps only its SHA-256.
 *
 * @param secret the key to put in API requests, such as {@code ok_live_...}; never logged
 * @param apiKey the key as members see it from now on
 * @since 0.1.0
 */
public record CreatedApiKey(String secret, ApiKey apiKey) {
    /** Rejects missing parts. */
    public CreatedApiKey {
        Check.notNull("secret", secret, "apiKey", apiKey);
    }

    /** Describes the key without its secret, so that logging this value leaks nothing. */
    @Override
    public String toString() {
        return "CreatedApiKey[secret=<redacted>, apiKey=" + apiKey + "]";
    }
}
