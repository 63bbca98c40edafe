package dev.orgkit.spring.web.internal;

import dev.orgkit.delivery.DeliveryStatus;
import dev.orgkit.delivery.InvitationDelivery;
import dev.orgkit.invitation.BulkInvitation;
import dev.orgkit.invitation.Invitation;
import dev.orgkit.invitation.InvitationPreview;
import dev.orgkit.invitation.InvitationStatus;
import dev.orgkit.invitation.InviteOutcome;
import dev.orgkit.invitation.IssuedInvitation;
import dev.orgkit.member.Membership;
import dev.orgkit.member.Role;
import dev.orgkit.policy.DenialCode;
import dev.orgkit.support.SupportAction;
import dev.orgkit.support.SupportRequest;
import dev.orgkit.support.SupportRequestStatus;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Members, invitations and support requests as JSON: the Java API's names, ids as strings, never a token. */
public final class MemberViews {
    private MemberViews() {}

    /** A user's membership of an organization. */
    public record MembershipView(String organizationId, String userId, String email, Role role, Instant joinedAt) {
        static MembershipView of(Membership membership) {
            return new MembershipView(membership.organizationId().value(), membership.userId().value(),
                    membership.email().value(), membership.role(), membership.joinedAt());
        }
    }

    /** An invitation, without its token. */
    public record InvitationView(String id, String organizationId, String email, Role role, String invitedBy,
            String inviterEmail, InvitationStatus status, Instant createdAt, Instant expiresAt) {
        static InvitationView of(Invitation invitation) {
            return new InvitationView(invitation.id().value(), invitation.organizationId().value(),
                    invitation.email().value(), invitation.role(), invitation.invitedBy().value(),
                    invitation.inviterEmail().value(), invitation.status(), invitation.createdAt(),
                    invitation.expiresAt());
        }
    }

    /**
     * An invitation made for a link the host delivers, with the token of that link and the link: the
     * only response that ever carries them. Never logged: {@link #toString()} leaves them out.
     */
    public record IssuedInvitationView(InvitationView invitation, String token, String acceptLink) {
        static IssuedInvitationView of(IssuedInvitation issued) {
            return new IssuedInvitationView(InvitationView.of(issued.invitation()), issued.token(),
                    issued.acceptLink().toString());
        }

        @Override
        public String toString() {
            return "IssuedInvitationView[token=<redacted>, acceptLink=<redacted>, invitation=" + invitation + "]";
        }
    }

    /** What an invitation link leads to. */
    public record InvitationPreviewView(String organizationName, String inviterEmail, String email, Role role,
            Instant expiresAt, InvitationStatus status) {
        static InvitationPreviewView of(InvitationPreview preview) {
            return new InvitationPreviewView(preview.organizationName(), preview.inviterEmail().value(),
                    preview.email().value(), preview.role(), preview.expiresAt(), preview.status());
        }
    }

    /** The delivery state of an invitation's mail. */
    public record InvitationDeliveryView(String invitationId, DeliveryStatus status, int attempts,
            @Nullable Instant lastAttemptAt, @Nullable String lastError, @Nullable Instant nextAttemptAt) {
        static InvitationDeliveryView of(InvitationDelivery delivery) {
            return new InvitationDeliveryView(delivery.invitationId().value(), delivery.status(), delivery.attempts(),
                    delivery.lastAttemptAt().orElse(null), delivery.lastError().orElse(null),
                    delivery.nextAttemptAt().orElse(null));
        }
    }

    /** A support request and, once decided, who decided it, when, with which ticket and why. */
    public record SupportRequestView(String id, String organizationId, SupportAction action, String targetUserId,
            String requestedBy, String reason, SupportRequestStatus status, Instant createdAt, Instant expiresAt,
            @Nullable String decidedBy, @Nullable Instant decidedAt, @Nullable String ticket, @Nullable String why) {
        static SupportRequestView of(SupportRequest request) {
            return new SupportRequestView(request.id().value(), request.organizationId().value(), request.action(),
                    request.targetUserId().value(), request.requestedBy().value(), request.reason(), request.status(),
                    request.createdAt(), request.expiresAt(), request.decidedBy().orElse(null),
                    request.decidedAt().orElse(null), request.ticket().orElse(null), request.why().orElse(null));
        }
    }

    /** What became of one row of a bulk invitation: exactly one of invitation, refusal and violations is set. */
    public record InviteOutcomeView(String email, @Nullable InvitationView invitation, @Nullable DenialCode refusal,
            List<String> violations) {
        static InviteOutcomeView of(InviteOutcome outcome) {
            return new InviteOutcomeView(outcome.email(), outcome.invitation().map(InvitationView::of).orElse(null),
                    outcome.refusal().orElse(null), outcome.violations());
        }
    }

    /** The outcomes of a bulk invitation, one per row, in the order of the rows. */
    public record BulkInvitationView(List<InviteOutcomeView> outcomes) {
        static BulkInvitationView of(BulkInvitation bulk) {
            return new BulkInvitationView(bulk.outcomes().stream().map(InviteOutcomeView::of).toList());
        }
    }
}
