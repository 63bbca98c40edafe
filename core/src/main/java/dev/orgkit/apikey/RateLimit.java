package dev.orgkit.apikey;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * How many verifications an API key may pass per window, on each instance of the kit: at most
 * {@code requests} in any {@code window}, counted exactly (every allowed verification frees its slot
 * one window later). Validated when the key is created: 1 to 10,000 requests, a window from one
 * millisecond to one day.
 *
 * @param requests how many verifications a window allows
 * @param window the length of the sliding window
 * @since 0.2.0
 */
public record RateLimit(
        @Min(1) @Max(MAX_REQUESTS) int requests,
        @NotNull Duration window) {

    /** The most requests one window may allow: the limiter keeps one timestamp per allowed request. */
    public static final int MAX_REQUESTS = 10_000;

    /** The longest window. */
    public static final Duration MAX_WINDOW = Duration.ofDays(1);

    /** The limit as text, such as {@code 100/PT1S}: what the audit trail records. */
    @Override
    public String toString() {
        return requests + "/" + window;
    }
}
