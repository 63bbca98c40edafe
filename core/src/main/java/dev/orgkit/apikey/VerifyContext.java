package dev.orgkit.apikey;

import dev.orgkit.internal.Check;
import java.net.InetAddress;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What an API call asks of the key that authenticates it, for {@code apiKeys().verify(secret, context)}:
 * the scopes the call needs and the address it comes from. A key with scopes verifies only for calls
 * whose scopes it has; a key with allowed networks verifies only for calls from an address in one of
 * them, so a context without an address is refused for such a key ({@code FORBIDDEN_NETWORK}).
 *
 * <pre>{@code
 * kit.apiKeys().verify(secret, VerifyContext.scope("documents:read").clientAddress(request.remoteAddress()));
 * }</pre>
 *
 * @param requiredScopes the scopes the call needs; empty: none
 * @param clientAddress the caller's address, if known
 * @since 0.2.0
 */
public record VerifyContext(Set<String> requiredScopes, Optional<InetAddress> clientAddress) {
    private static final Pattern SCOPE = Pattern.compile(NewApiKey.SCOPE_PATTERN);
    private static final VerifyContext NONE = new VerifyContext(Set.of(), Optional.empty());

    /**
     * Copies the scopes; rejects missing parts and scopes that no key can hold (not of the form of
     * {@link NewApiKey#SCOPE_PATTERN}): a key without scopes would pass such a check unnoticed.
     */
    public VerifyContext {
        Check.notNull("requiredScopes", requiredScopes, "clientAddress", clientAddress);
        var check = new Check();
        for (String scope : requiredScopes) {
            if (scope == null) {
                check.add("requiredScopes[]", "must not be null");
            } else if (!SCOPE.matcher(scope).matches()) {
                check.add("requiredScopes[]", "must be 1 to 64 characters of a-z, 0-9, ':', '.', '_' and '-'");
            }
        }
        check.throwIfAny();
        requiredScopes = Set.copyOf(requiredScopes);
    }

    /** A call that needs no scope, from an unknown address: what {@code verify(secret)} checks. */
    public static VerifyContext none() {
        return NONE;
    }

    /** A call that needs {@code scope} (and any further {@code scopes}), from an unknown address. */
    public static VerifyContext scope(String scope, String... scopes) {
        Check.notNull("scope", scope, "scopes", scopes);
        var all = new HashSet<String>();
        all.add(scope);
        for (String more : scopes) {
            Check.notNull("scopes[]", more);
            all.add(more);
        }
        return new VerifyContext(all, Optional.empty());
    }

    /** This call, from {@code address}; a null address is an unknown one. */
    public VerifyContext clientAddress(@Nullable InetAddress address) {
        return new VerifyContext(requiredScopes, Optional.ofNullable(address));
    }
}
