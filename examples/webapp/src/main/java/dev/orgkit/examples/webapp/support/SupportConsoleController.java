package dev.orgkit.examples.webapp.support;

import dev.orgkit.NotFoundException;
import dev.orgkit.OrgKit;
import dev.orgkit.PageRequest;
import dev.orgkit.SupportPrincipal;
import dev.orgkit.account.AccountId;
import dev.orgkit.examples.webapp.users.AppUsers;
import dev.orgkit.examples.webapp.web.Forms;
import dev.orgkit.support.SupportRequest;
import dev.orgkit.support.SupportRequestId;
import dev.orgkit.support.SupportRequestStatus;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

/** The support console: the queue of requests by status; approve or reject each, citing a ticket. */
@Controller
@RequestMapping("/support")
class SupportConsoleController {
    private static final int PAGE_SIZE = 100;
    private final OrgKit kit;
    private final AppUsers users;

    SupportConsoleController(OrgKit kit, AppUsers users) {
        this.kit = kit;
        this.users = users;
    }

    @GetMapping
    String queue(SupportPrincipal agent, @RequestParam(defaultValue = "PENDING") String status, Model model) {
        return page(agent, status, model);
    }

    @PostMapping("/requests/{requestId}/approve")
    String approve(SupportPrincipal agent, @PathVariable String requestId,
            @ModelAttribute("decision") DecisionForm form, Model model, RedirectAttributes redirect) {
        boolean done = Forms.attempt(model, "approve-" + requestId,
                () -> kit.support().approve(agent, SupportRequestId.of(requestId), form.ticketText())).isPresent();
        return decided(agent, done, "approve-" + requestId, "Request approved under ticket " + form.ticketText()
                + "; the change was made.", model, redirect);
    }

    @PostMapping("/requests/{requestId}/reject")
    String reject(SupportPrincipal agent, @PathVariable String requestId,
            @ModelAttribute("decision") DecisionForm form, Model model, RedirectAttributes redirect) {
        boolean done = Forms.attempt(model, "reject-" + requestId, () -> kit.support()
                .reject(agent, SupportRequestId.of(requestId), form.ticketText(), form.whyText())).isPresent();
        return decided(agent, done, "reject-" + requestId, "Request rejected under ticket " + form.ticketText()
                + "; nothing changed.", model, redirect);
    }

    private String decided(SupportPrincipal agent, boolean done, String formId, String notice, Model model,
            RedirectAttributes redirect) {
        if (!done) {
            model.addAttribute("failedForm", formId);
            return page(agent, SupportRequestStatus.PENDING.name(), model);
        }
        redirect.addFlashAttribute("notice", notice);
        return "redirect:/support";
    }

    private String page(SupportPrincipal agent, String status, Model model) {
        SupportRequestStatus shown = parse(status);
        List<SupportRequest> requests = kit.support().queue(agent, shown, PageRequest.first(PAGE_SIZE)).items();
        Set<String> userIds = new HashSet<>();
        Map<AccountId, String> organizations = new HashMap<>();
        for (SupportRequest request : requests) {
            userIds.add(request.targetUserId().value());
            userIds.add(request.requestedBy().value());
            organizations.computeIfAbsent(request.organizationId(), id -> organizationName(agent, id));
        }
        model.addAttribute("status", shown);
        model.addAttribute("statuses", SupportRequestStatus.values());
        model.addAttribute("requests", requests);
        model.addAttribute("emails", users.emails(userIds));
        model.addAttribute("organizations", organizations);
        if (!model.containsAttribute("decision")) {
            model.addAttribute("decision", new DecisionForm("", ""));
        }
        if (!model.containsAttribute("failedForm")) {
            model.addAttribute("failedForm", "");
        }
        return "support";
    }

    private String organizationName(SupportPrincipal agent, AccountId id) {
        try {
            return kit.organizations().get(agent, id).accountName();
        } catch (NotFoundException gone) {
            return id.value();
        }
    }

    private static SupportRequestStatus parse(@Nullable String status) {
        for (SupportRequestStatus candidate : SupportRequestStatus.values()) {
            if (candidate.name().equals(status)) {
                return candidate;
            }
        }
        return SupportRequestStatus.PENDING;
    }
}
