package dev.orgkit.apikey;

import dev.orgkit.internal.Check;
import dev.orgkit.internal.NoControlCharacters;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Optional;

/**
 * The form that creates an API key. Validated when submitted: {@code apiKeys().create} lists every
 * violation at once, and rejects an expiry that is not in the future by the kit's clock.
 *
 * @param name what the key is for (at most 100 characters), such as {@code ci}
 * @param environment {@code LIVE} or {@code TEST}
 * @param expiresAt when the key stops working; empty for a key that works until revoked
 * @since 0.1.0
 */
public record NewApiKey(
        @NotBlank @Size(max = 100) @NoControlCharacters String name,
        @NotNull Environment environment,
        @NotNull Optional<Instant> expiresAt) {

    /** A live key that works until revoked. */
    public NewApiKey(String name) {
        this(name, Environment.LIVE, Optional.empty());
    }

    /** A key for {@code environment} that works until revoked. */
    public NewApiKey(String name, Environment environment) {
        this(name, environment, Optional.empty());
    }

    /** This form with an expiry. */
    public NewApiKey expiringAt(Instant at) {
        Check.notNull("expiresAt", at);
        return new NewApiKey(name, environment, Optional.of(at));
    }
}
