package dev.orgkit.apikey;

import dev.orgkit.internal.Check;
import dev.orgkit.internal.NoControlCharacters;
import dev.orgkit.internal.ValidNetwork;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The form that creates an API key. Validated when submitted: {@code apiKeys().create} lists every
 * violation at once, and rejects an expiry that is not in the future by the kit's clock.
 *
 * <pre>{@code
 * new NewApiKey("ci")
 *         .withScopes(Set.of("documents:read"))
 *         .withRateLimit(100, Duration.ofSeconds(1))
 *         .withAllowedNetworks(Set.of("203.0.113.0/24", "2001:db8::/32"));
 * }</pre>
 *
 * @param name what the key is for (at most 100 characters), such as {@code ci}
 * @param environment {@code LIVE} or {@code TEST}
 * @param expiresAt when the key stops working (in the future, before year 10000); empty for a key that
 *     works until revoked
 * @param scopes the scopes the key may act in (at most 32, each 1 to 64 characters of {@code a-z 0-9 : . _ -});
 *     empty: any scope
 * @param rateLimit how many verifications per window the key may pass on each instance; empty: no limit
 * @param allowedNetworks the IPv4 and IPv6 networks (CIDR, at most 32) its callers must be in; empty: anywhere
 * @since 0.1.0
 */
public record NewApiKey(
        @NotBlank @Size(max = 100) @NoControlCharacters String name,
        @NotNull Environment environment,
        @NotNull Optional<Instant> expiresAt,
        @NotNull @Size(max = MAX_SCOPES) Set<@NotNull @Pattern(regexp = SCOPE_PATTERN,
                message = "must be 1 to 64 characters of a-z, 0-9, ':', '.', '_' and '-'") String> scopes,
        @NotNull Optional<@Valid RateLimit> rateLimit,
        @NotNull @Size(max = MAX_NETWORKS) Set<@ValidNetwork String> allowedNetworks) {

    /** The most scopes a key may have. @since 0.2.0 */
    public static final int MAX_SCOPES = 32;

    /** The most networks a key may be restricted to. @since 0.2.0 */
    public static final int MAX_NETWORKS = 32;

    /** What a scope is made of. @since 0.2.0 */
    public static final String SCOPE_PATTERN = "[a-z0-9:._-]{1,64}";

    /** Copies the sets (keeping a null element for validation to report); a null set stays null. */
    public NewApiKey {
        scopes = copy(scopes);
        allowedNetworks = copy(allowedNetworks);
    }

    /** A live key that works until revoked. */
    public NewApiKey(String name) {
        this(name, Environment.LIVE, Optional.empty());
    }

    /** A key for {@code environment} that works until revoked. */
    public NewApiKey(String name, Environment environment) {
        this(name, environment, Optional.empty());
    }

    /** A key for {@code environment} that stops working at {@code expiresAt}, if given; unrestricted. */
    public NewApiKey(String name, Environment environment, Optional<Instant> expiresAt) {
        this(name, environment, expiresAt, Set.of(), Optional.empty(), Set.of());
    }

    /** This form with an expiry. */
    public NewApiKey expiringAt(Instant at) {
        Check.notNull("expiresAt", at);
        return new NewApiKey(name, environment, Optional.of(at), scopes, rateLimit, allowedNetworks);
    }

    /** This form with the scopes the key may act in (validated on submit). @since 0.2.0 */
    public NewApiKey withScopes(Set<String> keyScopes) {
        Check.notNull("scopes", keyScopes);
        return new NewApiKey(name, environment, expiresAt, keyScopes, rateLimit, allowedNetworks);
    }

    /** This form with at most {@code requests} verifications per {@code window} (validated on submit). @since 0.2.0 */
    public NewApiKey withRateLimit(int requests, Duration window) {
        return new NewApiKey(name, environment, expiresAt, scopes, Optional.of(new RateLimit(requests, window)),
                allowedNetworks);
    }

    /** This form with the networks its callers must be in, in CIDR notation (validated on submit). @since 0.2.0 */
    public NewApiKey withAllowedNetworks(Set<String> cidrs) {
        Check.notNull("allowedNetworks", cidrs);
        return new NewApiKey(name, environment, expiresAt, scopes, rateLimit, cidrs);
    }

    private static @Nullable Set<String> copy(@Nullable Set<String> values) {
        return values == null ? null : Collections.unmodifiableSet(new LinkedHashSet<>(values));
    }
}
