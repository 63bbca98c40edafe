package dev.orgkit.internal;

/** Removes a secret from text before it reaches a log or an exception message. */
public final class Redaction {
    private Redaction() {}

    /** {@code text} with every occurrence of {@code secret} replaced by {@code <redacted>}. */
    public static String redact(String text, String secret) {
        return secret.isEmpty() ? text : text.replace(secret, "<redacted>");
    }
}
