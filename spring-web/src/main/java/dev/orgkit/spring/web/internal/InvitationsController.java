package dev.orgkit.spring.web.internal;

import dev.orgkit.InvalidInputException;
import dev.orgkit.InvalidInputException.Violation;
import dev.orgkit.OrgKit;
import dev.orgkit.Principal;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.AccountId;
import dev.orgkit.invitation.InvitationId;
import dev.orgkit.invitation.InviteRequest;
import dev.orgkit.spring.web.internal.Bodies.BulkInviteBody;
import dev.orgkit.spring.web.internal.Bodies.InviteBody;
import dev.orgkit.spring.web.internal.Bodies.TokenBody;
import dev.orgkit.spring.web.internal.MemberViews.BulkInvitationView;
import dev.orgkit.spring.web.internal.MemberViews.InvitationDeliveryView;
import dev.orgkit.spring.web.internal.MemberViews.InvitationPreviewView;
import dev.orgkit.spring.web.internal.MemberViews.InvitationView;
import dev.orgkit.spring.web.internal.MemberViews.IssuedInvitationView;
import dev.orgkit.spring.web.internal.MemberViews.MembershipView;
import dev.orgkit.spring.web.internal.Pages.PageView;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
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

/**
 * Invitations: the admins' side (invite, invite with a link the host delivers, invite in bulk, pending, resend, revoke, delivery) and the invitee's
 * (preview, accept, decline), where the token travels in the body, never in a URL.
 */
@RestController
@Tag(name = "Invitations")
@RequestMapping("${orgkit.web.base-path:/orgkit/api/v1}")
public class InvitationsController {
    private final OrgKit kit;

    /** Serves {@code kit}. */
    public InvitationsController(OrgKit kit) {
        this.kit = kit;
    }

    /**
     * Invites {@code {"email", "role"}}; the mail goes out after the commit. 201 with the invitation
     * (without a {@code Location}: the Java API has no read of one invitation).
     */
    @PostMapping("/organizations/{organizationId}/invitations")
    @ResponseStatus(HttpStatus.CREATED)
    public ResponseEntity<InvitationView> invite(UserPrincipal user, @PathVariable String organizationId,
            @RequestBody(required = false) @Nullable InviteBody body) {
        InviteBody form = Bodies.present(body);
        Bodies.require("email", form.email(), "role", form.role());
        return ResponseEntity.status(HttpStatus.CREATED).body(InvitationView.of(
                kit.members().invite(user, AccountId.of(organizationId), form.email(), form.role())));
    }

    /**
     * Invites {@code {"email", "role"}} for a host that delivers the link itself: no mail is sent.
     * 201 with the invitation, its {@code token} and {@code acceptLink}, shown in this response only
     * ({@code Cache-Control: no-store}; never logged).
     */
    @PostMapping("/organizations/{organizationId}/invitations/link")
    @ResponseStatus(HttpStatus.CREATED)
    public ResponseEntity<IssuedInvitationView> inviteWithLink(UserPrincipal user, @PathVariable String organizationId,
            @RequestBody(required = false) @Nullable InviteBody body) {
        InviteBody form = Bodies.present(body);
        Bodies.require("email", form.email(), "role", form.role());
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore()).body(IssuedInvitationView.of(
                kit.members().inviteWithLink(user, AccountId.of(organizationId), form.email(), form.role())));
    }

    /**
     * Invites up to 100 rows at once, {@code {"invitations": [{"email", "role"}, ...]}}: 200 with one
     * outcome per row, in order (invited, refused with its code, or invalid with its violations); the
     * invited rows are committed together and their mails go out after the commit.
     */
    @PostMapping("/organizations/{organizationId}/invitations/bulk")
    public BulkInvitationView inviteAll(UserPrincipal user, @PathVariable String organizationId,
            @RequestBody(required = false) @Nullable BulkInviteBody body) {
        BulkInviteBody form = Bodies.present(body);
        List<@Nullable InviteBody> given = form.invitations();
        Bodies.require("invitations", given);
        List<@Nullable InviteRequest> rows = new ArrayList<>();
        List<Violation> missing = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            InviteBody row = given.get(i);
            if (row != null && row.email() != null && row.role() != null) {
                rows.add(new InviteRequest(row.email(), row.role()));
                continue;
            }
            // A missing row is reported by the kit; a row missing a field, here (one field name, no dots:
            // the problem's violations name JSON fields).
            rows.add(null);
            if (row != null) {
                missing.add(new Violation("invitations[" + i + "]", "must have an email and a role"));
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidInputException(missing);
        }
        return BulkInvitationView.of(kit.members().inviteAll(user, AccountId.of(organizationId), rows));
    }

    /** A page of the organization's pending invitations (expired ones show as EXPIRED). */
    @GetMapping("/organizations/{organizationId}/invitations")
    public PageView<InvitationView> pendingInvitations(Principal caller, @PathVariable String organizationId,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(defaultValue = "" + Pages.DEFAULT_SIZE) int size) {
        return Pages.view(kit.invitations().pending(caller, AccountId.of(organizationId), Pages.request(cursor, size)),
                InvitationView::of);
    }

    /** Sends the invitation again with a new link and expiry; the old link stops working. */
    @PostMapping("/invitations/{invitationId}/resend")
    public InvitationView resendInvitation(UserPrincipal user, @PathVariable String invitationId) {
        return InvitationView.of(kit.invitations().resend(user, InvitationId.of(invitationId)));
    }

    /** Revokes the invitation: its link leads nowhere any more. */
    @PostMapping("/invitations/{invitationId}/revoke")
    public InvitationView revokeInvitation(UserPrincipal user, @PathVariable String invitationId) {
        return InvitationView.of(kit.invitations().revoke(user, InvitationId.of(invitationId)));
    }

    /** Whether the invitation's mail went out, with its attempts and last error. */
    @GetMapping("/invitations/{invitationId}/delivery")
    public InvitationDeliveryView delivery(Principal caller, @PathVariable String invitationId) {
        return InvitationDeliveryView.of(kit.invitations().delivery(caller, InvitationId.of(invitationId)));
    }

    /** What the link with {@code {"token"}} leads to; consumes nothing, needs no sign-in. */
    @PostMapping("/invitations/preview")
    public InvitationPreviewView preview(@RequestBody(required = false) @Nullable TokenBody body) {
        TokenBody form = Bodies.present(body);
        Bodies.require("token", form.token());
        return InvitationPreviewView.of(kit.invitations().preview(form.token()));
    }

    /** Joins the organization with the invited role, as the invited (verified) address. */
    @PostMapping("/invitations/accept")
    public MembershipView accept(UserPrincipal user, @RequestBody(required = false) @Nullable TokenBody body) {
        TokenBody form = Bodies.present(body);
        Bodies.require("token", form.token());
        return MembershipView.of(kit.invitations().accept(user, form.token()));
    }

    /** Declines the invitation. 204. */
    @PostMapping("/invitations/decline")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public ResponseEntity<Void> decline(UserPrincipal user, @RequestBody(required = false) @Nullable TokenBody body) {
        TokenBody form = Bodies.present(body);
        Bodies.require("token", form.token());
        kit.invitations().decline(user, form.token());
        return ResponseEntity.noContent().build();
    }
}
