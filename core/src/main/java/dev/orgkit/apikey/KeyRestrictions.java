package dev.orgkit.apikey;

import java.net.InetAddress;
import java.util.Optional;
import java.util.Set;

/**
 * What an API key is restricted to, checked by {@code verify} in memory after its one lookup: the
 * scopes it may act in, how often it may be used, and the networks it may be used from. An empty
 * set of scopes allows every scope; an empty set of networks allows every address.
 *
 * @param scopes the scopes the key may act in; empty: any
 * @param rateLimit how many verifications per window it may pass on each instance; empty: no limit
 * @param allowedNetworks the networks its callers must be in; empty: anywhere
 * @since 0.2.0
 */
public record KeyRestrictions(Set<String> scopes, Optional<RateLimit> rateLimit, Set<IpNetwork> allowedNetworks) {

    /** No restriction: any scope, no rate limit, any network. */
    public static final KeyRestrictions NONE = new KeyRestrictions(Set.of(), Optional.empty(), Set.of());

    /** Copies the sets; rejects missing parts. */
    public KeyRestrictions {
        if (scopes == null || rateLimit == null || allowedNetworks == null) {
            throw new IllegalArgumentException("KeyRestrictions needs scopes, a rate limit (or empty) and networks");
        }
        scopes = Set.copyOf(scopes);
        allowedNetworks = Set.copyOf(allowedNetworks);
    }

    /** Whether the key may act in {@code scope}: it has no scopes, or has this one. */
    public boolean allowsScope(String scope) {
        return scopes.isEmpty() || scopes.contains(scope);
    }

    /** Whether a caller at {@code address} may use the key: it has no networks, or one holds the address. */
    public boolean allowsAddress(Optional<InetAddress> address) {
        if (allowedNetworks.isEmpty()) {
            return true;
        }
        return address.isPresent() && allowedNetworks.stream().anyMatch(network -> network.contains(address.get()));
    }

    /** Whether it restricts nothing. */
    public boolean isNone() {
        return scopes.isEmpty() && rateLimit.isEmpty() && allowedNetworks.isEmpty();
    }
}
