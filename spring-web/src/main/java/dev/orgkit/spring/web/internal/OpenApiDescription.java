package dev.orgkit.spring.web.internal;

import dev.orgkit.Principal;
import dev.orgkit.SupportPrincipal;
import dev.orgkit.UserPrincipal;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.models.GroupedOpenApi;
import org.springdoc.core.utils.SpringDocUtils;

/**
 * The OpenAPI group {@code orgkit} (springdoc serves it at {@code /v3/api-docs/orgkit}): every
 * resource under the base path, with the problem details every operation may answer.
 */
public final class OpenApiDescription {
    /** The springdoc group name. */
    public static final String GROUP = "orgkit";

    static {
        // The caller comes from the principal resolver, not from the request's parameters.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Principal.class, UserPrincipal.class, SupportPrincipal.class);
    }

    private OpenApiDescription() {}

    /** The group of orgkit's resources under {@code basePath}. */
    public static GroupedOpenApi group(String basePath) {
        return GroupedOpenApi.builder()
                .group(GROUP)
                .displayName("orgkit HTTP API")
                .pathsToMatch(basePath + "/**")
                .addOpenApiCustomizer(describe())
                .build();
    }

    private static OpenApiCustomizer describe() {
        return openApi -> {
            openApi.info(new Info().title("orgkit HTTP API").version("v1")
                    .description("Accounts, organizations, members, invitations, API keys, usage, audit and support"
                            + " over HTTP. Errors are RFC 9457 problem details (application/problem+json)."));
            openApi.servers(null);
            if (openApi.getComponents() == null) {
                openApi.components(new Components());
            }
            openApi.getComponents().addSchemas("Problem", problemSchema());
            ApiResponse problem = new ApiResponse().description("A problem (RFC 9457): see its code and remedy.")
                    .content(new Content().addMediaType("application/problem+json",
                            new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"))));
            openApi.getPaths().values().forEach(path -> path.readOperations()
                    .forEach(operation -> operation.getResponses().addApiResponse("default", problem)));
        };
    }

    private static Schema<?> problemSchema() {
        Schema<?> violation = new ObjectSchema()
                .addProperty("field", new StringSchema())
                .addProperty("message", new StringSchema());
        return new ObjectSchema()
                .description("An RFC 9457 problem with orgkit's extensions code, remedy and violations.")
                .addProperty("type", new StringSchema().example("urn:orgkit:problem:last-admin"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty("code", new StringSchema().example("LAST_ADMIN"))
                .addProperty("remedy", new StringSchema().nullable(true))
                .addProperty("violations", new ArraySchema().items(violation));
    }
}
