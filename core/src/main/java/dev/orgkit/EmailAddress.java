package dev.orgkit;

import dev.orgkit.internal.Check;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An email address, normalized once (trimmed, lower-cased) so that comparisons are never ad hoc.
 *
 * @param value the normalized address
 * @since 0.1.0
 */
public record EmailAddress(String value) {
    /** The longest address SMTP can carry (RFC 5321 path limit). */
    public static final int MAX_LENGTH = 254;

    private static final Pattern SYNTAX = Pattern.compile(
            "[a-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+"
                    + "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    /** Normalizes and validates the address. */
    public EmailAddress {
        Check.single("email", problem(value));
        value = normalize(value);
    }

    /** Parses an address typed by a person or given by a host, or throws {@link InvalidInputException}. */
    public static EmailAddress of(String value) {
        return new EmailAddress(value);
    }

    /**
     * What is wrong with {@code raw} as an email address, if anything. Used by validators so that
     * every entry point applies the same syntax.
     */
    public static Optional<String> problem(String raw) {
        if (raw == null) {
            return Optional.of("must not be null");
        }
        String normalized = normalize(raw);
        if (normalized.isEmpty()) {
            return Optional.of("must not be blank");
        }
        if (normalized.length() > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters");
        }
        if (Check.hasControlCharacter(normalized) || !SYNTAX.matcher(normalized).matches()) {
            return Optional.of("must be a well-formed email address");
        }
        return Optional.empty();
    }

    private static String normalize(String raw) {
        return raw.strip().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return value;
    }
}
