package dev.orgkit.spring.web.internal;

import dev.orgkit.InvalidInputException;
import dev.orgkit.InvalidInputException.Violation;
import dev.orgkit.OrgKit;
import dev.orgkit.Principal;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.AccountId;
import dev.orgkit.audit.Actor;
import dev.orgkit.audit.AuditAction;
import dev.orgkit.audit.AuditQuery;
import dev.orgkit.plan.UsageStatement;
import dev.orgkit.policy.Permission;
import dev.orgkit.spring.web.internal.AccountViews.AccountContextView;
import dev.orgkit.spring.web.internal.AccountViews.AccountSummaryView;
import dev.orgkit.spring.web.internal.AccountViews.DecisionView;
import dev.orgkit.spring.web.internal.AccountViews.PersonalAccountView;
import dev.orgkit.spring.web.internal.Bodies.SwitchBody;
import dev.orgkit.spring.web.internal.Bodies.UsageAlertsBody;
import dev.orgkit.spring.web.internal.KeyViews.AuditEventView;
import dev.orgkit.spring.web.internal.KeyViews.DailyUsageView;
import dev.orgkit.spring.web.internal.KeyViews.PlanView;
import dev.orgkit.spring.web.internal.KeyViews.UsageAlertsView;
import dev.orgkit.spring.web.internal.KeyViews.UsageStatementView;
import dev.orgkit.spring.web.internal.Pages.ItemsView;
import dev.orgkit.spring.web.internal.Pages.PageView;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A user's accounts, and what any account shows: permissions, usage, its plan, usage alerts, statements and the audit trail. */
@RestController
@Tag(name = "Accounts")
@RequestMapping("${orgkit.web.base-path:/orgkit/api/v1}/accounts")
public class AccountsController {
    private static final String TEXT_CSV = "text/csv";

    private final OrgKit kit;

    /** Serves {@code kit}. */
    public AccountsController(OrgKit kit) {
        this.kit = kit;
    }

    /** Every account the user can switch to, personal first, each with the user's role. */
    @GetMapping
    public ItemsView<AccountSummaryView> overview(UserPrincipal user) {
        return new ItemsView<>(kit.accounts().overview(user).stream().map(AccountSummaryView::of).toList());
    }

    /** The user's personal account, created on first use. */
    @GetMapping("/personal")
    public PersonalAccountView personal(UserPrincipal user) {
        return PersonalAccountView.of(kit.accounts().personal(user));
    }

    /** The account the user works in; 204 when the user has not chosen one. */
    @GetMapping("/active")
    public ResponseEntity<AccountContextView> active(UserPrincipal user) {
        return kit.accounts().active(user).map(AccountContextView::of).map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.noContent().build());
    }

    /** Switches the user to {@code {"accountId"}}. */
    @PutMapping("/active")
    public AccountContextView switchTo(UserPrincipal user, @RequestBody(required = false) @Nullable SwitchBody body) {
        SwitchBody form = Bodies.present(body);
        Bodies.require("accountId", form.accountId());
        return AccountContextView.of(kit.accounts().switchTo(user, AccountId.of(form.accountId())));
    }

    /** The policy engine's decision on each permission (or those asked for), for a UI's buttons. */
    @GetMapping("/{accountId}/permissions")
    public ItemsView<DecisionView> permissions(Principal caller, @PathVariable String accountId,
            @RequestParam(name = "permission", required = false) @Nullable List<Permission> asked) {
        AccountId account = AccountId.of(accountId);
        List<Permission> permissions = asked == null || asked.isEmpty() ? Arrays.asList(Permission.values()) : asked;
        return new ItemsView<>(permissions.stream()
                .map(permission -> DecisionView.of(permission, kit.policy().decide(caller, account, permission)))
                .toList());
    }

    /** The account's API usage per day (UTC) from {@code from} to {@code to}, inclusive. */
    @GetMapping("/{accountId}/usage")
    public ItemsView<DailyUsageView> usage(Principal caller, @PathVariable String accountId,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return new ItemsView<>(kit.usage().daily(caller, AccountId.of(accountId), from, to).stream()
                .map(DailyUsageView::of).toList());
    }

    /** A page of the account's audit trail, newest first, filtered by action, actor and time. */
    @GetMapping("/{accountId}/audit")
    public PageView<AuditEventView> audit(Principal caller, @PathVariable String accountId,
            @RequestParam(name = "action", required = false) @Nullable Set<AuditAction> actions,
            @RequestParam(required = false) Actor.@Nullable Kind actorKind,
            @RequestParam(required = false) @Nullable String actorId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant until,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(defaultValue = "" + Pages.DEFAULT_SIZE) int size) {
        var query = new AuditQuery(actions == null ? Set.of() : actions, Optional.ofNullable(actorKind),
                Optional.ofNullable(actorId), Optional.ofNullable(from), Optional.ofNullable(until));
        return Pages.view(kit.audit().list(caller, AccountId.of(accountId), query, Pages.request(cursor, size)),
                AuditEventView::of);
    }

    /** The account's plan (unlimited when none was assigned), for its admins or its owner. */
    @GetMapping("/{accountId}/plan")
    public PlanView plan(Principal caller, @PathVariable String accountId) {
        return PlanView.of(kit.plans().get(caller, AccountId.of(accountId)));
    }

    /** The account's usage alert thresholds, ascending. */
    @GetMapping("/{accountId}/usage-alerts")
    public UsageAlertsView usageAlerts(Principal caller, @PathVariable String accountId) {
        return UsageAlertsView.of(kit.usageAlerts().get(caller, AccountId.of(accountId)));
    }

    /** Replaces the thresholds with {@code {"thresholds": [50, 80, 100]}}; {@code []} turns alerts off. */
    @PutMapping("/{accountId}/usage-alerts")
    public UsageAlertsView setUsageAlerts(UserPrincipal user, @PathVariable String accountId,
            @RequestBody(required = false) @Nullable UsageAlertsBody body) {
        UsageAlertsBody form = Bodies.present(body);
        List<@Nullable Integer> given = form.thresholds();
        Bodies.require("thresholds", given);
        Set<Integer> thresholds = new LinkedHashSet<>();
        List<Violation> missing = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            Integer threshold = given.get(i);
            if (threshold == null) {
                missing.add(new Violation("thresholds[" + i + "]", "must not be null"));
            } else {
                thresholds.add(threshold);
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidInputException(missing);
        }
        return UsageAlertsView.of(kit.usageAlerts().set(user, AccountId.of(accountId), thresholds));
    }

    /** The account's usage statement of the month {@code yearMonth} ({@code 2026-11}) as JSON. */
    @GetMapping(path = "/{accountId}/usage/statements/{yearMonth}", produces = MediaType.APPLICATION_JSON_VALUE)
    public UsageStatementView usageStatement(Principal caller, @PathVariable String accountId,
            @PathVariable String yearMonth) {
        return UsageStatementView.of(statement(caller, accountId, yearMonth));
    }

    /** The same statement as CSV, for {@code Accept: text/csv}: one line per key, then total, included, overage. */
    @GetMapping(path = "/{accountId}/usage/statements/{yearMonth}", produces = TEXT_CSV)
    public ResponseEntity<String> usageStatementCsv(Principal caller, @PathVariable String accountId,
            @PathVariable String yearMonth) {
        UsageStatement statement = statement(caller, accountId, yearMonth);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(TEXT_CSV + ";charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("usage-" + statement.accountId().value() + "-" + statement.period() + ".csv")
                        .build().toString())
                .body(statement.toCsv());
    }

    private UsageStatement statement(Principal caller, String accountId, String yearMonth) {
        YearMonth month;
        try {
            month = YearMonth.parse(yearMonth);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(List.of(new Violation("yearMonth", "must be a month such as 2026-11")));
        }
        return kit.usage().statement(caller, AccountId.of(accountId), month);
    }
}
