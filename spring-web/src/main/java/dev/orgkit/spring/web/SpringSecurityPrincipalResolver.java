package dev.orgkit.spring.web;

import dev.orgkit.Principal;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.ClaimAccessor;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;

/**
 * The provided {@link OrgKitPrincipalResolver} for Spring Security: a JWT (resource server), an
 * OIDC or OAuth2 user (login) becomes {@code Principal.user(sub, email)} when the identity provider
 * says the email is verified ({@code email_verified} true), and {@link EmailNotVerifiedException}
 * otherwise. A caller that holds the support authority the host chose becomes
 * {@code Principal.support(sub)}. Anonymous callers, and authentications of other kinds, resolve
 * to nothing (401).
 *
 * @since 0.2.0
 */
public final class SpringSecurityPrincipalResolver implements OrgKitPrincipalResolver {
    private final Optional<String> supportAuthority;
    private final String userIdClaim;

    /**
     * A resolver that reads the user's id from {@code userIdClaim} (normally {@code sub}) and makes
     * holders of {@code supportAuthority}, if given, support agents.
     */
    public SpringSecurityPrincipalResolver(Optional<String> supportAuthority, String userIdClaim) {
        this.supportAuthority = supportAuthority;
        this.userIdClaim = userIdClaim;
    }

    /** A resolver with the settings of {@code orgkit.web}. */
    public static SpringSecurityPrincipalResolver of(OrgKitWebProperties properties) {
        return new SpringSecurityPrincipalResolver(properties.supportAgentAuthority(), properties.userIdClaim());
    }

    @Override
    public Optional<Principal> resolve(HttpServletRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return Optional.empty();
        }
        Map<String, Object> claims = claims(authentication.getPrincipal());
        if (claims.isEmpty()) {
            return Optional.empty();
        }
        String userId = text(claims.get(userIdClaim));
        if (userId == null) {
            return Optional.empty();
        }
        if (supportAuthority.isPresent() && authentication.getAuthorities().stream()
                .anyMatch(granted -> supportAuthority.get().equals(granted.getAuthority()))) {
            return Optional.of(Principal.support(userId));
        }
        String email = text(claims.get("email"));
        if (email == null || !isTrue(claims.get("email_verified"))) {
            throw new EmailNotVerifiedException("Your identity provider has not verified your email address."
                    + " Verify it there, then sign in again.");
        }
        return Optional.of(Principal.user(userId, email));
    }

    private static Map<String, Object> claims(@Nullable Object principal) {
        if (principal instanceof ClaimAccessor accessor) {
            return accessor.getClaims(); // a Jwt, an OidcUser
        }
        if (principal instanceof OAuth2AuthenticatedPrincipal oauth2) {
            return oauth2.getAttributes(); // an OAuth2User, an introspected opaque token
        }
        return Map.of();
    }

    private static @Nullable String text(@Nullable Object value) {
        return value == null ? null : value.toString();
    }

    private static boolean isTrue(@Nullable Object value) {
        return Boolean.TRUE.equals(value) || "true".equals(value);
    }
}
