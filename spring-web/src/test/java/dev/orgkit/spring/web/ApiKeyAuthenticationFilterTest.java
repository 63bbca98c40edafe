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
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.Authentication;
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
}
