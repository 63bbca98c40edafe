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
import dev.orgkit.member.Membership;
import dev.orgkit.member.Role;
import dev.orgkit.support.SupportAction;
import dev.orgkit.support.SupportRequest;
import dev.orgkit.support.SupportRequestStatus;
import java.time.Duration;
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

    Workload(Worker worker, OrgKit kit, SplittableRandom random, int thread) {
        this.worker = worker;
        this.kit = kit;
        this.random = random;
        this.outcomes = new Outcomes(worker.journal, String.valueOf(thread));
        this.agent = Principal.support("agent-" + worker.process);
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
        Population.Org org = pick(worker.organizations);
        List<Membership> members = kit.members().list(agent, org.id(), PageRequest.first(200)).items();
        List<Membership> admins = members.stream().filter(m -> m.role() == Role.ADMIN).toList();
        UserPrincipal actor = random.nextInt(100) < 85 && !admins.isEmpty()
                ? principal(pick(admins)) : Population.user(random.nextInt(worker.settings.users()));
        int roll = random.nextInt(100);
        if (roll < 20) {
            invite(org, actor);
        } else if (roll < 36) {
            answer(true);
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
