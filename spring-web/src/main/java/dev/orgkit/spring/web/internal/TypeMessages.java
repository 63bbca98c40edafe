package dev.orgkit.spring.web.internal;

import dev.orgkit.InvalidInputException.Violation;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Says what a value of the wrong type should have been, without repeating the value (it may be a
 * secret): {@code must be one of ADMIN, MEMBER}, {@code must be an ISO-8601 duration such as PT1H}.
 */
final class TypeMessages {
    private TypeMessages() {}

    /** What a value of {@code type} looks like. */
    static String expected(@Nullable Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        }
        if (type.isEnum()) {
            return "must be one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf)
                    .collect(Collectors.joining(", "));
        }
        if (type == Duration.class) {
            return "must be an ISO-8601 duration such as PT1H";
        }
        if (type == Instant.class) {
            return "must be an ISO-8601 instant such as 2026-11-29T10:15:30Z";
        }
        if (type == LocalDate.class) {
            return "must be an ISO-8601 date such as 2026-11-29";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "must be a whole number";
        }
        if (type == String.class) {
            return "must be a string";
        }
        return "has the wrong type";
    }

    /**
     * The field of a JSON body whose value had the wrong type, if that is what {@code cause} (the
     * cause of an unreadable body) says; empty for a body that is not JSON at all.
     */
    static Optional<Violation> violation(@Nullable Throwable cause) {
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return Optional.of(new Violation(path(unknown), "is not a known field"));
        }
        if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            return Optional.of(new Violation(path(mismatch), expected(mismatch.getTargetType())));
        }
        return Optional.empty();
    }

    private static String path(JacksonException exception) {
        return exception.getPath().stream()
                .map(reference -> reference.getPropertyName() != null ? reference.getPropertyName()
                        : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
