package dev.orgkit.support;

import dev.orgkit.UserId;
import dev.orgkit.account.AccountId;
import dev.orgkit.internal.Check;
import java.time.Instant;
import java.util.Optional;

/**
 * An admin's request that support demote or remove an admin of the organization, and, once a
 * support agent decided it, who decided, when, under which ticket, and why (for a rejection).
 *
 * @param id the request's id
 * @param organizationId the organization
 * @param action what is asked
 * @param targetUserId the admin to demote or remove
 * @param requestedBy the admin who filed the request
 * @param reason why the admin asks, in their words
 * @param status the status; {@link SupportRequestStatus#EXPIRED} once {@code expiresAt} has passed
 *     while pending
 * @param createdAt when it was filed
 * @param expiresAt when it can no longer be approved if still pending
 * @param decidedBy the support agent who approved or rejected it
 * @param decidedAt when it was approved or rejected
 * @param ticket the ticket the agent cited
 * @param why the agent's reason for a rejection
 * @since 0.1.0
 */
public record SupportRequest(
        SupportRequestId id,
        AccountId organizationId,
        SupportAction action,
        UserId targetUserId,
        UserId requestedBy,
        String reason,
        SupportRequestStatus status,
        Instant createdAt,
        Instant expiresAt,
        Optional<String> decidedBy,
        Optional<Instant> decidedAt,
        Optional<String> ticket,
        Optional<String> why) {

    /** Rejects missing parts. */
    public SupportRequest {
        Check.notNull("id", id, "organizationId", organizationId, "action", action, "targetUserId", targetUserId,
                "requestedBy", requestedBy, "reason", reason, "status", status, "createdAt", createdAt,
                "expiresAt", expiresAt, "decidedBy", decidedBy, "decidedAt", decidedAt, "ticket", ticket,
                "why", why);
    }

    /** Whether it is pending and its expiry has passed at {@code now}. */
    public boolean isExpiredAt(Instant now) {
        return status == SupportRequestStatus.PENDING && !now.isBefore(expiresAt);
    }

    /** This request as seen at {@code now}: a pending one whose time ran out is {@code EXPIRED}. */
    public SupportRequest asOf(Instant now) {
        return isExpiredAt(now) ? withStatus(SupportRequestStatus.EXPIRED) : this;
    }

    /** This request with another status, nothing else changed. */
    public SupportRequest withStatus(SupportRequestStatus newStatus) {
        return new SupportRequest(id, organizationId, action, targetUserId, requestedBy, reason, newStatus,
                createdAt, expiresAt, decidedBy, decidedAt, ticket, why);
    }

    /** This request decided by a support agent: approved or rejected, with the ticket and, for a rejection, why. */
    public SupportRequest decided(SupportRequestStatus decision, String agentId, Instant at, String ticketRef,
            Optional<String> because) {
        return new SupportRequest(id, organizationId, action, targetUserId, requestedBy, reason, decision,
                createdAt, expiresAt, Optional.of(agentId), Optional.of(at), Optional.of(ticketRef), because);
    }
}
