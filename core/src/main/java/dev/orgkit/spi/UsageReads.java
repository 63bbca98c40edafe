package dev.orgkit.spi;

import dev.orgkit.account.AccountId;
import dev.orgkit.apikey.KeyUsage;
import java.time.LocalDate;
import java.util.List;

/**
 * The reads of API-key usage: request counts per key and day (UTC). Obtained from
 * {@link ReadTransaction#usage()}; valid only inside that transaction.
 *
 * @since 0.2.0
 */
public interface UsageReads {

    /**
     * The stored usage of the account's keys from {@code from} to {@code to} (inclusive), one row per
     * (key, day) with at least one request, ordered by day then key id; empty if there is none.
     */
    List<KeyUsage> keyUsage(AccountId accountId, LocalDate from, LocalDate to);
}
