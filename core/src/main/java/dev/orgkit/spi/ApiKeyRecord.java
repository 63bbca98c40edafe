package dev.orgkit.spi;

import dev.orgkit.apikey.ApiKey;
import dev.orgkit.internal.Check;

/**
 * An API key as the storage keeps it: the key and the SHA-256 of its secret, which the verifier
 * compares again (in constant time) with the hash it looked up by.
 *
 * @param apiKey the key
 * @param hash the SHA-256 of the key's secret
 * @since 0.1.0
 */
public record ApiKeyRecord(ApiKey apiKey, SecretHash hash) {
    /** Rejects missing parts. */
    public ApiKeyRecord {
        Check.notNull("apiKey", apiKey, "hash", hash);
    }
}
