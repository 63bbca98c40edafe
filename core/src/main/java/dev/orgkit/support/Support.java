package dev.orgkit.support;

import dev.orgkit.Page;
import dev.orgkit.PageRequest;
import dev.orgkit.Principal;
import dev.orgkit.UserId;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.AccountId;
import dev.orgkit.account.Organization;
import dev.orgkit.member.Membership;

/**
 * The support workflow (admins file requests, support agents approve or reject them) and the direct
 * actions of support agents. Obtain it from {@code kit.support()}. Thread-safe; every command is one
 * transaction that checks every rule at the moment it runs, under the organization's lock, and
 * writes one audit event.
 *
 * <p>The methods for agents take any {@link Principal} so that a user who calls them is answered
 * with {@link dev.orgkit.policy.DenialCode#SUPPORT_ONLY} (R11) rather than being impossible to
 * write. Tickets are 1 to 100 characters without control characters.
 *
 * @since 0.1.0
 */
public interface Support {

    /**
     * Files a request that support demote or remove an admin of the organization, or delete the
     * organization (admins only, R2). The target must be an ADMIN (else {@code TARGET_ROLE_MISMATCH};
     * for {@link SupportAction#DELETE_ORGANIZATION} it is the admin who asks), a demotion or removal
     * must leave an admin (R6, {@code LAST_ADMIN}), and there must be no pending request for the same target and action
     * ({@link dev.orgkit.ConflictException} with {@code SUPPORT_REQUEST_ALREADY_PENDING}). The request
     * expires after the kit's support request time to live.
     */
    SupportRequest request(UserPrincipal admin, AccountId organizationId, SupportAction action, UserId targetUserId,
            String reason);

    /**
     * A page of the requests that have {@code status} now, oldest first, for support agents only
     * (R11). {@link SupportRequestStatus#EXPIRED} lists the pending requests whose time ran out.
     */
    Page<SupportRequest> queue(Principal agent, SupportRequestStatus status, PageRequest page);

    /**
     * The request as it stands now, for support and for the admins of its organization; anyone
     * else is answered NOT_FOUND (R9).
     */
    SupportRequest get(Principal principal, SupportRequestId requestId);

    /**
     * Approves a pending, unexpired request and makes the change in the same transaction, re-checking
     * every rule at that moment: the target is still an ADMIN member and the organization keeps an
     * admin (R6), even if someone left meanwhile. If a rule no longer holds, the command is refused
     * with the rule's code, nothing changes and the request stays pending, for the agent to reject.
     */
    SupportRequest approve(Principal agent, SupportRequestId requestId, String ticket);

    /** Rejects a pending, unexpired request, citing a ticket and saying why (1 to 500 characters). */
    SupportRequest reject(Principal agent, SupportRequestId requestId, String ticket, String why);

    /** Demotes an ADMIN to MEMBER directly (support only, R11); never the last admin (R6). */
    Membership demoteAdmin(Principal agent, AccountId organizationId, UserId userId, String ticket);

    /** Removes an ADMIN directly (support only, R11); never the last admin (R6). */
    void removeAdmin(Principal agent, AccountId organizationId, UserId userId, String ticket);

    /** Removes a MEMBER directly (support only, R11); an admin is removed with {@link #removeAdmin}. */
    void removeMember(Principal agent, AccountId organizationId, UserId userId, String ticket);

    /** Promotes a MEMBER to ADMIN directly (support only, R11). */
    Membership promoteMember(Principal agent, AccountId organizationId, UserId userId, String ticket);

    /**
     * Restores a deleted organization within its restore window (support only, R11, R13): its
     * members see it again; its API keys stay revoked and its revoked invitations stay revoked.
     * After the window, {@code RESTORE_WINDOW_PASSED} ({@link dev.orgkit.ConflictException}); an
     * organization that is not deleted (or unknown, or purged) is NOT_FOUND; one left without any
     * admin (its last members were erased) is {@code LAST_ADMIN}. Audited as
     * {@code ORGANIZATION_RESTORED} with the ticket.
     *
     * @since 0.2.0
     */
    Organization restoreOrganization(Principal agent, AccountId organizationId, String ticket);
}
