package dev.orgkit.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orgkit.policy.DenialCode;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Assertions on problem details, and the codes the tests have seen answered. */
final class Problems {
    static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

    private Problems() {}

    /** Asserts {@code response} is the problem {@code code} with {@code status}, typed and titled as §11 says. */
    static RunningApp.Response assertProblem(RunningApp.Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        var json = response.json();
        assertThat(json.path("type").asString())
                .isEqualTo("urn:orgkit:problem:" + code.toLowerCase(Locale.ROOT).replace('_', '-'));
        assertThat(json.path("status").asInt()).isEqualTo(status);
        assertThat(json.path("code").asString()).isEqualTo(code);
        assertThat(json.path("title").asString()).isNotBlank();
        assertThat(json.path("detail").asString()).isNotBlank();
        assertThat(json.has("remedy")).isTrue();
        assertThat(json.path("violations").isArray()).isTrue();
        assertThat(response.body()).doesNotContain("Exception", "\tat ", "SELECT ", "orgkit_");
        SEEN.add(code);
        return response;
    }

    /** Asserts the denial {@code code}, with its default title and remedy. */
    static RunningApp.Response assertDenied(RunningApp.Response response, int status, DenialCode code) {
        assertProblem(response, status, code.name());
        assertThat(response.json().path("title").asString()).isEqualTo(code.defaultMessage());
        if (code.remedy().isPresent()) {
            assertThat(response.json().path("remedy").asString()).isEqualTo(code.remedy().get());
        } else {
            assertThat(response.json().path("remedy").isNull()).isTrue();
        }
        return response;
    }
}
