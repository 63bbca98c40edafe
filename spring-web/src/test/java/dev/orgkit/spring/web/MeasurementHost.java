package dev.orgkit.spring.web;

import dev.orgkit.Principal;
import dev.orgkit.spring.boot.autoconfigure.OrgKitBuilderCustomizer;
import dev.orgkit.spring.web.internal.MemberViews.MembershipView;
import dev.orgkit.spring.web.internal.Pages.PageView;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The host of the load measurement, its {@code OrgKit} the starter's: orgkit's API with callers named by a header (a host's own
 * authentication at no cost, so that only orgkit's layer is measured), the API-key-protected
 * {@code /host/ping}, and the bare controllers they are compared with, which answer the same JSON
 * without orgkit and without any security filter.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import({TestHost.PingController.class, MeasurementHost.BareController.class})
class MeasurementHost {
    @Bean
    TestHost.Mails mails() {
        return new TestHost.Mails();
    }

    @Bean
    TestHost.MovableClock clock() {
        return new TestHost.MovableClock(java.time.Instant.now());
    }

    @Bean
    OrgKitBuilderCustomizer orgKitClock(TestHost.MovableClock clock) {
        return builder -> builder.clock(clock);
    }

    @Bean
    OrgKitPrincipalResolver headerPrincipal() {
        return request -> Optional.ofNullable(request.getHeader("X-User"))
                .map(user -> Principal.user(user, user + "@example.com"));
    }

    @Bean
    WebSecurityCustomizer noSecurityOnBareOrOrgKitPaths() {
        return web -> web.ignoring().requestMatchers("/bare/**", "/orgkit/**");
    }

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

    /** The same answers without orgkit: a fixed page of members, and a no-op like {@code /host/ping}. */
    @RestController
    static class BareController {
        static final AtomicReference<PageView<MembershipView>> PAGE = new AtomicReference<>(new PageView<>(List.of(), null));

        @GetMapping("/bare/organizations/{organizationId}/members")
        PageView<MembershipView> members(@PathVariable String organizationId) {
            return PAGE.get();
        }

        @GetMapping("/bare/ping")
        Map<String, String> ping() {
            return Map.of("accountId", "acc_bare", "keyId", "key_bare", "environment", "live");
        }
    }
}
