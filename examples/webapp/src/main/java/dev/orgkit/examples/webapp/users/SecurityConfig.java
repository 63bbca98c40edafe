package dev.orgkit.examples.webapp.users;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Form sign-in for people; the support console for support agents only; the invitation page open
 * to anyone who has the link (accepting it needs a signed-in user). CSRF protection stays on for
 * every form.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {

    @Bean
    SecurityFilterChain pages(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/css/**", "/js/**", "/favicon.ico", "/error", "/forbidden").permitAll()
                        .requestMatchers("/login", "/signup").permitAll()
                        .requestMatchers("/invitations/*", "/invitation/*").permitAll()
                        .requestMatchers("/api/**").permitAll()
                        .requestMatchers("/dev/mailbox").permitAll()
                        .requestMatchers("/").authenticated()
                        .requestMatchers("/support/**").hasAuthority(AppUser.SUPPORT)
                        .anyRequest().hasAuthority(AppUser.USER))
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?signedOut").permitAll())
                // The API below authenticates every call by its key, not by a session: no CSRF token there.
                .csrf(csrf -> csrf.ignoringRequestMatchers("/api/**"))
                .exceptionHandling(errors -> errors.accessDeniedPage("/forbidden"));
        return http.build();
    }

    /** BCrypt by default, with the algorithm recorded in each hash so it can change later. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
