package dev.orgkit.examples.webapp.apikeys;

import dev.orgkit.OrgKit;
import dev.orgkit.PageRequest;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.AccountContext;
import dev.orgkit.apikey.ApiKey;
import dev.orgkit.apikey.ApiKeyId;
import dev.orgkit.apikey.CreatedApiKey;
import dev.orgkit.apikey.Environment;
import dev.orgkit.apikey.NewApiKey;
import dev.orgkit.examples.webapp.users.AppUsers;
import dev.orgkit.examples.webapp.web.AccountPages;
import dev.orgkit.examples.webapp.web.Forms;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Settings › API keys: the account's keys with their hints, who created them and when they were last
 * used; a new or rolled key's secret is shown once, on the page that follows, and never again.
 */
@Controller
@RequestMapping("/accounts/{accountId}/api-keys")
class ApiKeysController {
    /** The overlaps a roll offers: how long the old secret keeps working. */
    static final Map<String, Duration> OVERLAPS = Map.of("PT0S", Duration.ZERO, "PT1H", Duration.ofHours(1),
            "P1D", Duration.ofDays(1), "P7D", Duration.ofDays(7));
    private final OrgKit kit;
    private final AccountPages pages;
    private final AppUsers users;

    ApiKeysController(OrgKit kit, AccountPages pages, AppUsers users) {
        this.kit = kit;
        this.pages = pages;
        this.users = users;
    }

    @GetMapping
    String keys(UserPrincipal me, @PathVariable String accountId, Model model) {
        AccountContext account = pages.fill(model, me, accountId, "api-keys");
        model.addAttribute("form", ApiKeyForm.empty());
        return page(me, account, model);
    }

    @PostMapping
    String create(UserPrincipal me, @PathVariable String accountId, @ModelAttribute("form") ApiKeyForm form,
            Model model, RedirectAttributes redirect) {
        AccountContext account = pages.fill(model, me, accountId, "api-keys");
        Optional<Environment> environment = "TEST".equals(form.environment()) ? Optional.of(Environment.TEST)
                : "LIVE".equals(form.environment()) ? Optional.of(Environment.LIVE) : Optional.empty();
        if (environment.isEmpty()) {
            Forms.fieldError(model, "environment", "Choose Live or Test");
        }
        Optional<CreatedApiKey> created = environment.flatMap(env -> Forms.attempt(model, "create",
                () -> kit.apiKeys().create(me, account.accountId(), new NewApiKey(text(form.name()), env))));
        if (created.isEmpty()) {
            return page(me, account, model);
        }
        return showOnce(created.get(), "Your API key " + created.get().apiKey().name() + " was created.",
                accountId, redirect);
    }

    @PostMapping("/{keyId}/roll")
    String roll(UserPrincipal me, @PathVariable String accountId, @PathVariable String keyId,
            @RequestParam(defaultValue = "PT1H") String overlap, Model model, RedirectAttributes redirect) {
        AccountContext account = pages.fill(model, me, accountId, "api-keys");
        Duration keep = OVERLAPS.getOrDefault(overlap, Duration.ofHours(1));
        Optional<CreatedApiKey> rolled = Forms.attempt(model, "key-" + keyId,
                () -> kit.apiKeys().roll(me, ApiKeyId.of(keyId), keep));
        if (rolled.isEmpty()) {
            model.addAttribute("form", ApiKeyForm.empty());
            return page(me, account, model);
        }
        String until = keep.isZero() ? "The old key stopped working now."
                : "The old key keeps working for " + Durations.words(keep) + ".";
        return showOnce(rolled.get(), "Your API key " + rolled.get().apiKey().name() + " was rolled. " + until,
                accountId, redirect);
    }

    @PostMapping("/{keyId}/revoke")
    String revoke(UserPrincipal me, @PathVariable String accountId, @PathVariable String keyId, Model model,
            RedirectAttributes redirect) {
        AccountContext account = pages.fill(model, me, accountId, "api-keys");
        Optional<ApiKey> revoked = Forms.attempt(model, "key-" + keyId,
                () -> kit.apiKeys().revoke(me, ApiKeyId.of(keyId)));
        if (revoked.isEmpty()) {
            model.addAttribute("form", ApiKeyForm.empty());
            return page(me, account, model);
        }
        redirect.addFlashAttribute("notice", "Your API key " + revoked.get().name() + " was revoked. It no longer works.");
        return "redirect:" + AccountPages.path(accountId, "api-keys");
    }

    /** The secret travels once, in the session's flash map, to the page after the redirect. */
    private static String showOnce(CreatedApiKey key, String notice, String accountId, RedirectAttributes redirect) {
        redirect.addFlashAttribute("notice", notice);
        redirect.addFlashAttribute("secret", key.secret());
        redirect.addFlashAttribute("secretName", key.apiKey().name());
        return "redirect:" + AccountPages.path(accountId, "api-keys");
    }

    private String page(UserPrincipal me, AccountContext account, Model model) {
        List<ApiKey> keys = kit.apiKeys().list(me, account.accountId(), PageRequest.first(PageRequest.MAX_SIZE)).items();
        model.addAttribute("keys", keys);
        model.addAttribute("creators", users.emails(keys.stream().map(k -> k.createdBy().value()).distinct().toList()));
        return "api-keys";
    }

    private static String text(@Nullable String typed) {
        return typed == null ? "" : typed.strip();
    }
}
