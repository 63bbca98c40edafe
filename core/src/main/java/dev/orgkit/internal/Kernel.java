package dev.orgkit.internal;

import dev.orgkit.NotFoundException;
import dev.orgkit.Principal;
import dev.orgkit.SupportPrincipal;
import dev.orgkit.UserId;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.Account;
import dev.orgkit.account.AccountId;
import dev.orgkit.account.Organization;
import dev.orgkit.audit.Actor;
import dev.orgkit.audit.AuditAction;
import dev.orgkit.audit.AuditEvent;
import dev.orgkit.member.Membership;
import dev.orgkit.member.Role;
import dev.orgkit.policy.AccessFacts;
import dev.orgkit.policy.DenialCode;
import dev.orgkit.policy.Permission;
import dev.orgkit.policy.Policy;
import dev.orgkit.spi.DeletedAccount;
import dev.orgkit.spi.EventListener;
import dev.orgkit.spi.ReadTransaction;
import dev.orgkit.spi.Storage;
import dev.orgkit.spi.WriteTransaction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What every service shares: storage, clock, secrets, policy, validation, and the few steps
 * every command takes (read the facts, enforce a permission, write the audit event).
 */
public final class Kernel {
    /** The host's storage; its write transactions publish their audit events after commit. */
    final PublishingStorage storage;
    final Clock clock;
    final Secrets secrets;
    final Policy policy;
    final InputValidator validator;
    final Duration invitationTimeToLive;
    final Duration supportRequestTimeToLive;

    /** Wires the kernel; every argument has been validated by the builder. */
    public Kernel(Storage storage, Clock clock, Secrets secrets, Policy policy, InputValidator validator,
            Duration invitationTimeToLive, Duration supportRequestTimeToLive, List<EventListener> eventListeners) {
        this.storage = new PublishingStorage(storage, eventListeners);
        this.clock = clock;
        this.secrets = secrets;
        this.policy = policy;
        this.validator = validator;
        this.invitationTimeToLive = invitationTimeToLive;
        this.supportRequestTimeToLive = supportRequestTimeToLive;
    }

    /**
     * The kit's clock, to the microsecond: the finest time SQL databases keep, so that what a command
     * returns equals what any storage reads back later.
     */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** The account, or NOT_FOUND: the same answer for an unknown id and a hidden one (R9). */
    static Account account(ReadTransaction tx, AccountId id) {
        return tx.accounts().find(id).orElseThrow(Kernel::notFound);
    }

    /**
     * The account as {@code principal} may read it: a deleted organization is visible to support
     * only, until it is purged (or even then, if {@code evenPurged}: its audit trail remains);
     * everyone else gets NOT_FOUND, as for an unknown id (R9, R13).
     */
    static Account visible(ReadTransaction tx, Principal principal, AccountId id, boolean evenPurged) {
        Optional<Account> live = tx.accounts().find(id);
        if (live.isPresent()) {
            return live.get();
        }
        if (principal instanceof SupportPrincipal) {
            return tx.accounts().findDeleted(id).filter(deleted -> evenPurged || !deleted.purged())
                    .map(DeletedAccount::account).orElseThrow(Kernel::notFound);
        }
        throw notFound();
    }

    /** The account locked for this transaction, or NOT_FOUND (also when it was deleted). */
    static Account lock(WriteTransaction tx, AccountId id) {
        return tx.accounts().lock(id).orElseThrow(Kernel::notFound);
    }

    /**
     * NOT_FOUND with exactly the message the policy gives a principal who may not see an account,
     * so that an unknown id and a hidden account cannot be told apart, not even by the message (R9).
     */
    /** The member of the organization, or NOT_FOUND. */
    static Membership member(ReadTransaction tx, AccountId organizationId, UserId userId) {
        return tx.members().find(organizationId, userId).orElseThrow(() -> new NotFoundException("No such member."));
    }

    /** Ends a membership (removal or leave); the user's active account forgets the organization. */
    static void endMembership(WriteTransaction tx, AccountId organizationId, UserId userId) {
        tx.members().delete(organizationId, userId);
        if (tx.accounts().activeAccountOf(userId).equals(Optional.of(organizationId))) {
            tx.accounts().setActiveAccount(userId, Optional.empty());
        }
    }

    static NotFoundException notFound() {
        return new NotFoundException(DenialCode.NOT_FOUND.defaultMessage());
    }

    /** The facts for deciding; counts the admins only if {@code withAdminCount}. */
    static AccessFacts facts(ReadTransaction tx, Principal principal, Account account, boolean withAdminCount) {
        Optional<Role> role = Optional.empty();
        if (principal instanceof UserPrincipal user && account instanceof Organization) {
            role = tx.members().find(account.id(), user.userId()).map(Membership::role);
        }
        OptionalLong admins = withAdminCount && role.isPresent()
                ? OptionalLong.of(tx.members().count(account.id(), Role.ADMIN)) : OptionalLong.empty();
        return new AccessFacts(account, role, admins);
    }

    /** Throws unless the policy allows {@code permission}; returns the facts it decided on. */
    AccessFacts require(ReadTransaction tx, Principal principal, Account account, Permission permission) {
        AccessFacts facts = facts(tx, principal, account,
                permission == Permission.LEAVE || permission == Permission.DELETE_ORGANIZATION);
        Denials.require(policy.decide(principal, facts, permission));
        return facts;
    }

    /**
     * Appends one audit event to the account's trail, in the command's transaction; the event
     * listeners receive it once the transaction commits.
     */
    void audit(WriteTransaction tx, AccountId accountId, Actor actor, AuditAction action, String target,
            Map<String, String> details) {
        Instant at = now();
        var event = new AuditEvent(secrets.newEventId(at.toEpochMilli()), accountId, actor, action, target, details, at);
        tx.audit().append(event);
        storage.appended(tx, event);
    }
}
