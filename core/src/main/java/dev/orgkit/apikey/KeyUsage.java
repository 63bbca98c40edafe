package dev.orgkit.apikey;

import dev.orgkit.internal.Check;
import java.time.LocalDate;

/**
 * How many times one key verified on one day (UTC).
 *
 * @param keyId the key
 * @param day the day, in UTC
 * @param requests how many valid verifications, as of the last usage flush
 * @since 0.1.0
 */
public record KeyUsage(ApiKeyId keyId, LocalDate day, long requests) {
    /** Rejects missing parts and negative counts. */
    public KeyUsage {
        Check.notNull("keyId", keyId, "day", day);
        if (requests < 0) {
            throw new IllegalArgumentException("requests must not be negative");
        }
    }
}
