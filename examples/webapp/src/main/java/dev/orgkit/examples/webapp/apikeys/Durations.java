package dev.orgkit.examples.webapp.apikeys;

import java.time.Duration;

/** Durations in words, as the pages say them. */
final class Durations {
    private Durations() {}

    /** {@code PT1H} is "1 hour", {@code P7D} is "7 days". */
    static String words(Duration duration) {
        if (duration.toDaysPart() > 0 && duration.toHoursPart() == 0) {
            return plural(duration.toDays(), "day");
        }
        if (duration.toMinutesPart() == 0 && duration.toHours() > 0) {
            return plural(duration.toHours(), "hour");
        }
        return plural(duration.toMinutes(), "minute");
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }
}
