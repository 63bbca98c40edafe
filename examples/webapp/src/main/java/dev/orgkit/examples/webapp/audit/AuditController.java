package dev.orgkit.examples.webapp.audit;

import dev.orgkit.OrgKit;
import dev.orgkit.Page;
import dev.orgkit.PageRequest;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.AccountContext;
import dev.orgkit.audit.Actor;
import dev.orgkit.audit.AuditAction;
import dev.orgkit.audit.AuditEvent;
import dev.orgkit.audit.AuditQuery;
import dev.orgkit.examples.webapp.users.AppUsers;
import dev.orgkit.examples.webapp.web.AccountPages;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit trail: who did what to the account, newest first, filtered by action, actor and days. */
@Controller
class AuditController {
    private static final int PAGE_SIZE = 25;
    private final OrgKit kit;
    private final AccountPages pages;
    private final AppUsers users;

    AuditController(OrgKit kit, AccountPages pages, AppUsers users) {
        this.kit = kit;
        this.pages = pages;
        this.users = users;
    }

    @GetMapping("/accounts/{accountId}/audit")
    String audit(UserPrincipal me, @PathVariable String accountId, @ModelAttribute("filter") AuditFilter filter,
            @RequestParam(required = false) @Nullable String after, Model model) {
        AccountContext account = pages.fill(model, me, accountId, "audit");
        model.addAttribute("actions", AuditAction.values());
        model.addAttribute("actorKinds", Actor.Kind.values());
        Optional<AuditQuery> query = filter.toQuery(model);
        PageRequest request = after == null ? PageRequest.first(PAGE_SIZE) : PageRequest.after(after, PAGE_SIZE);
        Page<AuditEvent> events = query.map(q -> kit.audit().list(me, account.accountId(), q, request))
                .orElse(new Page<>(List.of(), Optional.empty()));
        model.addAttribute("events", events);
        model.addAttribute("names", names(events.items()));
        return "audit";
    }

    /** The emails of the users the events mention, as actors or targets. */
    private Map<String, String> names(List<AuditEvent> events) {
        Set<String> ids = new HashSet<>();
        for (AuditEvent event : events) {
            ids.add(event.actor().id());
            ids.add(event.target());
        }
        return users.emails(ids);
    }
}
