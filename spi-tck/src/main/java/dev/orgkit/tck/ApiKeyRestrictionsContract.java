package dev.orgkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orgkit.InvalidInputException;
import dev.orgkit.InvalidInputException.Violation;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.Organization;
import dev.orgkit.apikey.ApiKey;
import dev.orgkit.apikey.CreatedApiKey;
import dev.orgkit.apikey.IpNetwork;
import dev.orgkit.apikey.KeyVerification;
import dev.orgkit.apikey.KeyVerification.Code;
import dev.orgkit.apikey.NewApiKey;
import dev.orgkit.apikey.RateLimit;
import dev.orgkit.apikey.VerifyContext;
import dev.orgkit.audit.AuditAction;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * API keys restricted to scopes, a rate limit and networks: the storage keeps the restrictions
 * (through {@code get}, {@code list} and a roll), and {@code verify} enforces them.
 *
 * @since 0.2.0
 */
public abstract class ApiKeyRestrictionsContract extends ContractFixture {
    private final UserPrincipal ana = user("ana");

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    @Test
    void a_key_keeps_its_scopes_rate_limit_and_networks_in_get_list_and_a_roll() {
        Organization org = acme(ana);
        CreatedApiKey created = kit.apiKeys().create(ana, org.id(), new NewApiKey("ci")
                .withScopes(Set.of("documents:read", "documents:write"))
                .withRateLimit(100, Duration.ofSeconds(1))
                .withAllowedNetworks(Set.of("203.0.113.7/24", "2001:db8::/32")));

        ApiKey stored = kit.apiKeys().get(ana, created.apiKey().id());
        assertThat(stored).isEqualTo(created.apiKey());
        assertThat(stored.restrictions().scopes()).containsExactlyInAnyOrder("documents:read", "documents:write");
        assertThat(stored.restrictions().rateLimit()).contains(new RateLimit(100, Duration.ofSeconds(1)));
        assertThat(stored.restrictions().allowedNetworks()).extracting(IpNetwork::toString)
                .as("host bits cleared").containsExactlyInAnyOrder("203.0.113.0/24", "2001:db8:0:0:0:0:0:0/32");
        assertThat(all(page -> kit.apiKeys().list(ana, org.id(), page))).containsExactly(stored);

        CreatedApiKey rolled = kit.apiKeys().roll(ana, stored.id(), Duration.ofMinutes(5));
        assertThat(kit.apiKeys().get(ana, rolled.apiKey().id()).restrictions()).isEqualTo(stored.restrictions());
    }

    @Test
    void a_key_without_restrictions_verifies_for_any_scope_and_address() {
        Organization org = acme(ana);
        CreatedApiKey created = kit.apiKeys().create(ana, org.id(), new NewApiKey("ci"));

        KeyVerification v = kit.apiKeys().verify(created.secret(),
                VerifyContext.scope("anything:at-all").clientAddress(ip("198.51.100.1")));

        assertThat(v.code()).isEqualTo(Code.VALID);
        assertThat(v.scopes()).isEmpty();
    }

    @Test
    void a_scoped_key_verifies_only_for_calls_whose_scopes_it_has() {
        Organization org = acme(ana);
        String secret = kit.apiKeys().create(ana, org.id(), new NewApiKey("reader")
                .withScopes(Set.of("documents:read"))).secret();

        assertThat(kit.apiKeys().verify(secret, VerifyContext.scope("documents:read")).code()).isEqualTo(Code.VALID);
        assertThat(kit.apiKeys().verify(secret, VerifyContext.scope("documents:read")).scopes())
                .containsExactly("documents:read");
        assertThat(kit.apiKeys().verify(secret, VerifyContext.scope("documents:write")).code())
                .isEqualTo(Code.INSUFFICIENT_SCOPE);
        assertThat(kit.apiKeys().verify(secret, VerifyContext.scope("documents:read", "documents:write")).code())
                .isEqualTo(Code.INSUFFICIENT_SCOPE);
        assertThat(kit.apiKeys().verify(secret).code()).as("a call that needs no scope").isEqualTo(Code.VALID);
    }

    @Test
    void a_key_restricted_to_networks_verifies_only_from_addresses_in_them() {
        Organization org = acme(ana);
        String secret = kit.apiKeys().create(ana, org.id(), new NewApiKey("office")
                .withAllowedNetworks(Set.of("203.0.113.0/24", "2001:db8::/32"))).secret();

        assertThat(code(secret, VerifyContext.none().clientAddress(ip("203.0.113.254")))).isEqualTo(Code.VALID);
        assertThat(code(secret, VerifyContext.none().clientAddress(ip("2001:db8:1::7")))).isEqualTo(Code.VALID);
        assertThat(code(secret, VerifyContext.none().clientAddress(ip("::ffff:203.0.113.9"))))
                .as("an IPv4-mapped IPv6 address is its IPv4 address").isEqualTo(Code.VALID);
        assertThat(code(secret, VerifyContext.none().clientAddress(ip("203.0.114.1"))))
                .isEqualTo(Code.FORBIDDEN_NETWORK);
        assertThat(code(secret, VerifyContext.none().clientAddress(ip("2001:db9::1"))))
                .isEqualTo(Code.FORBIDDEN_NETWORK);
        assertThat(code(secret, VerifyContext.none().clientAddress(null)))
                .as("an unknown address").isEqualTo(Code.FORBIDDEN_NETWORK);
        assertThat(kit.apiKeys().verify(secret).code()).as("verify(secret) knows no address")
                .isEqualTo(Code.FORBIDDEN_NETWORK);
    }

    @Test
    void a_rate_limited_key_is_refused_once_its_window_is_used_and_says_when_to_retry() {
        Organization org = acme(ana);
        String secret = kit.apiKeys().create(ana, org.id(), new NewApiKey("ci")
                .withRateLimit(3, Duration.ofSeconds(10))).secret();

        assertThat(IntStream.range(0, 3).mapToObj(i -> kit.apiKeys().verify(secret).code()))
                .containsOnly(Code.VALID);
        clock.advance(Duration.ofSeconds(4));
        KeyVerification refused = kit.apiKeys().verify(secret);

        assertThat(refused.code()).isEqualTo(Code.RATE_LIMITED);
        assertThat(refused.retryAfter()).contains(Duration.ofSeconds(6));
        assertThat(refused.accountId()).as("nothing about the key beyond the code").isEmpty();
        clock.advance(Duration.ofSeconds(6));
        assertThat(kit.apiKeys().verify(secret).code()).isEqualTo(Code.VALID);
    }

    @Test
    void only_valid_verifications_are_counted_as_usage() {
        Organization org = acme(ana);
        String secret = kit.apiKeys().create(ana, org.id(), new NewApiKey("ci")
                .withScopes(Set.of("documents:read"))
                .withRateLimit(2, Duration.ofMinutes(1))).secret();

        kit.apiKeys().verify(secret, VerifyContext.scope("documents:write"));
        kit.apiKeys().verify(secret, VerifyContext.scope("documents:read"));
        kit.apiKeys().verify(secret, VerifyContext.scope("documents:read"));
        kit.apiKeys().verify(secret, VerifyContext.scope("documents:read"));

        assertThat(kit.apiKeys().flushUsage()).isEqualTo(2);
        LocalDate today = LocalDate.ofInstant(START, ZoneOffset.UTC);
        assertThat(kit.usage().daily(ana, org.id(), today, today)).singleElement()
                .satisfies(day -> assertThat(day.requests()).isEqualTo(2));
    }

    @Test
    void a_scope_refusal_spends_no_token_of_the_rate_limit() {
        Organization org = acme(ana);
        String secret = kit.apiKeys().create(ana, org.id(), new NewApiKey("ci")
                .withScopes(Set.of("documents:read"))
                .withRateLimit(1, Duration.ofMinutes(1))).secret();

        assertThat(kit.apiKeys().verify(secret, VerifyContext.scope("billing:read")).code())
                .isEqualTo(Code.INSUFFICIENT_SCOPE);
        assertThat(kit.apiKeys().verify(secret, VerifyContext.scope("documents:read")).code()).isEqualTo(Code.VALID);
    }

    @Test
    void the_restrictions_are_audited_when_the_key_is_created() {
        Organization org = acme(ana);
        CreatedApiKey created = kit.apiKeys().create(ana, org.id(), new NewApiKey("ci")
                .withScopes(Set.of("b:write", "a:read"))
                .withRateLimit(100, Duration.ofSeconds(1))
                .withAllowedNetworks(Set.of("203.0.113.0/24")));

        assertThat(trail(org.id())).filteredOn(e -> e.action() == AuditAction.API_KEY_CREATED).singleElement()
                .satisfies(e -> assertThat(e.details())
                        .containsEntry("scopes", "a:read b:write")
                        .containsEntry("rateLimit", "100/PT1S")
                        .containsEntry("allowedNetworks", "203.0.113.0/24")
                        .doesNotContainValue(created.secret()));
    }

    @Test
    void malformed_restrictions_are_refused_with_every_violation_and_nothing_is_written() {
        Organization org = acme(ana);
        int eventsBefore = trail(org.id()).size();
        Set<String> tooMany = IntStream.range(0, 33).mapToObj(i -> "s" + i).collect(Collectors.toSet());

        InvalidInputException scopes = invalid(() -> kit.apiKeys().create(ana, org.id(),
                new NewApiKey("ci").withScopes(Set.of("Documents:Read", "a b", ""))));
        InvalidInputException count = invalid(() -> kit.apiKeys().create(ana, org.id(),
                new NewApiKey("ci").withScopes(tooMany)));
        InvalidInputException limit = invalid(() -> kit.apiKeys().create(ana, org.id(),
                new NewApiKey("ci").withRateLimit(0, Duration.ZERO)));
        InvalidInputException networks = invalid(() -> kit.apiKeys().create(ana, org.id(),
                new NewApiKey("ci").withAllowedNetworks(Set.of("203.0.113.0/33", "example.com", "2001:db8::/129",
                        "10.0.0.0/8"))));

        assertThat(fields(scopes)).hasSize(3).allMatch(field -> field.startsWith("key.scopes"));
        assertThat(fields(count)).containsExactly("key.scopes");
        assertThat(fields(limit)).containsExactlyInAnyOrder("key.rateLimit.requests", "key.rateLimit.window");
        assertThat(fields(networks)).hasSize(3).allMatch(field -> field.startsWith("key.allowedNetworks"));
        assertThat(all(page -> kit.apiKeys().list(ana, org.id(), page))).isEmpty();
        assertThat(trail(org.id())).hasSize(eventsBefore);
    }

    private Code code(String secret, VerifyContext context) {
        return kit.apiKeys().verify(secret, context).code();
    }

    private static List<String> fields(InvalidInputException e) {
        return e.violations().stream().map(Violation::field).toList();
    }
}
