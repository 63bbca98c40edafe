package dev.orgkit.spring.web.internal;

import dev.orgkit.OrgKit;
import dev.orgkit.Principal;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.AccountId;
import dev.orgkit.apikey.ApiKeyId;
import dev.orgkit.apikey.CreatedApiKey;
import dev.orgkit.apikey.Environment;
import dev.orgkit.apikey.NewApiKey;
import dev.orgkit.spring.web.internal.Bodies.NewApiKeyBody;
import dev.orgkit.spring.web.internal.Bodies.RollBody;
import dev.orgkit.spring.web.internal.KeyViews.ApiKeyView;
import dev.orgkit.spring.web.internal.KeyViews.CreatedApiKeyView;
import dev.orgkit.spring.web.internal.Pages.PageView;
import java.util.Optional;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * API keys of an account: create and roll (the secret is in that one 201 response, marked
 * {@code Cache-Control: no-store}), list and read (hints only), revoke.
 */
@RestController
@Tag(name = "API keys")
@RequestMapping("${orgkit.web.base-path:/orgkit/api/v1}")
public class ApiKeysController {
    private final OrgKit kit;
    private final String basePath;

    /** Serves {@code kit} under {@code basePath}. */
    public ApiKeysController(OrgKit kit, String basePath) {
        this.kit = kit;
        this.basePath = basePath;
    }

    /** Creates a key: {@code {"name", "environment", "expiresAt"}}. 201 with the secret, shown this once. */
    @PostMapping("/accounts/{accountId}/api-keys")
    @ResponseStatus(HttpStatus.CREATED)
    public ResponseEntity<CreatedApiKeyView> createApiKey(UserPrincipal user, @PathVariable String accountId,
            @RequestBody(required = false) @Nullable NewApiKeyBody body) {
        NewApiKeyBody form = Bodies.present(body);
        var created = kit.apiKeys().create(user, AccountId.of(accountId), new NewApiKey(form.name(),
                form.environment() == null ? Environment.LIVE : form.environment(),
                Optional.ofNullable(form.expiresAt())));
        return createdWithSecret(created);
    }

    /** A page of the account's keys, oldest first, hints only. */
    @GetMapping("/accounts/{accountId}/api-keys")
    public PageView<ApiKeyView> listApiKeys(Principal caller, @PathVariable String accountId,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(defaultValue = "" + Pages.DEFAULT_SIZE) int size) {
        return Pages.view(kit.apiKeys().list(caller, AccountId.of(accountId), Pages.request(cursor, size)),
                ApiKeyView::of);
    }

    /** One key, hint only. */
    @GetMapping("/api-keys/{keyId}")
    public ApiKeyView getApiKey(Principal caller, @PathVariable String keyId) {
        return ApiKeyView.of(kit.apiKeys().get(caller, ApiKeyId.of(keyId)));
    }

    /**
     * Replaces the key's secret: {@code {"overlap": "PT1H"}} is how long the old secret keeps working
     * (ISO-8601, zero to 7 days). 201 with the new key and its secret, shown this once.
     */
    @PostMapping("/api-keys/{keyId}/roll")
    @ResponseStatus(HttpStatus.CREATED)
    public ResponseEntity<CreatedApiKeyView> rollApiKey(UserPrincipal user, @PathVariable String keyId,
            @RequestBody(required = false) @Nullable RollBody body) {
        RollBody form = Bodies.present(body);
        Bodies.require("overlap", form.overlap());
        return createdWithSecret(kit.apiKeys().roll(user, ApiKeyId.of(keyId), form.overlap()));
    }

    /** Revokes the key, permanently. */
    @PostMapping("/api-keys/{keyId}/revoke")
    public ApiKeyView revokeApiKey(UserPrincipal user, @PathVariable String keyId) {
        return ApiKeyView.of(kit.apiKeys().revoke(user, ApiKeyId.of(keyId)));
    }

    private ResponseEntity<CreatedApiKeyView> createdWithSecret(CreatedApiKey created) {
        var location = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path(basePath + "/api-keys/{id}").buildAndExpand(created.apiKey().id().value()).toUri();
        return ResponseEntity.created(location).cacheControl(CacheControl.noStore()).body(CreatedApiKeyView.of(created));
    }
}
