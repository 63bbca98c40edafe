package dev.orgkit.spring.web;

import dev.orgkit.mail.InvitationMail;
import dev.orgkit.mail.OrgKitMail;
import dev.orgkit.spi.Mailer;
import dev.orgkit.spring.boot.autoconfigure.OrgKitBuilderCustomizer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A host application as a Spring Boot user writes one with the starter and this module: its
 * {@code OrgKit} is the starter's (on the {@link TestDatabase} it runs with, if any), a JWT resource
 * server in front of orgkit's API (callers resolved by the provided
 * {@link SpringSecurityPrincipalResolver}), and its own endpoint {@code /host/ping} protected by
 * orgkit's API keys. Its mailer keeps the mails, so tests can follow invitation links; its clock is
 * moved by tests.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(TestHost.PingController.class)
class TestHost {
    /** The HMAC key the test identity provider signs tokens with. */
    static final byte[] JWT_KEY = "a test key of the test identity provider, 32+ bytes".getBytes(StandardCharsets.UTF_8);

    /** The host's orgkit properties, as its {@code application.properties} would hold them: JDBC storages verify keys from the cache, as production does. */
    static final Map<String, Object> ORGKIT_PROPERTIES = Map.of(
            "orgkit.invitation-link", "https://app.example/invitations/{token}",
            "orgkit.jdbc.api-key-cache.enabled", "true",
            "orgkit.jdbc.api-key-cache.max-entries", "10000",
            "orgkit.jdbc.api-key-cache.time-to-live", "30s");

    @Bean
    Mails mails() {
        return new Mails();
    }

    @Bean
    MovableClock clock() {
        return new MovableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    @Bean
    OrgKitBuilderCustomizer orgKitClock(MovableClock clock) {
        return builder -> builder.clock(clock);
    }

    @Bean
    JwtDecoder jwtDecoder() {
        return NimbusJwtDecoder.withSecretKey(new SecretKeySpec(JWT_KEY, "HmacSHA256")).build();
    }

    /** The host's own API, authenticated by orgkit's API keys only. */
    @Bean
    @Order(1)
    SecurityFilterChain hostApi(HttpSecurity http, dev.orgkit.OrgKit kit) throws Exception {
        return http.securityMatcher("/host/**")
                .addFilterBefore(new ApiKeyAuthenticationFilter(kit.apiKeys()), AuthorizationFilter.class)
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .exceptionHandling(errors -> errors.authenticationEntryPoint(ApiKeyAuthenticationFilter.entryPoint()))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .build();
    }

    /** orgkit's API: a bearer JWT says who calls; orgkit answers anonymous callers itself (401 problem). */
    @Bean
    @Order(2)
    SecurityFilterChain orgKitApi(HttpSecurity http) throws Exception {
        return http.oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults()))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .build();
    }

    /** The host's no-op endpoint behind the API-key filter. */
    @RestController
    static class PingController {
        @GetMapping("/host/ping")
        Map<String, String> ping(ApiKeyAuthentication caller) {
            return Map.of("accountId", caller.accountId().value(), "keyId", caller.keyId().value(),
                    "environment", caller.environment().text());
        }
    }

    /** Every invitation mail the kit sent, newest last. */
    static final class Mails implements Mailer {
        private final List<InvitationMail> sent = new CopyOnWriteArrayList<>();

        @Override
        public void send(OrgKitMail mail) {
            if (mail instanceof InvitationMail invitation) {
                sent.add(invitation);
            }
        }

        /** The token of the newest mail to {@code email}. */
        String lastTokenFor(String email) {
            for (int i = sent.size() - 1; i >= 0; i--) {
                if (sent.get(i).recipient().value().equals(email)) {
                    return sent.get(i).token();
                }
            }
            throw new AssertionError("no invitation mail was sent to " + email);
        }

        /** Every token ever sent. */
        List<String> tokens() {
            return sent.stream().map(InvitationMail::token).toList();
        }
    }

    /** A clock that tests move forward. */
    static final class MovableClock extends Clock {
        private final AtomicReference<Instant> now;

        MovableClock(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        void advance(Duration duration) {
            now.updateAndGet(instant -> instant.plus(duration));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the test clock is UTC");
        }
    }
}
