package dev.orgkit.examples.webapp.apikeys;

import dev.orgkit.OrgKit;
import dev.orgkit.PageRequest;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.AccountContext;
import dev.orgkit.apikey.ApiKey;
import dev.orgkit.apikey.ApiKeyId;
import dev.orgkit.apikey.DailyUsage;
import dev.orgkit.examples.webapp.web.AccountPages;
import dev.orgkit.examples.webapp.web.Forms;
import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** Usage: the account's API calls per day and per key for a chosen month, as a chart and a table. */
@Controller
class UsageController {
    private final OrgKit kit;
    private final AccountPages pages;

    UsageController(OrgKit kit, AccountPages pages) {
        this.kit = kit;
        this.pages = pages;
    }

    @GetMapping("/accounts/{accountId}/usage")
    String usage(UserPrincipal me, @PathVariable String accountId,
            @RequestParam(required = false) @Nullable String month, Model model) {
        AccountContext account = pages.fill(model, me, accountId, "usage");
        YearMonth shown = YearMonth.now(Clock.systemUTC());
        if (month != null && !month.isBlank()) {
            try {
                shown = YearMonth.parse(month.strip());
            } catch (DateTimeParseException notAMonth) {
                Forms.fieldError(model, "month", "Enter a month as YYYY-MM, such as " + shown);
            }
        }
        model.addAttribute("month", month == null ? shown.toString() : month);
        List<DailyUsage> days = kit.usage().daily(me, account.accountId(), shown.atDay(1), shown.atEndOfMonth());
        Map<ApiKeyId, String> names = new LinkedHashMap<>();
        for (ApiKey key : kit.apiKeys().list(me, account.accountId(), PageRequest.first(PageRequest.MAX_SIZE)).items()) {
            names.put(key.id(), key.name() + " (" + key.hint() + ")");
        }
        model.addAttribute("shown", shown);
        model.addAttribute("days", days);
        model.addAttribute("chart", UsageChart.of(days, names));
        model.addAttribute("previous", shown.minusMonths(1).toString());
        model.addAttribute("next", shown.plusMonths(1).toString());
        return "usage";
    }
}
