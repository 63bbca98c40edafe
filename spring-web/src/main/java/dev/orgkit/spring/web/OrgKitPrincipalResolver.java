package dev.orgkit.spring.web;

import dev.orgkit.Principal;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * Says who calls orgkit's HTTP API: the host authenticates, this maps the request to the
 * {@link Principal} orgkit trusts. Declare one as a bean to replace the provided
 * {@link SpringSecurityPrincipalResolver}; a lambda is enough:
 *
 * <pre>{@code
 * @Bean
 * OrgKitPrincipalResolver orgKitPrincipal(MySessions sessions) {
 *     return request -> sessions.user(request)
 *             .map(user -> Principal.user(user.id(), user.verifiedEmail()));
 * }
 * }</pre>
 *
 * @since 0.2.0
 */
@FunctionalInterface
public interface OrgKitPrincipalResolver {
    /**
     * The principal of {@code request}; empty when nobody is signed in, which the API answers with
     * a 401 problem. A resolver that knows the user but not a verified email throws
     * {@link EmailNotVerifiedException} (403 {@code EMAIL_NOT_VERIFIED}).
     */
    Optional<Principal> resolve(HttpServletRequest request);
}
