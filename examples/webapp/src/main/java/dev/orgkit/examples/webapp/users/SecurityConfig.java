package dev.orgkit.examples.webapp.users;

import dev.orgkit.OrgKit;
import dev.orgkit.spring.web.ApiKeyAuthenticationFilter;
import dev.orgkit.spring.web.OrgKitPrincipalResolver;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

/**
 * Three filter chains. The demo API ({@code /api/**}) is authenticated by orgkit's API keys, with no
 * session. orgkit's HTTP API ({@code /orgkit/**}) serves whoever is signed in by the pages' session
 * cookie, so its CSRF protection stays on. The pages: form sign-in for people, the support console for
 * support agents only, the invitation page open to anyone who has the link (accepting it needs a
 * signed-in user), and CSRF protection on every form.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {

    /** {@code GET /api/ping} with {@code Authorization: Bearer <key>}; anything else there answers 401. */
    @Bean
    @Order(1)
    SecurityFilterChain apiKeys(HttpSecurity http, OrgKit kit) throws Exception {
        return http.securityMatcher("/api/**")
                .addFilterBefore(new ApiKeyAuthenticationFilter(kit.apiKeys()), AuthorizationFilter.class)
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .exceptionHandling(errors -> errors.authenticationEntryPoint(ApiKeyAuthenticationFilter.entryPoint()))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Every call carries its key; no cookie authenticates it, so there is nothing to forge.
                .csrf(csrf -> csrf.disable())
                .build();
    }

    /**
     * orgkit's HTTP API, for the user signed in to the pages. orgkit answers 401 itself when nobody is;
     * a state-changing call needs the session's CSRF token (header {@code X-CSRF-TOKEN}), as the forms
     * do, or Spring Security answers 403.
     */
    @Bean
    @Order(2)
    SecurityFilterChain orgKitApi(HttpSecurity http) throws Exception {
        return http.securityMatcher("/orgkit/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .build();
    }

    /** Who calls orgkit's HTTP API: the signed-in user, or support agent, of the pages' session. */
    @Bean
    OrgKitPrincipalResolver orgKitPrincipal() {
        return request -> Optional.ofNullable(CurrentPrincipal.signedIn()).map(AppUser::principal);
    }

    /** The pages. */
    @Bean
    @Order(3)
    SecurityFilterChain pages(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/css/**", "/js/**", "/favicon.ico", "/error", "/forbidden").permitAll()
                        .requestMatchers("/login", "/signup").permitAll()
                        .requestMatchers("/invitations/*", "/invitation/*").permitAll()
                        .requestMatchers("/dev/mailbox").permitAll()
                        .requestMatchers("/").authenticated()
                        .requestMatchers("/support/**").hasAuthority(AppUser.SUPPORT)
                        .anyRequest().hasAuthority(AppUser.USER))
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?signedOut").permitAll())
                .exceptionHandling(errors -> errors.accessDeniedPage("/forbidden"));
        return http.build();
    }

    /** BCrypt by default, with the algorithm recorded in each hash so it can change later. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
