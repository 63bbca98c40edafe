package dev.orgkit.apikey;

import dev.orgkit.internal.Check;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The API usage of an account on one day (UTC): the total, and the part of each key that was used.
 *
 * @param day the day, in UTC
 * @param requests valid verifications of all the account's keys that day
 * @param byKey valid verifications per key, ordered by key id; keys unused that day are absent
 * @since 0.1.0
 */
public record DailyUsage(LocalDate day, long requests, Map<ApiKeyId, Long> byKey) {
    /** Copies the map, in key order. */
    public DailyUsage {
        Check.notNull("day", day, "byKey", byKey);
        byKey = Collections.unmodifiableMap(new TreeMap<>(byKey));
    }
}
