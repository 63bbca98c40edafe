package dev.orgkit.spring.web;

import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of orgkit's HTTP API, under {@code orgkit.web}.
 *
 * @param enabled whether the HTTP API is mounted at all
 * @param basePath where the API is mounted; every resource lives under it
 * @param maxBodySize the largest JSON body the API reads; a larger one is answered 413
 * @param supportAuthority the Spring Security authority that makes a signed-in caller a support
 *     agent (for example {@code ROLE_SUPPORT} or {@code SCOPE_orgkit:support}); without it, nobody is
 * @param userIdClaim the claim of a JWT or OIDC user that holds the user's id
 * @since 0.2.0
 */
@ConfigurationProperties("orgkit.web")
public record OrgKitWebProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue(DEFAULT_BASE_PATH) String basePath,
        @DefaultValue("64KB") DataSize maxBodySize,
        @Nullable String supportAuthority,
        @DefaultValue("sub") String userIdClaim) {

    /** Where the API is mounted unless {@code orgkit.web.base-path} says otherwise. */
    public static final String DEFAULT_BASE_PATH = "/orgkit/api/v1";

    /** Checks the values, so that a wrong setting stops the start with a clear message. */
    public OrgKitWebProperties {
        if (!basePath.startsWith("/") || basePath.endsWith("/") || basePath.contains("*") || basePath.contains("{")) {
            throw new IllegalArgumentException("orgkit.web.base-path must start with '/', not end with one, and have"
                    + " no pattern characters, but is '" + basePath + "'");
        }
        if (maxBodySize.toBytes() < 1) {
            throw new IllegalArgumentException("orgkit.web.max-body-size must be at least one byte");
        }
        if (supportAuthority != null && supportAuthority.isBlank()) {
            supportAuthority = null;
        }
        if (userIdClaim.isBlank()) {
            throw new IllegalArgumentException("orgkit.web.user-id-claim must not be blank");
        }
    }

    /** The authority of support agents, if the host chose one. */
    public Optional<String> supportAgentAuthority() {
        return Optional.ofNullable(supportAuthority);
    }
}
