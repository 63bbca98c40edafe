package dev.orgkit.examples.webapp.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Formats instants for the pages, in UTC ({@code ${@dates.time(x)}} in a template). */
@Component("dates")
public class Dates {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    /** {@code 2026-11-29 10:46 UTC}. */
    public String time(Instant instant) {
        return TIME.format(instant);
    }

    /** {@code 2026-11-29}. */
    public String day(Instant instant) {
        return DAY.format(instant);
    }

    /** The time, or {@code otherwise} when there is none. */
    public String time(Optional<Instant> instant, String otherwise) {
        return instant.map(this::time).orElse(otherwise);
    }
}
