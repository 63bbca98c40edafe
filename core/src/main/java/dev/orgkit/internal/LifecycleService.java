package dev.orgkit.internal;

import dev.orgkit.EmailAddress;
import dev.orgkit.SupportPrincipal;
import dev.orgkit.UserId;
import dev.orgkit.account.Account;
import dev.orgkit.account.AccountId;
import dev.orgkit.account.Organization;
import dev.orgkit.account.PersonalAccount;
import dev.orgkit.audit.Actor;
import dev.orgkit.audit.AuditAction;
import dev.orgkit.lifecycle.Maintenance;
import dev.orgkit.lifecycle.PurgeResult;
import dev.orgkit.lifecycle.Users;
import dev.orgkit.member.Membership;
import dev.orgkit.member.Role;
import dev.orgkit.policy.Decision;
import dev.orgkit.policy.DenialCode;
import dev.orgkit.spi.AlertSettings;
import dev.orgkit.spi.DeletedAccount;
import dev.orgkit.spi.WriteTransaction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The end of accounts (R13): deleting an organization, restoring it, purging what the restore
 * window has passed, and erasing a user. Deleting is a fixed number of set-based statements, whatever
 * the number of members, keys and invitations.
 */
public final class LifecycleService implements Users, Maintenance {
    /** How many accounts one purge transaction lists at a time. */
    static final int PURGE_BATCH = 100;
    static final String DELIVERY_CANCELLED = "no more attempts: the organization was deleted";

    /** The events that name a user as their target and record the address of their membership. */
    private static final Set<AuditAction> MEMBERSHIP_ADDRESS_EVENTS = EnumSet.of(
            AuditAction.INVITATION_ACCEPTED, AuditAction.MEMBER_LEFT, AuditAction.MEMBER_REMOVED);

    private final Kernel kernel;
    private final Duration restoreWindow;

    /** Creates the service; deleted organizations may be restored for {@code restoreWindow}. */
    public LifecycleService(Kernel kernel, Duration restoreWindow) {
        this.kernel = kernel;
        this.restoreWindow = restoreWindow;
    }

    /**
     * Deletes the organization, which the caller has locked and found live, in the caller's
     * transaction: keys revoked, pending invitations revoked and their mails cancelled, active
     * accounts forgotten, the organization marked deleted; audited with {@code details} added.
     */
    void deleteOrganization(WriteTransaction tx, Organization organization, Actor actor, Map<String, String> details) {
        AccountId id = organization.id();
        Instant now = kernel.now();
        Instant restoreUntil = now.plus(restoreWindow);
        int keys = tx.apiKeys().revokeAll(id, now);
        tx.deliveries().cancelAll(id, DELIVERY_CANCELLED);
        int invitations = tx.invitations().revokeAllPending(id);
        tx.accounts().forgetActiveAccount(id);
        if (!tx.accounts().markDeleted(id, now, restoreUntil)) {
            throw Kernel.notFound();
        }
        Map<String, String> audited = new LinkedHashMap<>(details);
        audited.put("accountName", organization.accountName());
        audited.put("restoreUntil", restoreUntil.toString());
        audited.put("apiKeysRevoked", Integer.toString(keys));
        audited.put("invitationsRevoked", Integer.toString(invitations));
        kernel.audit(tx, id, actor, AuditAction.ORGANIZATION_DELETED, id.value(), audited);
    }

    /** Restores the deleted organization within its window, in the caller's transaction. */
    Organization restore(WriteTransaction tx, SupportPrincipal agent, AccountId id, String ticket) {
        DeletedAccount deleted = tx.accounts().lockDeleted(id).filter(d -> !d.purged()).orElseThrow(Kernel::notFound);
        if (!(deleted.account() instanceof Organization organization)) {
            throw Kernel.notFound();
        }
        if (!kernel.now().isBefore(deleted.restoreUntil())) {
            throw Denials.raise(DenialCode.RESTORE_WINDOW_PASSED);
        }
        if (tx.members().count(id, Role.ADMIN) == 0) {
            // Its last members were erased: restored, nobody could ever manage it.
            throw Denials.raise(DenialCode.LAST_ADMIN);
        }
        if (!tx.accounts().restore(id)) {
            throw Kernel.notFound();
        }
        kernel.audit(tx, id, Actor.support(agent, ticket), AuditAction.ORGANIZATION_RESTORED, id.value(),
                Map.of("ticket", ticket, "deletedAt", deleted.deletedAt().toString()));
        return organization;
    }

    @Override
    public PurgeResult purge() {
        int organizations = 0;
        int personal = 0;
        while (true) {
            Instant now = kernel.now();
            List<AccountId> due = kernel.storage.read(tx -> tx.accounts().purgeable(now, PURGE_BATCH));
            int purgedNow = 0;
            for (AccountId id : due) {
                Optional<Boolean> wasOrganization = kernel.storage.write(tx -> purge(tx, id, now));
                if (wasOrganization.isPresent()) {
                    purgedNow++;
                    if (wasOrganization.get()) {
                        organizations++;
                    } else {
                        personal++;
                    }
                }
            }
            // Another instance purged what we skipped; a short batch was the last.
            if (due.size() < PURGE_BATCH || purgedNow == 0) {
                return new PurgeResult(organizations, personal);
            }
        }
    }

    /** Purges one account if it is still deleted and due; whether it was an organization, or empty if skipped. */
    private Optional<Boolean> purge(WriteTransaction tx, AccountId id, Instant now) {
        Optional<DeletedAccount> deleted = tx.accounts().lockDeleted(id)
                .filter(account -> !account.purged() && !account.restoreUntil().isAfter(now));
        if (deleted.isEmpty()) {
            return Optional.empty();
        }
        tx.accounts().purge(id);
        boolean organization = deleted.get().account() instanceof Organization;
        if (organization) {
            kernel.audit(tx, id, Actor.system(), AuditAction.ORGANIZATION_PURGED, id.value(), Map.of(
                    "deletedAt", deleted.get().deletedAt().toString(),
                    "restoreUntil", deleted.get().restoreUntil().toString()));
        }
        return Optional.of(organization);
    }

    @Override
    public void erase(UserId userId) {
        Check.notNull("userId", userId);
        kernel.storage.write(tx -> {
            List<Membership> memberships = new ArrayList<>(tx.members().ofUser(userId));
            Optional<PersonalAccount> personal = tx.accounts().personalAccountOf(userId);
            EmailAddress pseudonym = EmailAddress.of(Users.pseudonymOf(userId));
            if (memberships.isEmpty() && personal.isEmpty()) {
                // Unknown, erased already, or left every organization: only what the trail and the
                // invitations they sent hold remains.
                forget(tx, userId, addressesOfEndedMemberships(tx, userId, pseudonym), pseudonym);
                return null;
            }
            // Locked in id order, so that two erasures sharing organizations never wait for each other.
            memberships.sort(Comparator.comparing(m -> m.organizationId().value()));
            List<Leaving> leaving = new ArrayList<>();
            for (Membership unlocked : memberships) {
                AccountId id = unlocked.organizationId();
                Optional<Account> live = tx.accounts().lock(id);
                if (live.isEmpty() && tx.accounts().lockDeleted(id).filter(d -> !d.purged()).isEmpty()) {
                    continue;
                }
                Optional<Membership> membership = tx.members().find(id, userId);
                if (membership.isEmpty()) {
                    continue;
                }
                if (live.isEmpty()) {
                    leaving.add(new Leaving(membership.get(), Optional.empty(), 0));
                    continue;
                }
                Organization organization = OrganizationsService.organization(live.get());
                long admins = tx.members().count(id, Role.ADMIN);
                long members = admins + tx.members().count(id, Role.MEMBER);
                if (membership.get().role() == Role.ADMIN && admins == 1 && members > 1) {
                    throw Denials.toException(new Decision.Denied(DenialCode.LAST_ADMIN,
                            "The user is the only admin of the organization " + organization.accountName() + " ("
                                    + id.value() + "), which has other members.",
                            Optional.of("Promote another member to admin first, or delete the organization.")));
                }
                leaving.add(new Leaving(membership.get(), Optional.of(organization), members));
            }
            // Every address orgkit knew the user by: read once the organizations are locked, so that a
            // membership that ended meanwhile is in the trail. The trail's for memberships that ended
            // before, their memberships', and their personal account's.
            Set<EmailAddress> emails = new LinkedHashSet<>(addressesOfEndedMemberships(tx, userId, pseudonym));
            leaving.forEach(left -> emails.add(left.membership().email()));
            // Locked after the organizations, as every erasure does; read under the lock.
            personal.ifPresent(p -> tx.accounts().lock(p.id()));
            Optional<AlertSettings> personalAlerts = personal.map(p -> tx.plans().alerts(p.id()));
            personalAlerts.flatMap(AlertSettings::ownerEmail).ifPresent(emails::add);
            for (Leaving left : leaving) {
                Membership membership = left.membership();
                AccountId id = membership.organizationId();
                if (left.organization().isPresent() && left.members() == 1) {
                    // Nobody is left to restore it: its contact addresses need not stay the user's.
                    Organization organization = left.organization().get();
                    boolean alerting = emails.contains(organization.alertingEmail());
                    boolean invoicing = emails.contains(organization.invoicingEmail());
                    if ((alerting || invoicing) && !tx.accounts().updateOrganization(organization.withProfile(
                            organization.legalName(), alerting ? pseudonym : organization.alertingEmail(),
                            invoicing ? pseudonym : organization.invoicingEmail()), organization.version())) {
                        throw Kernel.notFound();
                    }
                    deleteOrganization(tx, organization, Actor.system(), Map.of("erasedUser", userId.value()));
                }
                tx.members().delete(id, userId);
                kernel.audit(tx, id, Actor.system(), AuditAction.USER_ERASED, userId.value(),
                        Map.of("role", membership.role().name()));
            }
            if (personal.isPresent()) {
                AccountId id = personal.get().id();
                Instant now = kernel.now();
                int keys = tx.apiKeys().revokeAll(id, now);
                if (personalAlerts.get().ownerEmail().isPresent()) {
                    tx.plans().putAlerts(id, AlertSettings.of(personalAlerts.get().thresholds(), Optional.empty()));
                }
                tx.accounts().forgetActiveAccount(id);
                // Nothing to restore: purgeable at once.
                tx.accounts().markDeleted(id, now, now);
                kernel.audit(tx, id, Actor.system(), AuditAction.USER_ERASED, userId.value(),
                        Map.of("apiKeysRevoked", Integer.toString(keys)));
            }
            tx.accounts().setActiveAccount(userId, Optional.empty());
            forget(tx, userId, emails, pseudonym);
            return null;
        });
    }

    /**
     * The addresses of the user's memberships that ended before, from the trail: the events that
     * name the user as their target and record the address of the membership.
     */
    private static Set<EmailAddress> addressesOfEndedMemberships(WriteTransaction tx, UserId userId,
            EmailAddress pseudonym) {
        Set<EmailAddress> addresses = new LinkedHashSet<>();
        tx.audit().byTarget(userId.value(), MEMBERSHIP_ADDRESS_EVENTS).forEach(event ->
                Optional.ofNullable(event.details().get("email"))
                        .filter(email -> EmailAddress.problem(email).isEmpty())
                        .map(EmailAddress::of)
                        .filter(email -> !email.equals(pseudonym))
                        .ifPresent(addresses::add));
        return addresses;
    }

    /** Replaces the user's addresses by the pseudonym: a fixed number of set-based statements per address. */
    private static void forget(WriteTransaction tx, UserId userId, Set<EmailAddress> emails, EmailAddress pseudonym) {
        tx.invitations().pseudonymize(userId, emails, pseudonym);
        for (EmailAddress email : emails) {
            tx.audit().pseudonymize(email, pseudonym.value());
            tx.deliveries().pseudonymizeErrors(email, pseudonym.value());
            tx.notices().pseudonymizeErrors(email, pseudonym.value());
        }
    }

    /** A membership the erased user leaves: its live organization (empty if deleted) and its member count. */
    private record Leaving(Membership membership, Optional<Organization> organization, long members) {}
}
