package dev.orgkit.spi;

import dev.orgkit.apikey.ApiKey;

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
        if (apiKey == null || hash == null) {
            throw new IllegalArgumentException("an ApiKeyRecord needs its key and its hash");
        }
    }
}
