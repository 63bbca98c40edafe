package dev.orgkit.spring.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orgkit.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;

/** Signed-in OIDC and OAuth2 users (login sessions) become orgkit principals only with a verified email. */
class SpringSecurityPrincipalResolverTest {
    private final SpringSecurityPrincipalResolver resolver =
            new SpringSecurityPrincipalResolver(Optional.of("ROLE_SUPPORT"), "sub");

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private Optional<Principal> signedIn(Authentication authentication) {
        SecurityContextHolder.getContext().setAuthentication(authentication);
        return resolver.resolve(new MockHttpServletRequest());
    }

    private static DefaultOidcUser oidcUser(Map<String, Object> claims) {
        var token = new OidcIdToken("id-token", Instant.now(), Instant.now().plusSeconds(60), claims);
        return new DefaultOidcUser(AuthorityUtils.createAuthorityList("OIDC_USER"), token);
    }

    @Test
    void an_oidc_user_with_a_verified_email_is_a_user_principal() {
        var ana = oidcUser(Map.of("sub", "u-ana", "email", "Ana@Example.com", "email_verified", true));
        assertThat(signedIn(new TestingAuthenticationToken(ana, "", "OIDC_USER")))
                .contains(Principal.user("u-ana", "ana@example.com"));
    }

    @Test
    void an_oauth2_user_whose_provider_says_verified_as_text_is_a_user_principal() {
        var bob = new DefaultOAuth2User(AuthorityUtils.createAuthorityList("OAUTH2_USER"),
                Map.of("sub", "u-bob", "email", "bob@example.com", "email_verified", "true"), "sub");
        assertThat(signedIn(new TestingAuthenticationToken(bob, "", "OAUTH2_USER")))
                .contains(Principal.user("u-bob", "bob@example.com"));
    }

    @Test
    void an_unverified_or_missing_email_is_refused_as_email_not_verified() {
        var unverified = oidcUser(Map.of("sub", "u-cy", "email", "cy@example.com", "email_verified", false));
        assertThatThrownBy(() -> signedIn(new TestingAuthenticationToken(unverified, "", "OIDC_USER")))
                .isInstanceOf(EmailNotVerifiedException.class);
        var withoutEmail = oidcUser(Map.of("sub", "u-dan"));
        assertThatThrownBy(() -> signedIn(new TestingAuthenticationToken(withoutEmail, "", "OIDC_USER")))
                .isInstanceOf(EmailNotVerifiedException.class);
    }

    @Test
    void a_holder_of_the_support_authority_is_a_support_agent_named_by_the_subject() {
        var agent = oidcUser(Map.of("sub", "agent-7"));
        assertThat(signedIn(new TestingAuthenticationToken(agent, "", "OIDC_USER", "ROLE_SUPPORT")))
                .contains(Principal.support("agent-7"));
    }

    @Test
    void nobody_anonymous_or_signed_in_without_claims_is_no_principal() {
        assertThat(resolver.resolve(new MockHttpServletRequest())).isEmpty();
        assertThat(signedIn(new AnonymousAuthenticationToken("key", "anonymous",
                AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")))).isEmpty();
        assertThat(signedIn(UsernamePasswordAuthenticationToken.authenticated("ana", "", List.of()))).isEmpty();
    }
}
