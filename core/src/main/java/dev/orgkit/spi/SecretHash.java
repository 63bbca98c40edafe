package dev.orgkit.spi;

import java.util.regex.Pattern;

/**
 * The SHA-256 of a secret (an invitation token, an API key), in lower-case hex. This, never the
 * secret, is what storage keeps and looks up by.
 *
 * @param hex 64 lower-case hex digits
 * @since 0.1.0
 */
public record SecretHash(String hex) {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    /** Validates the shape. */
    public SecretHash {
        if (hex == null || !HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("a SecretHash is 64 lower-case hex digits");
        }
    }
}
