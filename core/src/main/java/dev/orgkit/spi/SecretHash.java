package dev.orgkit.spi;

import dev.orgkit.internal.Check;

/**
 * The SHA-256 of a secret (an invitation token, an API key), in lower-case hex. This, never the
 * secret, is what storage keeps and looks up by.
 *
 * @param hex 64 lower-case hex digits
 * @since 0.1.0
 */
public record SecretHash(String hex) {
    /** Validates the shape. */
    public SecretHash {
        Check.notNull("hex", hex);
        if (!isLowerHex64(hex)) {
            throw new IllegalArgumentException("a SecretHash is 64 lower-case hex digits");
        }
    }

    // A loop, not a regular expression: API key verification builds one of these on every call.
    private static boolean isLowerHex64(String text) {
        if (text.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
