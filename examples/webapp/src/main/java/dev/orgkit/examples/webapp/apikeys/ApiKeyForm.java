package dev.orgkit.examples.webapp.apikeys;

import org.jspecify.annotations.Nullable;

/**
 * The "Create API key" form as typed.
 *
 * @param name what the key is for
 * @param environment {@code LIVE} or {@code TEST}
 */
public record ApiKeyForm(@Nullable String name, @Nullable String environment) {

    /** An empty form for a live key. */
    public static ApiKeyForm empty() {
        return new ApiKeyForm("", "LIVE");
    }
}
