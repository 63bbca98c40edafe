package dev.orgkit.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orgkit.OrgKit;
import dev.orgkit.Principal;
import dev.orgkit.StorageException;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.AccountId;
import dev.orgkit.apikey.ApiKeys;
import dev.orgkit.apikey.CreatedApiKey;
import dev.orgkit.apikey.Environment;
import dev.orgkit.apikey.NewApiKey;
import dev.orgkit.inmemory.InMemoryStorage;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** The filter alone: what it puts in the security context, and what it answers when the storage fails. */
class ApiKeyAuthenticationFilterTest {
    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    private static MockHttpServletRequest withBearer(String key) {
        var request = new MockHttpServletRequest("GET", "/api/documents");
        request.addHeader("Authorization", "Bearer " + key);
        return request;
    }

    @Test
    void a_valid_key_authenticates_the_request_as_its_account_without_keeping_the_secret() throws Exception {
        try (OrgKit kit = OrgKit.builder().storage(InMemoryStorage.create()).mailer(mail -> {}).build()) {
            UserPrincipal ana = Principal.user("u-ana", "ana@example.com");
            AccountId personal = kit.accounts().personal(ana).id();
            CreatedApiKey key = kit.apiKeys().create(ana, personal, new NewApiKey("ci", Environment.TEST));
            AtomicReference<Authentication> seen = new AtomicReference<>();
            var chain = new MockFilterChain() {
                @Override
                public void doFilter(jakarta.servlet.ServletRequest request, jakarta.servlet.ServletResponse response) {
                    seen.set(SecurityContextHolder.getContext().getAuthentication());
                }
            };

            new ApiKeyAuthenticationFilter(kit.apiKeys()).doFilter(withBearer(key.secret()), new MockHttpServletResponse(), chain);

            assertThat(seen.get()).isEqualTo(new ApiKeyAuthentication(personal, key.apiKey().id(), Environment.TEST));
            assertThat(seen.get().getCredentials()).isEqualTo("");
            assertThat(seen.get().toString()).doesNotContain(key.secret());
        }
    }

    @Test
    void a_storage_that_fails_is_503_storage_unavailable_and_the_request_goes_no_further() throws Exception {
        ApiKeys failing = (ApiKeys) Proxy.newProxyInstance(ApiKeys.class.getClassLoader(), new Class<?>[] {ApiKeys.class},
                (proxy, method, arguments) -> {
                    throw new StorageException("connection refused by db.internal:5432");
                });
        var response = new MockHttpServletResponse();
        var chain = new MockFilterChain();

        new ApiKeyAuthenticationFilter(failing).doFilter(withBearer("ok_live_x"), response, chain);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString()).contains("\"code\":\"STORAGE_UNAVAILABLE\"").doesNotContain("db.internal");
        assertThat(chain.getRequest()).isNull();
    }

    @Test
    void a_scoped_key_authenticates_with_its_scopes_as_authorities() throws Exception {
        try (OrgKit kit = OrgKit.builder().storage(InMemoryStorage.create()).mailer(mail -> {}).build()) {
            UserPrincipal ana = Principal.user("u-ana", "ana@example.com");
            AccountId personal = kit.accounts().personal(ana).id();
            CreatedApiKey key = kit.apiKeys().create(ana, personal,
                    new NewApiKey("reader").withScopes(Set.of("documents:read")));
            AtomicReference<Authentication> seen = new AtomicReference<>();
            var chain = new MockFilterChain() {
                @Override
                public void doFilter(jakarta.servlet.ServletRequest request, jakarta.servlet.ServletResponse response) {
                    seen.set(SecurityContextHolder.getContext().getAuthentication());
                }
            };

            new ApiKeyAuthenticationFilter(kit.apiKeys()).doFilter(withBearer(key.secret()), new MockHttpServletResponse(), chain);

            ApiKeyAuthentication caller = (ApiKeyAuthentication) seen.get();
            assertThat(caller.scopes()).containsExactly("documents:read");
            assertThat(caller.allowsScope("documents:read")).isTrue();
            assertThat(caller.allowsScope("documents:write")).isFalse();
            assertThat(caller.getAuthorities()).extracting(GrantedAuthority::getAuthority).containsExactly("SCOPE_documents:read");
        }
    }

    @Test
    void a_key_used_from_outside_its_networks_is_403_and_goes_no_further() throws Exception {
        try (OrgKit kit = OrgKit.builder().storage(InMemoryStorage.create()).mailer(mail -> {}).build()) {
            UserPrincipal ana = Principal.user("u-ana", "ana@example.com");
            AccountId personal = kit.accounts().personal(ana).id();
            CreatedApiKey key = kit.apiKeys().create(ana, personal,
                    new NewApiKey("office").withAllowedNetworks(Set.of("203.0.113.0/24")));
            MockHttpServletRequest inside = withBearer(key.secret());
            inside.setRemoteAddr("203.0.113.9");
            MockHttpServletRequest outside = withBearer(key.secret());
            outside.setRemoteAddr("198.51.100.1");
            var insideChain = new MockFilterChain();
            var outsideChain = new MockFilterChain();
            var refused = new MockHttpServletResponse();

            new ApiKeyAuthenticationFilter(kit.apiKeys()).doFilter(inside, new MockHttpServletResponse(), insideChain);
            new ApiKeyAuthenticationFilter(kit.apiKeys()).doFilter(outside, refused, outsideChain);

            assertThat(insideChain.getRequest()).isNotNull();
            assertThat(outsideChain.getRequest()).isNull();
            assertThat(refused.getStatus()).isEqualTo(403);
            assertThat(refused.getContentAsString()).contains("\"code\":\"FORBIDDEN_NETWORK\"").doesNotContain(key.secret());
        }
    }

    @Test
    void a_key_over_its_rate_limit_is_429_with_retry_after() throws Exception {
        try (OrgKit kit = OrgKit.builder().storage(InMemoryStorage.create()).mailer(mail -> {}).build()) {
            UserPrincipal ana = Principal.user("u-ana", "ana@example.com");
            AccountId personal = kit.accounts().personal(ana).id();
            CreatedApiKey key = kit.apiKeys().create(ana, personal,
                    new NewApiKey("ci").withRateLimit(1, Duration.ofHours(1)));
            var filter = new ApiKeyAuthenticationFilter(kit.apiKeys());
            var first = new MockFilterChain();
            var second = new MockFilterChain();
            var refused = new MockHttpServletResponse();

            filter.doFilter(withBearer(key.secret()), new MockHttpServletResponse(), first);
            filter.doFilter(withBearer(key.secret()), refused, second);

            assertThat(first.getRequest()).isNotNull();
            assertThat(second.getRequest()).isNull();
            assertThat(refused.getStatus()).isEqualTo(429);
            assertThat(Long.parseLong(refused.getHeader("Retry-After"))).isBetween(3500L, 3600L);
            assertThat(refused.getContentAsString()).contains("\"code\":\"RATE_LIMITED\"");
        }
    }
}
