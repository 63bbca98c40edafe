package dev.orgkit.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI 3.1 description committed as {@code spring-web/openapi.json} is the one springdoc
 * generates from the code. After changing the API, regenerate it with
 * {@code mvn -B -ntp -pl spring-web -am verify -Dtest=OpenApiDocumentTest -Dsurefire.failIfNoSpecifiedTests=false -Dorgkit.openapi.write=true}
 * and commit the file.
 */
class OpenApiDocumentTest {
    private static final Path COMMITTED = Path.of("openapi.json");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void the_committed_openapi_description_is_the_one_the_code_generates() throws IOException {
        RunningApp app = RunningApp.on("h2");
        RunningApp.Response generated = app.get(null, "/v3/api-docs/orgkit");
        assertThat(generated.status()).as(generated.toString()).isEqualTo(200);
        ObjectNode description = (ObjectNode) generated.json();
        assertThat(description.path("openapi").asString()).startsWith("3.1");
        assertThat(description.path("paths").has(RunningApp.BASE + "/organizations/{organizationId}")).isTrue();
        assertThat(description.has("servers")).as("servers depend on where it runs").isFalse();

        if (Boolean.getBoolean("orgkit.openapi.write")) {
            Files.writeString(COMMITTED, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(description) + "\n");
        }
        assertThat(Files.exists(COMMITTED)).as("spring-web/openapi.json exists; generate it with -Dorgkit.openapi.write=true").isTrue();
        JsonNode committed = JSON.readTree(Files.readString(COMMITTED));
        assertThat(committed)
                .as("spring-web/openapi.json differs from what the code generates: regenerate it with `mvn -B -ntp -pl"
                        + " spring-web -am verify -Dtest=OpenApiDocumentTest -Dsurefire.failIfNoSpecifiedTests=false"
                        + " -Dorgkit.openapi.write=true`, review the diff and commit it")
                .isEqualTo(description);
    }
}
