package dev.orgkit.reliability;

import dev.orgkit.OrgKit;
import dev.orgkit.OrgKitException;
import dev.orgkit.PageRequest;
import dev.orgkit.Principal;
import dev.orgkit.SupportPrincipal;
import dev.orgkit.UserPrincipal;
import dev.orgkit.apikey.ApiKey;
import dev.orgkit.apikey.NewApiKey;
import dev.orgkit.invitation.Invitation;
import dev.orgkit.invitation.InviteOutcome;
import dev.orgkit.invitation.InviteRequest;
import dev.orgkit.invitation.IssuedInvitation;
import dev.orgkit.member.Membership;
import dev.orgkit.member.Role;
import dev.orgkit.plan.Plan;
import dev.orgkit.support.SupportAction;
import dev.orgkit.support.SupportRequest;
import dev.orgkit.support.SupportRequestStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One command thread of a worker: picks a shared organization, reads its members (as support
 * would), and runs one random command as one of its admins (mostly) or as anyone (to be refused),
 * journaling it through {@link Outcomes}. Invitees accept and decline with the links they find in
 * the harness's mailbox, whichever process delivered them.
 */
final class Workload {
    private final Worker worker;
    private final OrgKit kit;
    private final SplittableRandom random;
    private final Outcomes outcomes;
    private final SupportPrincipal agent;
    private final int thread;
    private final ErasureCycle erasure;

    Workload(Worker worker, OrgKit kit, SplittableRandom random, int thread) {
        this.worker = worker;
        this.thread = thread;
        this.kit = kit;
        this.random = random;
        this.outcomes = new Outcomes(worker.journal, String.valueOf(thread));
        this.agent = Principal.support("agent-" + worker.process);
        this.erasure = new ErasureCycle(worker, kit, random, outcomes, thread);
    }

    void loop() {
        while (worker.running()) {
            try {
                step();
            } catch (OrgKitException e) {
                // A read before the command failed (a terminated backend, a membership that just ended): pick again.
            }
            Worker.pause(random.nextInt(1, 15));
        }
    }

    private void step() {
        if (worker.lifecycle.isPresent() && random.nextInt(100) < 4) {
            lifecycle(worker.lifecycle.get());
            return;
        }
        if (worker.erasure.size() == 2 && random.nextInt(100) < 1) {
            erasure.run(worker.erasure.get(0), worker.erasure.get(1));
            return;
        }
        Population.Org org = pick(worker.organizations);
        List<Membership> members = kit.members().list(agent, org.id(), PageRequest.first(200)).items();
        List<Membership> admins = members.stream().filter(m -> m.role() == Role.ADMIN).toList();
        UserPrincipal actor = random.nextInt(100) < 85 && !admins.isEmpty()
                ? principal(pick(admins)) : Population.user(random.nextInt(worker.settings.users()));
        int roll = random.nextInt(100);
        if (roll == 99) {
            assignPlan(org);
        } else if (roll < 14) {
            invite(org, actor);
        } else if (roll < 18) {
            inviteAll(org, actor);
        } else if (roll < 20) {
            inviteWithLink(org, actor);
        } else if (roll < 36) {
            if (random.nextInt(4) == 0 && !worker.links.isEmpty()) {
                answerLink(random.nextInt(3) > 0);
            } else {
                answer(true);
            }
        } else if (roll < 40) {
            answer(false);
        } else if (roll < 50) {
            manageInvitation(org, actor, random.nextInt(3) < 2);
        } else if (roll < 60) {
            changeRole(org, actor, members);
        } else if (roll < 66) {
            remove(org, actor, members);
        } else if (roll < 70) {
            leave(org, members);
        } else if (roll < 75) {
            requestSupport(org, actor, admins);
        } else if (roll < 80) {
            decideSupport();
        } else if (roll < 87) {
            outcomes.run("KEY_CREATE", AuditKeys.keyCreated(org.id(), actor.userId()),
                    () -> kit.apiKeys().create(actor, org.id(), new NewApiKey("rel")),
                    created -> {
                        worker.own(created.apiKey().id().value(), created.secret());
                        return created.apiKey().id().value();
                    });
        } else {
            manageKey(org, actor, roll < 93);
        }
    }

    private void invite(Population.Org org, UserPrincipal actor) {
        String email = Population.user(random.nextInt(worker.settings.users())).verifiedEmail().value();
        Role role = random.nextInt(4) == 0 ? Role.ADMIN : Role.MEMBER;
        outcomes.run("INVITE", AuditKeys.invited(org.id(), actor.userId(), email),
                () -> kit.members().invite(actor, org.id(), email, role), invitation -> invitation.id().value());
    }

    /**
     * Invites 2 to 5 rows at once; about a third of the rows repeat an earlier row's address (invalid
     * in the batch), and others hit members or pending invitations (refused): each row is journaled
     * with its own audit key and outcome.
     */
    private void inviteAll(Population.Org org, UserPrincipal actor) {
        int size = random.nextInt(2, 6);
        List<InviteRequest> rows = new ArrayList<>(size);
        List<String> keys = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            String email = i > 0 && random.nextInt(3) == 0
                    ? rows.get(random.nextInt(i)).email()
                    : Population.user(random.nextInt(worker.settings.users())).verifiedEmail().value();
            rows.add(new InviteRequest(email, random.nextInt(4) == 0 ? Role.ADMIN : Role.MEMBER));
            keys.add(AuditKeys.invited(org.id(), actor.userId(), email));
        }
        outcomes.runRows("INVITE_ALL", keys, () -> {
            List<Outcomes.Row> ends = new ArrayList<>(size);
            for (InviteOutcome row : kit.members().inviteAll(actor, org.id(), rows).outcomes()) {
                ends.add(row.invitation().map(i -> Outcomes.Row.done(i.id().value()))
                        .orElseGet(() -> Outcomes.Row.refused(row.refusal().map(Enum::name).orElse("INVALID_INPUT"))));
            }
            return ends;
        });
    }

    /** Invites with a link the process keeps in memory (no mail); it may accept or decline with it later. */
    private void inviteWithLink(Population.Org org, UserPrincipal actor) {
        String email = Population.user(random.nextInt(worker.settings.users())).verifiedEmail().value();
        Role role = random.nextInt(4) == 0 ? Role.ADMIN : Role.MEMBER;
        outcomes.run("INVITE_WITH_LINK", AuditKeys.invitedWithLink(org.id(), actor.userId(), email),
                () -> kit.members().inviteWithLink(actor, org.id(), email, role),
                (IssuedInvitation issued) -> {
                    worker.links.add(new Worker.Link(issued.invitation().id().value(), email, issued.token()));
                    if (worker.links.size() > 200) {
                        worker.links.remove(0);
                    }
                    return issued.invitation().id().value();
                });
    }

    /** Follows a link this process issued: mostly the invitee, sometimes someone else (refused: R8). */
    private void answerLink(boolean accept) {
        Worker.Link link;
        try {
            link = worker.links.get(random.nextInt(worker.links.size()));
        } catch (IndexOutOfBoundsException trimmedMeanwhile) {
            return;
        }
        UserPrincipal invitee = random.nextInt(10) < 9
                ? Population.userOf(link.email()) : Population.user(random.nextInt(worker.settings.users()));
        if (accept) {
            outcomes.run("ACCEPT_LINK", AuditKeys.accepted(invitee.userId(), link.invitationId()),
                    () -> kit.invitations().accept(invitee, link.token()), membership -> membership.role().name());
        } else {
            outcomes.run("DECLINE_LINK", AuditKeys.declined(invitee.userId(), link.invitationId()),
                    () -> kit.invitations().decline(invitee, link.token()));
        }
    }

    /**
     * The host's billing changes the organization's seats (a trusted call): 3 (below what a busy
     * organization uses, so that new invitations and acceptances are refused until seats free up),
     * 6, 10 or unlimited.
     */
    private void assignPlan(Population.Org org) {
        int choice = random.nextInt(4);
        Plan plan = choice == 3 ? Plan.unlimited() : Plan.unlimited().seats(new int[] {3, 6, 10}[choice]);
        outcomes.run("PLAN_ASSIGNED", AuditKeys.planAssigned(org.id(), seatsOf(plan)),
                () -> kit.plans().assign(org.id(), plan), Workload::seatsOf);
    }

    /**
     * The organization apart: its sole admin creates keys (which the verify threads use) and invites
     * members, deletes it (revoking its keys and pending invitations), and support restores it.
     */
    private void lifecycle(Population.Org org) {
        UserPrincipal founder = Population.lifecycleFounder(worker.settings.users());
        int roll = random.nextInt(10);
        if (roll < 4) {
            outcomes.run("KEY_CREATE", AuditKeys.keyCreated(org.id(), founder.userId()),
                    () -> kit.apiKeys().create(founder, org.id(), new NewApiKey("life")),
                    created -> {
                        worker.own(created.apiKey().id().value(), created.secret());
                        return created.apiKey().id().value();
                    });
        } else if (roll < 6) {
            String email = Population.user(random.nextInt(worker.settings.users())).verifiedEmail().value();
            outcomes.run("INVITE", AuditKeys.invited(org.id(), founder.userId(), email),
                    () -> kit.members().invite(founder, org.id(), email, Role.MEMBER), i -> i.id().value());
        } else if (roll < 8) {
            outcomes.run("DELETE_ORGANIZATION", AuditKeys.organizationDeleted(org.id(), founder.userId()),
                    () -> kit.organizations().delete(founder, org.id(), org.name()));
        } else {
            outcomes.run("RESTORE_ORGANIZATION", AuditKeys.organizationRestored(org.id(), agent.agentId()),
                    () -> kit.support().restoreOrganization(agent, org.id(), "T-" + random.nextInt(1000)),
                    o -> o.id().value());
        }
    }

    /** The seats of a plan as its audit event names them. */
    static String seatsOf(Plan plan) {
        return plan.seats().isPresent() ? Integer.toString(plan.seats().getAsInt()) : "unlimited";
    }

    /** Follows a link from the mailbox: mostly the invitee, sometimes someone else (refused: R8). */
    private void answer(boolean accept) {
        List<Mailbox.Mail> mails = worker.mailbox.recent();
        if (mails.isEmpty()) {
            worker.mailbox.poll();
            return;
        }
        Mailbox.Mail mail = mails.get(mails.size() - 1 - random.nextInt(Math.min(mails.size(), 200)));
        UserPrincipal invitee = random.nextInt(10) < 9
                ? Population.userOf(mail.recipient()) : Population.user(random.nextInt(worker.settings.users()));
        if (accept) {
            outcomes.run("ACCEPT", AuditKeys.accepted(invitee.userId(), mail.invitationId()),
                    () -> kit.invitations().accept(invitee, mail.token()), membership -> membership.role().name());
        } else {
            outcomes.run("DECLINE", AuditKeys.declined(invitee.userId(), mail.invitationId()),
                    () -> kit.invitations().decline(invitee, mail.token()));
        }
    }

    private void manageInvitation(Population.Org org, UserPrincipal actor, boolean resend) {
        List<Invitation> pending;
        try {
            pending = kit.invitations().pending(actor, org.id(), PageRequest.first(50)).items();
        } catch (OrgKitException notAnAdmin) {
            return;
        }
        if (pending.isEmpty()) {
            return;
        }
        Invitation invitation = pick(pending);
        String id = invitation.id().value();
        if (resend) {
            outcomes.run("RESEND", AuditKeys.resent(actor.userId(), id),
                    () -> kit.invitations().resend(actor, invitation.id()), i -> i.status().name());
        } else {
            outcomes.run("REVOKE_INVITATION", AuditKeys.invitationRevoked(actor.userId(), id),
                    () -> kit.invitations().revoke(actor, invitation.id()), i -> i.status().name());
        }
    }

    private void changeRole(Population.Org org, UserPrincipal actor, List<Membership> members) {
        if (members.isEmpty()) {
            return;
        }
        Membership target = pick(members);
        Role newRole = target.role() == Role.MEMBER ? Role.ADMIN : Role.MEMBER;
        outcomes.run("CHANGE_ROLE", AuditKeys.roleChanged(org.id(), actor.userId(), target.userId(), newRole),
                () -> kit.members().changeRole(actor, org.id(), target.userId(), newRole), m -> m.role().name());
    }

    private void remove(Population.Org org, UserPrincipal actor, List<Membership> members) {
        if (members.isEmpty()) {
            return;
        }
        Membership target = pick(members);
        String typed = random.nextInt(10) < 9 ? target.email().value() : "someone@else.example";
        outcomes.run("REMOVE", AuditKeys.removed(org.id(), actor.userId(), target.userId()),
                () -> kit.members().remove(actor, org.id(), target.userId(), typed));
    }

    private void leave(Population.Org org, List<Membership> members) {
        if (members.isEmpty()) {
            return;
        }
        UserPrincipal leaver = principal(pick(members));
        String typed = random.nextInt(10) < 9 ? org.name() : "not the name";
        outcomes.run("LEAVE", AuditKeys.left(org.id(), leaver.userId()),
                () -> kit.organizations().leave(leaver, org.id(), typed));
    }

    private void requestSupport(Population.Org org, UserPrincipal actor, List<Membership> admins) {
        if (admins.isEmpty()) {
            return;
        }
        Membership target = pick(admins);
        SupportAction action = random.nextBoolean() ? SupportAction.DEMOTE_ADMIN : SupportAction.REMOVE_ADMIN;
        outcomes.run("SUPPORT_REQUEST",
                AuditKeys.supportRequested(org.id(), actor.userId(), target.userId(), action),
                () -> kit.support().request(actor, org.id(), action, target.userId(), "moved to another team"),
                request -> request.id().value());
    }

    private void decideSupport() {
        List<SupportRequest> queue = kit.support().queue(agent, SupportRequestStatus.PENDING, PageRequest.first(20))
                .items();
        if (queue.isEmpty()) {
            return;
        }
        SupportRequest request = pick(queue);
        String id = request.id().value();
        if (random.nextInt(10) < 7) {
            outcomes.run("SUPPORT_APPROVE", AuditKeys.approved(agent.agentId(), id),
                    () -> kit.support().approve(agent, request.id(), "T-" + random.nextInt(1000)),
                    r -> r.status().name());
        } else {
            outcomes.run("SUPPORT_REJECT", AuditKeys.rejected(agent.agentId(), id),
                    () -> kit.support().reject(agent, request.id(), "T-" + random.nextInt(1000), "still needed"),
                    r -> r.status().name());
        }
    }

    private void manageKey(Population.Org org, UserPrincipal actor, boolean roll) {
        List<ApiKey> keys;
        try {
            keys = kit.apiKeys().list(actor, org.id(), PageRequest.first(200)).items();
        } catch (OrgKitException notAMember) {
            return;
        }
        List<ApiKey> active = keys.stream().filter(k -> !k.isRevoked()).toList();
        if (active.isEmpty()) {
            return;
        }
        ApiKey key = pick(active);
        String id = key.id().value();
        if (roll) {
            outcomes.run("KEY_ROLL", AuditKeys.keyRolled(actor.userId(), id),
                    () -> kit.apiKeys().roll(actor, key.id(), Duration.ofSeconds(2)),
                    created -> {
                        worker.own(created.apiKey().id().value(), created.secret());
                        return created.apiKey().id().value();
                    });
        } else {
            outcomes.run("KEY_REVOKE", AuditKeys.keyRevoked(actor.userId(), id),
                    () -> kit.apiKeys().revoke(actor, key.id()), k -> k.id().value());
        }
    }

    private static UserPrincipal principal(Membership member) {
        return Principal.user(member.userId().value(), member.email().value());
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }
}
