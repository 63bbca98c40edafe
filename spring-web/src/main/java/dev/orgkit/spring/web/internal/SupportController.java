package dev.orgkit.spring.web.internal;

import dev.orgkit.OrgKit;
import dev.orgkit.Principal;
import dev.orgkit.UserId;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.AccountId;
import dev.orgkit.spring.web.internal.AccountViews.OrganizationView;
import dev.orgkit.spring.web.internal.Bodies.RejectBody;
import dev.orgkit.spring.web.internal.Bodies.SupportRequestBody;
import dev.orgkit.spring.web.internal.Bodies.TicketBody;
import dev.orgkit.spring.web.internal.MemberViews.MembershipView;
import dev.orgkit.spring.web.internal.MemberViews.SupportRequestView;
import dev.orgkit.spring.web.internal.Pages.PageView;
import dev.orgkit.support.SupportRequest;
import dev.orgkit.support.SupportRequestId;
import dev.orgkit.support.SupportRequestStatus;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
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
 * Support: admins file requests to demote or remove an admin; support agents see the queue,
 * approve or reject with a ticket, and act directly with a ticket (members, restoring a deleted
 * organization). The core answers a user who
 * calls an agent's endpoint with {@code SUPPORT_ONLY}.
 */
@RestController
@Tag(name = "Support")
@RequestMapping("${orgkit.web.base-path:/orgkit/api/v1}")
public class SupportController {
    private final OrgKit kit;
    private final String basePath;

    /** Serves {@code kit} under {@code basePath}. */
    public SupportController(OrgKit kit, String basePath) {
        this.kit = kit;
        this.basePath = basePath;
    }

    /** Files {@code {"action", "targetUserId", "reason"}}. 201 with its {@code Location}. */
    @PostMapping("/organizations/{organizationId}/support-requests")
    @ResponseStatus(HttpStatus.CREATED)
    public ResponseEntity<SupportRequestView> fileSupportRequest(UserPrincipal user, @PathVariable String organizationId,
            @RequestBody(required = false) @Nullable SupportRequestBody body) {
        SupportRequestBody form = Bodies.present(body);
        Bodies.require("action", form.action(), "targetUserId", form.targetUserId(), "reason", form.reason());
        SupportRequest filed = kit.support().request(user, AccountId.of(organizationId), form.action(),
                UserId.of(form.targetUserId()), form.reason());
        var location = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path(basePath + "/support/requests/{id}").buildAndExpand(filed.id().value()).toUri();
        return ResponseEntity.created(location).body(SupportRequestView.of(filed));
    }

    /** A page of the requests that have {@code status} now (PENDING unless given), oldest first. */
    @GetMapping("/support/requests")
    public PageView<SupportRequestView> supportQueue(Principal caller,
            @RequestParam(defaultValue = "PENDING") SupportRequestStatus status,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(defaultValue = "" + Pages.DEFAULT_SIZE) int size) {
        return Pages.view(kit.support().queue(caller, status, Pages.request(cursor, size)), SupportRequestView::of);
    }

    /** One request as it stands now, for support and the organization's admins. */
    @GetMapping("/support/requests/{requestId}")
    public SupportRequestView getSupportRequest(Principal caller, @PathVariable String requestId) {
        return SupportRequestView.of(kit.support().get(caller, SupportRequestId.of(requestId)));
    }

    /** Approves the request with {@code {"ticket"}} and makes the change. */
    @PostMapping("/support/requests/{requestId}/approve")
    public SupportRequestView approveSupportRequest(Principal caller, @PathVariable String requestId,
            @RequestBody(required = false) @Nullable TicketBody body) {
        TicketBody form = Bodies.present(body);
        Bodies.require("ticket", form.ticket());
        return SupportRequestView.of(kit.support().approve(caller, SupportRequestId.of(requestId), form.ticket()));
    }

    /** Rejects the request with {@code {"ticket", "why"}}. */
    @PostMapping("/support/requests/{requestId}/reject")
    public SupportRequestView rejectSupportRequest(Principal caller, @PathVariable String requestId,
            @RequestBody(required = false) @Nullable RejectBody body) {
        RejectBody form = Bodies.present(body);
        Bodies.require("ticket", form.ticket(), "why", form.why());
        return SupportRequestView.of(kit.support().reject(caller, SupportRequestId.of(requestId), form.ticket(),
                form.why()));
    }

    /** Demotes an ADMIN to MEMBER directly, with {@code {"ticket"}}. */
    @PostMapping("/support/organizations/{organizationId}/members/{userId}/demote")
    public MembershipView supportDemoteAdmin(Principal caller, @PathVariable String organizationId, @PathVariable String userId,
            @RequestBody(required = false) @Nullable TicketBody body) {
        return MembershipView.of(kit.support().demoteAdmin(caller, AccountId.of(organizationId), UserId.of(userId),
                ticket(body)));
    }

    /** Promotes a MEMBER to ADMIN directly, with {@code {"ticket"}}. */
    @PostMapping("/support/organizations/{organizationId}/members/{userId}/promote")
    public MembershipView supportPromoteMember(Principal caller, @PathVariable String organizationId, @PathVariable String userId,
            @RequestBody(required = false) @Nullable TicketBody body) {
        return MembershipView.of(kit.support().promoteMember(caller, AccountId.of(organizationId), UserId.of(userId),
                ticket(body)));
    }

    /** Removes an ADMIN directly, with {@code {"ticket"}}. 204. */
    @PostMapping("/support/organizations/{organizationId}/members/{userId}/remove-admin")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public ResponseEntity<Void> supportRemoveAdmin(Principal caller, @PathVariable String organizationId,
            @PathVariable String userId, @RequestBody(required = false) @Nullable TicketBody body) {
        kit.support().removeAdmin(caller, AccountId.of(organizationId), UserId.of(userId), ticket(body));
        return ResponseEntity.noContent().build();
    }

    /** Removes a MEMBER directly, with {@code {"ticket"}}. 204. */
    @PostMapping("/support/organizations/{organizationId}/members/{userId}/remove-member")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public ResponseEntity<Void> supportRemoveMember(Principal caller, @PathVariable String organizationId,
            @PathVariable String userId, @RequestBody(required = false) @Nullable TicketBody body) {
        kit.support().removeMember(caller, AccountId.of(organizationId), UserId.of(userId), ticket(body));
        return ResponseEntity.noContent().build();
    }

    /**
     * Restores a deleted organization within its restore window, with {@code {"ticket"}}: the
     * organization as it was ({@code RESTORE_WINDOW_PASSED} after the window).
     */
    @PostMapping("/support/organizations/{organizationId}/restore")
    public OrganizationView supportRestoreOrganization(Principal caller, @PathVariable String organizationId,
            @RequestBody(required = false) @Nullable TicketBody body) {
        return OrganizationView.of(kit.support().restoreOrganization(caller, AccountId.of(organizationId), ticket(body)));
    }

    private static String ticket(@Nullable TicketBody body) {
        TicketBody form = Bodies.present(body);
        Bodies.require("ticket", form.ticket());
        return form.ticket();
    }
}
