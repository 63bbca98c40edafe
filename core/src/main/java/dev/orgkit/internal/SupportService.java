package dev.orgkit.internal;

import dev.orgkit.NotFoundException;
import dev.orgkit.Page;
import dev.orgkit.PageRequest;
import dev.orgkit.Principal;
import dev.orgkit.SupportPrincipal;
import dev.orgkit.UserId;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.Account;
import dev.orgkit.account.AccountId;
import dev.orgkit.account.Organization;
import dev.orgkit.audit.Actor;
import dev.orgkit.audit.AuditAction;
import dev.orgkit.member.Membership;
import dev.orgkit.member.Role;
import dev.orgkit.policy.DenialCode;
import dev.orgkit.policy.Permission;
import dev.orgkit.policy.Policy;
import dev.orgkit.spi.WriteTransaction;
import dev.orgkit.support.Support;
import dev.orgkit.support.SupportAction;
import dev.orgkit.support.SupportRequest;
import dev.orgkit.support.SupportRequestId;
import dev.orgkit.support.SupportRequestStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link Support} on the kernel. Every command locks the organization first, so an approval and a
 * {@code leave} (or two approvals) on one organization never interleave, and R6 is checked against
 * the admins that exist at that moment.
 */
public final class SupportService implements Support {
    static final String QUEUE_CURSOR = "support";
    /** The longest ticket reference. */
    static final int MAX_TICKET = 100;
    /** The longest reason an admin or an agent writes. */
    static final int MAX_REASON = 500;

    private final Kernel kernel;
    private final LifecycleService lifecycle;

    /** Creates the service; {@code lifecycle} deletes and restores organizations. */
    public SupportService(Kernel kernel, LifecycleService lifecycle) {
        this.kernel = kernel;
        this.lifecycle = lifecycle;
    }

    @Override
    public SupportRequest request(UserPrincipal admin, AccountId organizationId, SupportAction action,
            UserId targetUserId, String reason) {
        Check.nulls("admin", admin, "organizationId", organizationId, "action", action, "targetUserId", targetUserId)
                .add("reason", Check.textProblem(reason, MAX_REASON))
                .throwIfAny();
        return kernel.storage.write(tx -> {
            Account account = Kernel.lock(tx, organizationId);
            kernel.require(tx, admin, account, Permission.REQUEST_SUPPORT);
            Membership target = Kernel.member(tx, organizationId, targetUserId);
            Denials.require(Policy.targetHasRole(target.role(), Role.ADMIN));
            if (action != SupportAction.DELETE_ORGANIZATION) {
                Denials.require(Policy.keepsAnAdmin(Role.ADMIN, tx.members().count(organizationId, Role.ADMIN)));
            }
            Instant now = kernel.now();
            Optional<SupportRequest> pending = tx.support().pending(organizationId, targetUserId, action);
            Denials.require(Policy.noPendingSupportRequest(pending, now));
            var request = new SupportRequest(SupportRequestId.of("sr_" + kernel.secrets.newEventId(now.toEpochMilli())),
                    organizationId, action, targetUserId, admin.userId(), reason.strip(), SupportRequestStatus.PENDING,
                    now, now.plus(kernel.supportRequestTimeToLive), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty());
            Map<String, String> details = new LinkedHashMap<>();
            details.put("request", request.id().value());
            details.put("supportAction", action.name());
            details.put("reason", request.reason());
            details.put("expiresAt", request.expiresAt().toString());
            if (pending.isPresent()) {
                // R3/R4 allowed it, so the pending one has expired: it makes way for the new one.
                tx.support().update(pending.get().withStatus(SupportRequestStatus.EXPIRED),
                        SupportRequestStatus.PENDING);
                details.put("replaces", pending.get().id().value());
            }
            tx.support().insert(request);
            kernel.audit(tx, organizationId, Actor.of(admin), AuditAction.SUPPORT_REQUESTED, targetUserId.value(),
                    details);
            return request;
        });
    }

    @Override
    public Page<SupportRequest> queue(Principal agent, SupportRequestStatus status, PageRequest page) {
        Check.notNull("agent", agent, "status", status, "page", page);
        Denials.require(Policy.supportOnly(agent));
        Optional<SupportRequestId> after = Cursors.keyOf(page, QUEUE_CURSOR).map(SupportRequestId::of);
        return kernel.storage.read(tx -> {
            Instant now = kernel.now();
            List<SupportRequest> rows = tx.support().list(status, now, after, page.size() + 1).stream()
                    .map(request -> request.asOf(now))
                    .toList();
            return Cursors.page(rows, page, QUEUE_CURSOR, request -> request.id().value());
        });
    }

    @Override
    public SupportRequest get(Principal principal, SupportRequestId requestId) {
        Check.notNull("principal", principal, "requestId", requestId);
        return kernel.storage.read(tx -> {
            SupportRequest request = tx.support().find(requestId).orElseThrow(SupportService::noSuchRequest);
            if (!(principal instanceof SupportPrincipal)) {
                Account account = Kernel.account(tx, request.organizationId());
                boolean admin = kernel.policy.decide(principal, Kernel.facts(tx, principal, account, false),
                        Permission.REQUEST_SUPPORT).isAllowed();
                if (!admin) {
                    // R9: whoever may not see it learns nothing, not even that it exists.
                    throw noSuchRequest();
                }
            }
            return request.asOf(kernel.now());
        });
    }

    @Override
    public SupportRequest approve(Principal agent, SupportRequestId requestId, String ticket) {
        SupportPrincipal support = agent(agent);
        Check.nulls("requestId", requestId).add("ticket", Check.textProblem(ticket, MAX_TICKET)).throwIfAny();
        return kernel.storage.write(tx -> {
            SupportRequest request = lockedRequest(tx, requestId);
            AccountId organizationId = request.organizationId();
            Instant now = kernel.now();
            Denials.require(Policy.supportRequestDecidable(request, now));
            Account account = Kernel.account(tx, organizationId);
            kernel.require(tx, support, account, request.action().permission());
            Map<String, String> details = new LinkedHashMap<>();
            details.put("request", request.id().value());
            details.put("ticket", ticket);
            details.put("supportAction", request.action().name());
            details.put("requestedBy", request.requestedBy().value());
            if (request.action() == SupportAction.DELETE_ORGANIZATION) {
                // R13: whoever asked, and whoever left meanwhile, the organization goes.
                lifecycle.deleteOrganization(tx, OrganizationsService.organization(account),
                        Actor.support(support, ticket), details);
            } else {
                Membership target = Kernel.member(tx, organizationId, request.targetUserId());
                Denials.require(Policy.targetHasRole(target.role(), Role.ADMIN));
                Denials.require(Policy.keepsAnAdmin(Role.ADMIN, tx.members().count(organizationId, Role.ADMIN)));
                details.putAll(changeOf(tx, request.action(), target));
            }
            SupportRequest approved = request.decided(SupportRequestStatus.APPROVED, support.agentId(), now, ticket,
                    Optional.empty());
            if (!tx.support().update(approved, SupportRequestStatus.PENDING)) {
                throw Denials.raise(DenialCode.SUPPORT_REQUEST_NOT_PENDING);
            }
            kernel.audit(tx, organizationId, Actor.support(support, ticket), AuditAction.SUPPORT_REQUEST_APPROVED,
                    request.targetUserId().value(), details);
            return approved;
        });
    }

    @Override
    public SupportRequest reject(Principal agent, SupportRequestId requestId, String ticket, String why) {
        SupportPrincipal support = agent(agent);
        Check.nulls("requestId", requestId).add("ticket", Check.textProblem(ticket, MAX_TICKET))
                .add("why", Check.textProblem(why, MAX_REASON)).throwIfAny();
        return kernel.storage.write(tx -> {
            SupportRequest request = lockedRequest(tx, requestId);
            Instant now = kernel.now();
            Denials.require(Policy.supportRequestDecidable(request, now));
            SupportRequest rejected = request.decided(SupportRequestStatus.REJECTED, support.agentId(), now, ticket,
                    Optional.of(why.strip()));
            if (!tx.support().update(rejected, SupportRequestStatus.PENDING)) {
                throw Denials.raise(DenialCode.SUPPORT_REQUEST_NOT_PENDING);
            }
            Map<String, String> details = new LinkedHashMap<>();
            details.put("request", request.id().value());
            details.put("ticket", ticket);
            details.put("supportAction", request.action().name());
            details.put("requestedBy", request.requestedBy().value());
            details.put("why", why.strip());
            kernel.audit(tx, request.organizationId(), Actor.support(support, ticket),
                    AuditAction.SUPPORT_REQUEST_REJECTED, request.targetUserId().value(), details);
            return rejected;
        });
    }

    @Override
    public Membership demoteAdmin(Principal agent, AccountId organizationId, UserId userId, String ticket) {
        return direct(agent, organizationId, userId, ticket, Permission.DEMOTE_ADMIN, Role.ADMIN, (tx, target) -> {
            Denials.require(Policy.keepsAnAdmin(Role.ADMIN, tx.members().count(organizationId, Role.ADMIN)));
            return new Change<>(target.withRole(Role.MEMBER), AuditAction.MEMBER_ROLE_CHANGED, demote(tx, target));
        });
    }

    @Override
    public void removeAdmin(Principal agent, AccountId organizationId, UserId userId, String ticket) {
        direct(agent, organizationId, userId, ticket, Permission.REMOVE_ADMIN, Role.ADMIN, (tx, target) -> {
            Denials.require(Policy.keepsAnAdmin(Role.ADMIN, tx.members().count(organizationId, Role.ADMIN)));
            return new Change<>(target, AuditAction.MEMBER_REMOVED, remove(tx, target));
        });
    }

    @Override
    public void removeMember(Principal agent, AccountId organizationId, UserId userId, String ticket) {
        direct(agent, organizationId, userId, ticket, Permission.REMOVE_MEMBER, Role.MEMBER,
                (tx, target) -> new Change<>(target, AuditAction.MEMBER_REMOVED, remove(tx, target)));
    }

    @Override
    public Membership promoteMember(Principal agent, AccountId organizationId, UserId userId, String ticket) {
        return direct(agent, organizationId, userId, ticket, Permission.PROMOTE_MEMBER, Role.MEMBER, (tx, target) -> {
            tx.members().updateRole(organizationId, userId, Role.ADMIN);
            return new Change<>(target.withRole(Role.ADMIN), AuditAction.MEMBER_ROLE_CHANGED,
                    roleChange(Role.MEMBER, Role.ADMIN));
        });
    }

    @Override
    public Organization restoreOrganization(Principal agent, AccountId organizationId, String ticket) {
        SupportPrincipal support = agent(agent);
        Check.nulls("organizationId", organizationId).add("ticket", Check.textProblem(ticket, MAX_TICKET)).throwIfAny();
        return kernel.storage.write(tx -> lifecycle.restore(tx, support, organizationId, ticket));
    }

    /** Makes the change an approved demotion or removal asks for; returns its audit details. */
    private static Map<String, String> changeOf(WriteTransaction tx, SupportAction action, Membership target) {
        return action == SupportAction.DEMOTE_ADMIN ? demote(tx, target) : remove(tx, target);
    }

    /** What a direct action did: its result, and the audit event's action and details. */
    private record Change<T>(T result, AuditAction action, Map<String, String> details) {}

    /** The step of a direct action that checks its own rules and changes the target. */
    @FunctionalInterface
    private interface Step<T> {
        Change<T> apply(WriteTransaction tx, Membership target);
    }

    private <T> T direct(Principal agent, AccountId organizationId, UserId userId, String ticket,
            Permission permission, Role targetRole, Step<T> step) {
        SupportPrincipal support = agent(agent);
        Check.nulls("organizationId", organizationId, "userId", userId)
                .add("ticket", Check.textProblem(ticket, MAX_TICKET)).throwIfAny();
        return kernel.storage.write(tx -> {
            Account account = Kernel.lock(tx, organizationId);
            kernel.require(tx, support, account, permission);
            Membership target = Kernel.member(tx, organizationId, userId);
            Denials.require(Policy.targetHasRole(target.role(), targetRole));
            Change<T> change = step.apply(tx, target);
            kernel.audit(tx, organizationId, Actor.support(support, ticket), change.action(), userId.value(),
                    change.details());
            return change.result();
        });
    }

    /** R11 first: who acts decides what they may be told, so a user learns nothing about the input. */
    private static SupportPrincipal agent(Principal agent) {
        Check.notNull("agent", agent);
        Denials.require(Policy.supportOnly(agent));
        return (SupportPrincipal) agent;
    }

    /** The request, read again after locking its organization, so its status is the current one. */
    private static SupportRequest lockedRequest(WriteTransaction tx, SupportRequestId requestId) {
        SupportRequest unlocked = tx.support().find(requestId).orElseThrow(SupportService::noSuchRequest);
        Kernel.lock(tx, unlocked.organizationId());
        return tx.support().find(requestId).orElseThrow(SupportService::noSuchRequest);
    }

    private static Map<String, String> demote(WriteTransaction tx, Membership target) {
        tx.members().updateRole(target.organizationId(), target.userId(), Role.MEMBER);
        return roleChange(target.role(), Role.MEMBER);
    }

    private static Map<String, String> roleChange(Role before, Role after) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("role.before", before.name());
        details.put("role.after", after.name());
        return details;
    }

    private static Map<String, String> remove(WriteTransaction tx, Membership target) {
        Kernel.endMembership(tx, target.organizationId(), target.userId());
        Map<String, String> details = new LinkedHashMap<>();
        details.put("email", target.email().value());
        details.put("role", target.role().name());
        return details;
    }


    private static NotFoundException noSuchRequest() {
        return new NotFoundException("No such support request.");
    }
}
