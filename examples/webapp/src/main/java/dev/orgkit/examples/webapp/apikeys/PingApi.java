package dev.orgkit.examples.webapp.apikeys;

import dev.orgkit.spring.web.ApiKeyAuthentication;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The demo's API: {@code GET /api/ping} with {@code Authorization: Bearer <key>} answers which account
 * the key acts for. orgkit-spring-web's {@code ApiKeyAuthenticationFilter} (see {@code SecurityConfig})
 * verifies the key, which counts the call in the account's usage, and answers an invalid or missing
 * key with 401.
 */
@RestController
class PingApi {

    @GetMapping("/api/ping")
    Map<String, String> ping(ApiKeyAuthentication caller) {
        return Map.of("account", caller.accountId().value(), "key", caller.keyId().value());
    }
}
