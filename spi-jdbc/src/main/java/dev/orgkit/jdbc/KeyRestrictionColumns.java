package dev.orgkit.jdbc;

import dev.orgkit.apikey.IpNetwork;
import dev.orgkit.apikey.KeyRestrictions;
import dev.orgkit.apikey.RateLimit;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * An API key's restrictions in the columns of {@code orgkit_api_keys}: scopes and networks as
 * space-separated text (sorted, so equal sets are equal text), NULL when there are none; the rate
 * limit as its two columns, both NULL when there is none.
 */
final class KeyRestrictionColumns {
    private KeyRestrictionColumns() {}

    static Optional<String> scopes(KeyRestrictions restrictions) {
        return joined(restrictions.scopes());
    }

    static Optional<String> networks(KeyRestrictions restrictions) {
        return joined(restrictions.allowedNetworks().stream().map(IpNetwork::toString).collect(Collectors.toSet()));
    }

    /** The restrictions of the key on this row. */
    static KeyRestrictions read(ResultSet row) throws SQLException {
        Set<String> scopes = split(row.getString("scopes"));
        Set<IpNetwork> networks = split(row.getString("allowed_networks")).stream().map(IpNetwork::parse)
                .collect(Collectors.toSet());
        int requests = row.getInt("rate_limit_requests");
        Optional<RateLimit> rateLimit = row.wasNull() ? Optional.empty()
                : Optional.of(new RateLimit(requests, Duration.ofMillis(row.getLong("rate_limit_window_ms"))));
        if (scopes.isEmpty() && networks.isEmpty() && rateLimit.isEmpty()) {
            return KeyRestrictions.NONE;
        }
        return new KeyRestrictions(scopes, rateLimit, networks);
    }

    private static Optional<String> joined(Set<String> values) {
        return values.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", new TreeSet<>(values)));
    }

    private static Set<String> split(String text) {
        return text == null || text.isBlank() ? Set.of() : Set.copyOf(Arrays.asList(text.split(" ")));
    }
}
