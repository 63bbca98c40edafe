package dev.orgkit.examples.webapp.apikeys;

import dev.orgkit.OrgKit;
import dev.orgkit.apikey.KeyVerification;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The demo's API: {@code GET /api/ping} with {@code Authorization: Bearer <key>} answers which account
 * the key acts for. Each valid call counts in the account's usage.
 */
@RestController
class PingApi {
    private static final String BEARER = "Bearer ";
    private final OrgKit kit;

    PingApi(OrgKit kit) {
        this.kit = kit;
    }

    @GetMapping("/api/ping")
    ResponseEntity<Map<String, String>> ping(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization) {
        String key = authorization != null && authorization.startsWith(BEARER)
                ? authorization.substring(BEARER.length()).strip() : null;
        KeyVerification verification = kit.apiKeys().verify(key);
        if (!verification.isValid()) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
                    .body(Map.of("code", verification.code().name()));
        }
        return ResponseEntity.ok(Map.of("account", verification.accountId().orElseThrow().value(),
                "key", verification.keyId().orElseThrow().value()));
    }
}
