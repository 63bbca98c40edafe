package dev.orgkit.apikey;

import java.util.Optional;

/**
 * Which environment a key is for: production traffic or tests. It is part of the key's text
 * ({@code ok_live_...}, {@code ok_test_...}) so that a leaked test key is recognised at a glance.
 *
 * @since 0.1.0
 */
public enum Environment {
    /** Production; rendered {@code live}. */
    LIVE("live"),
    /** Tests and sandboxes; rendered {@code test}. */
    TEST("test");

    private final String text;

    Environment(String text) {
        this.text = text;
    }

    /** How the environment is written in a key: {@code live} or {@code test}. */
    public String text() {
        return text;
    }

    /** The environment written {@code text} ({@code live} or {@code test}), if any. */
    public static Optional<Environment> fromText(String text) {
        for (Environment environment : values()) {
            if (environment.text.equals(text)) {
                return Optional.of(environment);
            }
        }
        return Optional.empty();
    }
}
