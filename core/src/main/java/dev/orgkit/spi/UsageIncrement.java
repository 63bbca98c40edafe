package dev.orgkit.spi;

import dev.orgkit.account.AccountId;
import dev.orgkit.apikey.ApiKeyId;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Verifications of one key on one day to add to the stored usage, with the latest time among them.
 *
 * @param accountId the key's account
 * @param keyId the key
 * @param day the day, in UTC
 * @param requests how many valid verifications to add, at least one
 * @param lastUsedAt the time of the latest of them
 * @since 0.1.0
 */
public record UsageIncrement(AccountId accountId, ApiKeyId keyId, LocalDate day, long requests, Instant lastUsedAt) {
    /** Rejects missing parts and counts below one. */
    public UsageIncrement {
        if (accountId == null || keyId == null || day == null || lastUsedAt == null) {
            throw new IllegalArgumentException("a UsageIncrement needs its account, key, day and last use");
        }
        if (requests < 1) {
            throw new IllegalArgumentException("an increment adds at least one request");
        }
    }
}
