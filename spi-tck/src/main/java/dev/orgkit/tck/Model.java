package dev.orgkit.tck;

import dev.orgkit.EmailAddress;
import dev.orgkit.UserId;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.AccountId;
import dev.orgkit.account.AccountSummary;
import dev.orgkit.account.Organization;
import dev.orgkit.invitation.Invitation;
import dev.orgkit.invitation.InvitationId;
import dev.orgkit.invitation.InvitationStatus;
import dev.orgkit.member.Role;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link World} expects the kit to show: deliberately simple maps of organizations, their
 * members and invitations, the personal accounts and the active accounts. The steps update it when
 * a command succeeds; {@link #compare} checks the kit against it after every step.
 */
final class Model {
    final List<ModelOrganization> organizations = new ArrayList<>();
    final List<ModelInvitation> invitations = new ArrayList<>();
    final Map<UserId, AccountId> personal = new LinkedHashMap<>();
    final Map<UserId, AccountId> active = new HashMap<>();

    /** A member as the model knows it. */
    record Member(EmailAddress email, Role role) {}

    /** An organization as the model knows it. */
    static final class ModelOrganization {
        final int number;
        final AccountId id;
        final String accountName;
        String legalName;
        EmailAddress alertingEmail;
        EmailAddress invoicingEmail;
        long version = 1;
        int auditEvents = 1;
        final Map<UserId, Member> members = new TreeMap<>();
        /** Deleted and not restored (R13): hidden from everyone but support. */
        boolean deleted;
        /** When it was last deleted. */
        @Nullable Instant deletedAt;
        /** Secrets of API keys created before a delete: revoked by it, for good. */
        final List<String> revokedKeys = new ArrayList<>();

        ModelOrganization(int number, Organization created) {
            this.number = number;
            this.id = created.id();
            this.accountName = created.accountName();
            this.legalName = created.legalName();
            this.alertingEmail = created.alertingEmail();
            this.invoicingEmail = created.invoicingEmail();
        }

        long admins() {
            return members.values().stream().filter(m -> m.role() == Role.ADMIN).count();
        }

        List<UserId> ids(boolean adminsOnly) {
            return members.entrySet().stream()
                    .filter(e -> !adminsOnly || e.getValue().role() == Role.ADMIN)
                    .map(Map.Entry::getKey)
                    .toList();
        }

        boolean hasMemberWithEmail(EmailAddress email) {
            return members.values().stream().anyMatch(m -> m.email().equals(email));
        }

        @Override
        public String toString() {
            return accountName + "#" + number;
        }
    }

    /** An invitation as the model knows it, with the token its mail carried. */
    static final class ModelInvitation {
        final ModelOrganization organization;
        final InvitationId id;
        final EmailAddress email;
        final Role role;
        final String token;
        final Instant expiresAt;
        InvitationStatus stored = InvitationStatus.PENDING;

        ModelInvitation(ModelOrganization organization, Invitation invitation, String token) {
            this.organization = organization;
            this.id = invitation.id();
            this.email = invitation.email();
            this.role = invitation.role();
            this.token = token;
            this.expiresAt = invitation.expiresAt();
        }

        InvitationStatus statusAt(Instant now) {
            return stored == InvitationStatus.PENDING && !now.isBefore(expiresAt) ? InvitationStatus.EXPIRED : stored;
        }
    }

    /** The invitation of {@code email} to {@code org} whose stored status is PENDING, if any. */
    @Nullable ModelInvitation pendingInvitation(ModelOrganization org, EmailAddress email) {
        return invitations.stream()
                .filter(i -> i.organization == org && i.email.equals(email) && i.stored == InvitationStatus.PENDING)
                .findFirst().orElse(null);
    }

    /** The kit agrees with the model: members, profiles, pending invitations, audit trail sizes, active accounts. */
    void compare(Observation now, Instant at, Checker checker) {
        for (ModelOrganization org : organizations) {
            Map<UserId, Member> shown = new TreeMap<>();
            now.members().get(org.id).forEach(m -> shown.put(m.userId(), new Member(m.email(), m.role())));
            checker.check(shown.equals(org.members), () ->
                    org + " has members " + shown + " but the model has " + org.members);
            Organization profile = now.profiles().get(org.id);
            checker.check(profile.accountName().equals(org.accountName) && profile.legalName().equals(org.legalName)
                    && profile.alertingEmail().equals(org.alertingEmail)
                    && profile.invoicingEmail().equals(org.invoicingEmail) && profile.version() == org.version, () ->
                    org + " has profile " + profile + " but the model has version " + org.version);
            Set<String> pendingShown = new HashSet<>();
            now.pending().get(org.id).forEach(i -> pendingShown.add(
                    i.id() + " " + i.email() + " " + i.role() + " " + i.status() + " " + i.expiresAt()));
            Set<String> pendingModel = new HashSet<>();
            invitations.stream().filter(i -> i.organization == org && i.stored == InvitationStatus.PENDING)
                    .forEach(i -> pendingModel.add(i.id + " " + i.email + " " + i.role + " " + i.statusAt(at)
                            + " " + i.expiresAt));
            checker.check(pendingShown.equals(pendingModel), () ->
                    org + " lists pending " + pendingShown + " but the model has " + pendingModel);
            checker.check(now.trails().get(org.id).size() == org.auditEvents, () -> org + " has "
                    + now.trails().get(org.id).size() + " audit events but the model counted " + org.auditEvents);
            if (org.deleted) {
                // Invariant: a deleted organization leaves its members' overview (R13).
                for (UserId member : org.members.keySet()) {
                    List<AccountSummary> overview = now.overviews().get(member);
                    checker.check(overview == null || overview.stream().noneMatch(a -> a.accountId().equals(org.id)),
                            () -> "the overview of " + member + " still shows the deleted " + org);
                }
            }
            for (Map.Entry<UserId, Member> member : org.deleted ? Map.<UserId, Member>of().entrySet()
                    : org.members.entrySet()) {
                List<AccountSummary> overview = now.overviews().get(member.getKey());
                if (overview != null) {
                    checker.check(overview.stream().anyMatch(a -> a.accountId().equals(org.id)
                                    && a.role().equals(Optional.of(member.getValue().role()))), () ->
                            "the overview of " + member.getKey() + " misses " + org + ": " + overview);
                }
            }
        }
        personal.forEach((owner, id) -> {
            checker.check(now.trails().get(id).size() == 1, () -> "the personal account of " + owner + " has "
                    + now.trails().get(id).size() + " audit events, not 1");
            long orgsOfOwner = organizations.stream().filter(o -> !o.deleted && o.members.containsKey(owner)).count();
            checker.check(now.overviews().get(owner).size() == orgsOfOwner + 1, () ->
                    "the overview of " + owner + " has " + now.overviews().get(owner).size() + " accounts, not "
                            + (orgsOfOwner + 1));
        });
        for (UserPrincipal user : World.USERS) {
            Optional<AccountId> expected = Optional.ofNullable(active.get(user.userId()));
            checker.check(now.active().get(user.userId()).equals(expected), () -> "the active account of "
                    + user.userId() + " is " + now.active().get(user.userId()) + " but the model has " + expected);
        }
    }

    @Override
    public String toString() {
        return organizations.toString();
    }
}
