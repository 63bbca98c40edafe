package dev.orgkit.tck;

import static dev.orgkit.tck.ContractFixture.OBSERVER;
import static dev.orgkit.tck.ContractFixture.all;

import dev.orgkit.AccessDeniedException;
import dev.orgkit.NotFoundException;
import dev.orgkit.OrgKit;
import dev.orgkit.PageRequest;
import dev.orgkit.UserId;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.AccountContext;
import dev.orgkit.account.AccountId;
import dev.orgkit.account.AccountSummary;
import dev.orgkit.account.Organization;
import dev.orgkit.apikey.KeyVerification;
import dev.orgkit.audit.AuditEvent;
import dev.orgkit.invitation.Invitation;
import dev.orgkit.member.Membership;
import dev.orgkit.member.Role;
import dev.orgkit.policy.DenialCode;
import dev.orgkit.tck.Model.ModelOrganization;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a host can observe of the accounts a {@link World} created, read through the public API.
 *
 * @param profiles each organization
 * @param members each organization's members, by user id
 * @param pending each organization's pending invitations (expired ones too), by id
 * @param trails each account's audit trail, newest first
 * @param active each user's active account
 * @param overviews the overview of each user who has a personal account
 * @param mails how many invitation mails were handed to the mailer
 */
record Observation(
        Map<AccountId, Organization> profiles,
        Map<AccountId, List<Membership>> members,
        Map<AccountId, List<Invitation>> pending,
        Map<AccountId, List<AuditEvent>> trails,
        Map<UserId, Optional<AccountId>> active,
        Map<UserId, List<AccountSummary>> overviews,
        int mails) {

    /**
     * Reads what the kit shows of the model's accounts, checking on the way the invariants that only
     * a read can show: every organization has an admin (R6); a personal account has no members and
     * no invitations (R1).
     */
    static Observation of(OrgKit kit, Model model, Map<UserId, UserPrincipal> byId, RecordingMailer mailer,
            Checker checker) {
        Map<AccountId, Organization> profiles = new LinkedHashMap<>();
        Map<AccountId, List<Membership>> members = new LinkedHashMap<>();
        Map<AccountId, List<Invitation>> pending = new LinkedHashMap<>();
        Map<AccountId, List<AuditEvent>> trails = new LinkedHashMap<>();
        for (ModelOrganization org : model.organizations) {
            profiles.put(org.id, kit.organizations().get(OBSERVER, org.id));
            List<Membership> list = all(page -> kit.members().list(OBSERVER, org.id, page));
            members.put(org.id, list);
            // Invariant: every organization has at least one admin (R6).
            UserPrincipal admin = list.stream().filter(m -> m.role() == Role.ADMIN).findFirst()
                    .map(m -> byId.get(m.userId()))
                    .orElseThrow(() -> new AssertionError("step " + checker.step() + ": " + org + " has no admin: "
                            + list));
            if (org.deleted) {
                pending.put(org.id, List.of());
                checkDeleted(kit, model, org, list, byId, checker);
            } else {
                pending.put(org.id, all(page -> kit.invitations().pending(admin, org.id, page)).stream()
                        .sorted(Comparator.comparing(Invitation::id)).toList());
            }
            // Invariant: a key revoked by a delete stays revoked, also once the organization is restored (R13).
            for (String secret : org.revokedKeys) {
                KeyVerification.Code code = kit.apiKeys().verify(secret).code();
                checker.check(code == KeyVerification.Code.REVOKED, () -> "a key of " + org
                        + " revoked by its deletion verifies " + code);
            }
            trails.put(org.id, all(page -> kit.audit().list(OBSERVER, org.id, page)));
        }
        Map<UserId, List<AccountSummary>> overviews = new LinkedHashMap<>();
        model.personal.forEach((owner, id) -> {
            UserPrincipal user = byId.get(owner);
            trails.put(id, all(page -> kit.audit().list(OBSERVER, id, page)));
            // Invariant: a personal account has no members and no invitations (R1).
            checker.check(kit.members().list(user, id, PageRequest.first(10)).items().isEmpty(), () ->
                    "the personal account of " + owner + " has members");
            try {
                kit.invitations().pending(user, id, PageRequest.first(10));
                checker.fail("the personal account of " + owner + " lists pending invitations");
            } catch (AccessDeniedException e) {
                checker.check(e.code() == DenialCode.PERSONAL_ACCOUNT_CANNOT_HAVE_MEMBERS, () ->
                        "pending of a personal account: " + e);
            }
            overviews.put(owner, kit.accounts().overview(user));
        });
        Map<UserId, Optional<AccountId>> actives = new LinkedHashMap<>();
        for (UserPrincipal user : World.USERS) {
            actives.put(user.userId(), kit.accounts().active(user).map(AccountContext::accountId));
        }
        return new Observation(profiles, members, pending, trails, actives, overviews, mailer.sent().size());
    }

    /**
     * The invariants of a deleted organization (R13, R9): no member sees it or its members, no
     * invitation link of it opens (so none is pending), and (checked by the caller) no key of it works.
     */
    private static void checkDeleted(OrgKit kit, Model model, ModelOrganization org, List<Membership> members,
            Map<UserId, UserPrincipal> byId, Checker checker) {
        for (Membership member : members) {
            UserPrincipal user = byId.get(member.userId());
            checker.check(notFound(() -> kit.organizations().get(user, org.id)), () -> member.userId()
                    + " still sees the deleted " + org);
            checker.check(notFound(() -> kit.members().list(user, org.id, PageRequest.first(10))), () ->
                    member.userId() + " still sees the members of the deleted " + org);
        }
        model.invitations.stream().filter(i -> i.organization == org).forEach(invitation ->
                checker.check(notFound(() -> kit.invitations().preview(invitation.token)), () ->
                        "the link of " + invitation.email + " to the deleted " + org + " still opens"));
    }

    private static boolean notFound(Runnable read) {
        try {
            read.run();
            return false;
        } catch (NotFoundException e) {
            return true;
        }
    }

    /**
     * The invariants, checked on what the kit shows, whatever the model says: every organization
     * has an admin; nobody is twice in one organization or twice in an overview; a membership's
     * email never changes while it lasts; an overview starts with the personal account.
     */
    void checkInvariantsSince(Observation before, Map<UserId, AccountId> personal, Checker checker) {
        members.forEach((org, list) -> {
            checker.check(list.stream().anyMatch(m -> m.role() == Role.ADMIN), () -> org + " has no admin");
            Set<UserId> seen = new HashSet<>();
            for (Membership m : list) {
                checker.check(seen.add(m.userId()), () -> m.userId() + " has two memberships in " + org);
                before.members().getOrDefault(org, List.of()).stream()
                        .filter(earlier -> earlier.userId().equals(m.userId())
                                && earlier.joinedAt().equals(m.joinedAt()))
                        .forEach(earlier -> checker.check(earlier.email().equals(m.email()), () ->
                                "the email of " + m.userId() + " in " + org + " changed from " + earlier.email()
                                        + " to " + m.email()));
            }
        });
        overviews.forEach((user, overview) -> {
            checker.check(overview.stream().map(AccountSummary::accountId).distinct().count() == overview.size(), () ->
                    "the overview of " + user + " lists an account twice: " + overview);
            checker.check(!overview.isEmpty() && overview.get(0).accountId().equals(personal.get(user)), () ->
                    "the overview of " + user + " does not start with the personal account: " + overview);
        });
    }
}
