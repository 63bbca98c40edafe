package dev.orgkit.spring.web;

import dev.orgkit.StorageException;
import dev.orgkit.apikey.ApiKeys;
import dev.orgkit.apikey.IpNetwork;
import dev.orgkit.apikey.KeyVerification;
import dev.orgkit.apikey.VerifyContext;
import dev.orgkit.spring.web.internal.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a host's own API with orgkit's API keys: reads {@code Authorization: Bearer <key>},
 * calls {@code apiKeys().verify} (nothing else: no other storage round trip), and on {@code VALID}
 * puts an {@link ApiKeyAuthentication} in the security context. The request's remote address is the
 * caller's address for a key restricted to networks (behind a proxy, configure Spring's forwarded
 * headers so that it is the client's). A key that is not valid answers 401 with
 * {@code WWW-Authenticate: Bearer error="invalid_token"} and a problem whose {@code verification}
 * names the code ({@code MALFORMED}, {@code NOT_FOUND}, {@code REVOKED}, {@code EXPIRED}); a valid key
 * used from outside its networks answers 403 ({@code FORBIDDEN_NETWORK}), and one over its rate limit
 * 429 with {@code Retry-After} ({@code RATE_LIMITED}). Scopes are the endpoint's to require:
 * {@link ApiKeyAuthentication#allowsScope}, or the {@code SCOPE_<scope>} authorities. A request
 * without a bearer token goes on unauthenticated; {@link #entryPoint()} answers it when the
 * endpoint requires authentication. A storage that cannot be read answers 503. Nothing is stored in
 * a session, and the key is never logged.
 *
 * <pre>{@code
 * @Bean
 * SecurityFilterChain api(HttpSecurity http, OrgKit kit) throws Exception {
 *     var apiKeys = new ApiKeyAuthenticationFilter(kit.apiKeys());
 *     return http.securityMatcher("/api/**")
 *             .addFilterBefore(apiKeys, AuthorizationFilter.class)
 *             .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
 *             .exceptionHandling(errors -> errors.authenticationEntryPoint(ApiKeyAuthenticationFilter.entryPoint()))
 *             .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
 *             .csrf(csrf -> csrf.disable()) // no cookie authenticates these requests
 *             .build();
 * }
 * }</pre>
 *
 * <p>Use it on a filter chain whose bearer tokens are orgkit keys: a bearer token of another kind
 * (a JWT) is answered {@code MALFORMED}.
 *
 * @since 0.2.0
 */
public final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {
    private static final Logger log = LoggerFactory.getLogger(ApiKeyAuthenticationFilter.class);
    private static final String BEARER = "bearer ";

    private final ApiKeys apiKeys;
    private final SecurityContextHolderStrategy contexts;

    /** A filter that verifies keys with {@code apiKeys} ({@code kit.apiKeys()}). */
    public ApiKeyAuthenticationFilter(ApiKeys apiKeys) {
        this(apiKeys, SecurityContextHolder.getContextHolderStrategy());
    }

    /** A filter that stores the authentication with {@code contexts}. */
    public ApiKeyAuthenticationFilter(ApiKeys apiKeys, SecurityContextHolderStrategy contexts) {
        this.apiKeys = Objects.requireNonNull(apiKeys, "apiKeys");
        this.contexts = Objects.requireNonNull(contexts, "contexts");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> secret = bearerToken(request);
        if (secret.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        KeyVerification verification;
        try {
            verification = apiKeys.verify(secret.get(), VerifyContext.none().clientAddress(remoteAddress(request)));
        } catch (StorageException e) {
            log.error("{} {}: API keys could not be verified; answered 503", request.getMethod(), request.getRequestURI(), e);
            contexts.clearContext();
            Problems.write(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "STORAGE_UNAVAILABLE", "The service is unavailable.",
                    "The API key could not be checked.", Optional.of("Try again in a moment.")), response);
            return;
        }
        if (!verification.isValid()) {
            contexts.clearContext();
            refuse(response, verification);
            return;
        }
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(new ApiKeyAuthentication(verification.accountId().orElseThrow(),
                verification.keyId().orElseThrow(), verification.environment().orElseThrow(), verification.scopes()));
        contexts.setContext(context);
        chain.doFilter(request, response);
    }

    /**
     * Answers a request that reached an endpoint requiring authentication without a key: 401 with
     * {@code WWW-Authenticate: Bearer} and the problem {@code API_KEY_REQUIRED}.
     */
    public static AuthenticationEntryPoint entryPoint() {
        return (request, response, exception) -> {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            Problems.write(Problems.of(HttpStatus.UNAUTHORIZED, "API_KEY_REQUIRED", "An API key is required.",
                    "Send the key in the Authorization header: Authorization: Bearer <key>.",
                    Optional.of("Create a key in the account's API keys.")), response);
        };
    }

    private static Optional<String> bearerToken(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || header.length() < BEARER.length()
                || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        return Optional.of(header.substring(BEARER.length()).strip());
    }

    /** The request's remote address, if it is an IP literal (never a name lookup). */
    private static @Nullable InetAddress remoteAddress(HttpServletRequest request) {
        String address = request.getRemoteAddr();
        if (address == null || IpNetwork.problem(address).isPresent()) {
            return null;
        }
        return IpNetwork.parse(address).address();
    }

    private static void refuse(HttpServletResponse response, KeyVerification verification) throws IOException {
        KeyVerification.Code code = verification.code();
        if (code == KeyVerification.Code.RATE_LIMITED) {
            long seconds = Math.max(1, (verification.retryAfter().orElseThrow().toMillis() + 999) / 1000);
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
            ProblemDetail problem = Problems.of(HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMITED",
                    "The API key is over its rate limit.", "This API key has used its requests for now.",
                    Optional.of("Retry after " + seconds + " s."));
            problem.setProperty("verification", code.name());
            Problems.write(problem, response);
            return;
        }
        if (code == KeyVerification.Code.FORBIDDEN_NETWORK || code == KeyVerification.Code.INSUFFICIENT_SCOPE) {
            ProblemDetail problem = Problems.of(HttpStatus.FORBIDDEN, code.name(), "The API key may not make this call.",
                    code == KeyVerification.Code.FORBIDDEN_NETWORK
                            ? "This API key may not be used from this network." : "This API key lacks a scope this call needs.",
                    Optional.of("Use a key that allows it, or ask an admin to create one."));
            problem.setProperty("verification", code.name());
            Problems.write(problem, response);
            return;
        }
        String detail = switch (code) {
            case MALFORMED -> "The bearer token is not an API key of this service.";
            case NOT_FOUND -> "No API key has this value.";
            case REVOKED -> "This API key was revoked.";
            case EXPIRED -> "This API key has expired.";
            default -> throw new IllegalArgumentException("not refused with 401: " + code);
        };
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE,
                "Bearer error=\"invalid_token\", error_description=\"" + detail + "\"");
        ProblemDetail problem = Problems.of(HttpStatus.UNAUTHORIZED, "INVALID_API_KEY", "The API key is not valid.",
                detail, Optional.of("Use an active key of the account, or create a new one."));
        problem.setProperty("verification", code.name());
        Problems.write(problem, response);
    }
}
