package dev.orgkit.internal;

import dev.orgkit.InvalidInputException;
import dev.orgkit.InvalidInputException.Violation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Collects input violations so that a rejection lists all of them, then throws one
 * {@link InvalidInputException}. Not thread-safe; one instance per validation.
 *
 * <p>The public value types ({@code UserId}, {@code Membership}, {@code Decision}, ...) validate
 * their components with it: it is one of the few internal classes the API may use, a list that
 * {@code ArchitectureTest} keeps closed. It stays internal so that hosts do not build on it.
 */
public final class Check {
    /** The message of a violation by text that holds a lone surrogate. */
    public static final String LONE_SURROGATE = "must not contain unpaired surrogate characters";

    /** The earliest instant every storage keeps (MariaDB's {@code DATETIME} starts at year 1000). */
    public static final Instant EARLIEST = Instant.parse("1000-01-01T00:00:00Z");
    /** The first instant no storage keeps: year 10000. */
    public static final Instant BEYOND = Instant.parse("+10000-01-01T00:00:00Z");

    private final List<Violation> violations = new ArrayList<>();

    /** Records a violation of {@code field}. */
    public Check add(String field, String message) {
        violations.add(new Violation(field, message));
        return this;
    }

    /** Records a violation of {@code field} if {@code problem} is present. */
    public Check add(String field, Optional<String> problem) {
        problem.ifPresent(message -> add(field, message));
        return this;
    }

    /** Adds the violations that another check collected. */
    public Check addAll(List<Violation> more) {
        violations.addAll(more);
        return this;
    }

    /** Throws an {@link InvalidInputException} listing every violation, if there is any. */
    public void throwIfAny() {
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
    }

    /** Throws for a single field if it has a problem. */
    public static void single(String field, Optional<String> problem) {
        problem.ifPresent(message -> {
            throw new InvalidInputException(List.of(new Violation(field, message)));
        });
    }

    /**
     * A check that has recorded every null among the named values (arguments alternate name,
     * value), so that the caller can add the other problems of the same call before throwing.
     */
    public static Check nulls(Object... namesAndValues) {
        var check = new Check();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] == null) {
                check.add((String) namesAndValues[i], "must not be null");
            }
        }
        return check;
    }

    /** Throws if any of the named values is null; arguments alternate name, value. */
    public static void notNull(Object... namesAndValues) {
        nulls(namesAndValues).throwIfAny();
    }

    /** The problem of an identifier: null, blank, too long, or with control characters or spaces at its ends. */
    public static Optional<String> identifierProblem(@Nullable String value, int maxLength) {
        Optional<String> text = textProblem(value, maxLength);
        if (text.isPresent()) {
            return text;
        }
        if (!value.strip().equals(value)) {
            return Optional.of("must not start or end with white space");
        }
        return Optional.empty();
    }

    /** The problem of a text typed by a person: null, blank, too long, or with control characters. */
    public static Optional<String> textProblem(@Nullable String value, int maxLength) {
        if (value == null) {
            return Optional.of("must not be null");
        }
        if (value.isBlank()) {
            return Optional.of("must not be blank");
        }
        if (value.length() > maxLength) {
            return Optional.of("must be at most " + maxLength + " characters");
        }
        if (hasControlCharacter(value)) {
            return Optional.of("must not contain control characters");
        }
        if (hasLoneSurrogate(value)) {
            return Optional.of(LONE_SURROGATE);
        }
        return Optional.empty();
    }

    /**
     * Whether the text holds a surrogate that is not half of a pair: broken UTF-16, which no
     * database encoding stores as it was given.
     */
    public static boolean hasLoneSurrogate(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** The problem of an instant that a storage could not keep: before year 1000 or after year 9999. */
    public static Optional<String> instantProblem(Instant at) {
        return at.isBefore(EARLIEST) || !at.isBefore(BEYOND) ? Optional.of("must be from year 1000 to 9999")
                : Optional.empty();
    }

    /** Whether the text contains an ISO control character (tabs and line breaks included). */
    public static boolean hasControlCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
