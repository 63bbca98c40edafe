package dev.orgkit.spring.web;

import dev.orgkit.account.AccountId;
import dev.orgkit.apikey.ApiKeyId;
import dev.orgkit.apikey.Environment;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A request authenticated by one of orgkit's API keys, as {@link ApiKeyAuthenticationFilter} puts
 * it in the security context: the account the key acts for, the key, its environment and its scopes
 * (also as {@code SCOPE_<scope>} authorities; a key without scopes may act in any scope, so check
 * with {@link #allowsScope}). It never
 * holds the key's secret ({@link #getCredentials()} is empty), so it can be logged.
 *
 * <pre>{@code
 * @GetMapping("/documents")
 * List<Document> documents(ApiKeyAuthentication caller) {
 *     return store.documentsOf(caller.accountId());
 * }
 * }</pre>
 *
 * @since 0.2.0
 */
public final class ApiKeyAuthentication extends AbstractAuthenticationToken {
    private static final long serialVersionUID = 1L;

    private final AccountId accountId;
    private final ApiKeyId keyId;
    private final Environment environment;
    private final Set<String> scopes;

    /** An authenticated request of the key {@code keyId} of {@code accountId}, which may act in any scope. */
    public ApiKeyAuthentication(AccountId accountId, ApiKeyId keyId, Environment environment) {
        this(accountId, keyId, environment, Set.of());
    }

    /** An authenticated request of the key {@code keyId} of {@code accountId}, restricted to {@code scopes} (empty: any). */
    public ApiKeyAuthentication(AccountId accountId, ApiKeyId keyId, Environment environment, Set<String> scopes) {
        super(scopes.stream().sorted().map(scope -> new SimpleGrantedAuthority("SCOPE_" + scope)).toList());
        this.accountId = Objects.requireNonNull(accountId, "accountId");
        this.keyId = Objects.requireNonNull(keyId, "keyId");
        this.environment = Objects.requireNonNull(environment, "environment");
        this.scopes = Set.copyOf(scopes);
        setAuthenticated(true);
    }

    /** The scopes the key may act in; empty: any scope. */
    public Set<String> scopes() {
        return scopes;
    }

    /** Whether the key may act in {@code scope}: it has no scopes, or has this one. */
    public boolean allowsScope(String scope) {
        return scopes.isEmpty() || scopes.contains(scope);
    }

    /** The account the key acts for: whose data the request may touch. */
    public AccountId accountId() {
        return accountId;
    }

    /** The key that authenticated the request. */
    public ApiKeyId keyId() {
        return keyId;
    }

    /** The key's environment: live traffic or tests. */
    public Environment environment() {
        return environment;
    }

    /** The account's id, as Spring Security's principal. */
    @Override
    public Object getPrincipal() {
        return accountId.value();
    }

    /** Empty: the secret is verified and dropped, never kept. */
    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public String getName() {
        return accountId.value();
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof ApiKeyAuthentication that && super.equals(other)
                && accountId.equals(that.accountId) && keyId.equals(that.keyId) && environment == that.environment && scopes.equals(that.scopes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), accountId, keyId, environment, scopes);
    }

    @Override
    public String toString() {
        return "ApiKeyAuthentication[accountId=" + accountId + ", keyId=" + keyId + ", environment="
                + environment.text() + "]";
    }
}
