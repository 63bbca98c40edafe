package dev.orgkit.reliability;

import dev.orgkit.OrgKit;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.NewOrganization;
import dev.orgkit.invitation.IssuedInvitation;
import dev.orgkit.member.Role;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The erasure commands of one command thread ({@code ERASE_USER}), on the two organizations apart,
 * with users only this thread touches, so that it knows each one's state exactly and journals how
 * many {@code USER_ERASED} events each erasure writes.
 */
final class ErasureCycle {
    private final Worker worker;
    private final OrgKit kit;
    private final SplittableRandom random;
    private final Outcomes outcomes;
    private final int thread;
    /** The erasable users this thread has made so far (their ids are unique per thread and incarnation). */
    private int erasables;

    ErasureCycle(Worker worker, OrgKit kit, SplittableRandom random, Outcomes outcomes, int thread) {
        this.worker = worker;
        this.kit = kit;
        this.random = random;
        this.outcomes = outcomes;
        this.thread = thread;
    }

    /**
     * One erasable user's life, on the organizations apart, by this thread alone (so it knows the
     * user's state exactly): invited with a link into the first and accepted; in three cycles of
     * four also into the second under a work address, and left it again in one of those (so that the
     * erasure must find an address of an ended membership in the trail); in one of four the user
     * also founds an organization and a companion joins it, so that the erasure is first refused
     * ({@code LAST_ADMIN}), then the companion is promoted; then {@code ERASE_USER}, expecting one
     * {@code USER_ERASED} per membership. Afterwards, sometimes: erased again (nothing to write), or
     * invited again, joined, and erased once more. Any command that is not acknowledged (refused
     * unexpectedly, storage failure, kill) abandons the user: the next cycle takes a new one.
     */
    void run(Population.Org first, Population.Org second) {
        UserPrincipal founder = Population.erasureFounder(worker.settings.users());
        String id = "x-" + worker.name + "-" + thread + "-" + (++erasables);
        UserPrincipal home = Population.erasable(id);
        UserPrincipal work = Population.erasableAtWork(id);
        if (!join(first, founder, home)) {
            return;
        }
        int memberships = 1;
        int path = random.nextInt(4);
        if (path >= 1) {
            if (!join(second, founder, work)) {
                return;
            }
            memberships++;
            if (path == 1) {
                if (outcomes.run("LEAVE", AuditKeys.left(second.id(), work.userId()),
                        () -> {
                            kit.organizations().leave(work, second.id(), second.name());
                            return "";
                        }, r -> "").isEmpty()) {
                    return;
                }
                memberships--;
            }
        }
        if (path == 3) {
            String name = "rel-" + id;
            Optional<Population.Org> own = outcomes.run("CREATE_ORGANIZATION",
                    AuditKeys.organizationCreated(id, name),
                    () -> kit.organizations().create(home, new NewOrganization(name, name + " SAS",
                            "alerts@" + name + ".example", "billing@" + name + ".example")),
                    org -> org.id().value()).map(org -> new Population.Org(org.id(), name));
            if (own.isEmpty()) {
                return;
            }
            memberships++;
            UserPrincipal companion = Population.erasable(id + "-c");
            if (!join(own.get(), home, companion)) {
                return;
            }
            // The only admin of an organization with another member: refused, nothing written.
            if (erase(home, memberships) || outcomes.last() != Journals.Ending.REFUSED) {
                return;
            }
            if (outcomes.run("CHANGE_ROLE", AuditKeys.roleChanged(own.get().id(), home.userId(), companion.userId(),
                    Role.ADMIN), () -> kit.members().changeRole(home, own.get().id(), companion.userId(), Role.ADMIN),
                    m -> m.role().name()).isEmpty()) {
                return;
            }
        }
        if (!erase(home, memberships)) {
            return;
        }
        int after = random.nextInt(4);
        if (after == 0) {
            // Erased already: nothing to write.
            erase(home, 0);
        } else if (after == 1 && join(first, founder, home)) {
            // An erased user may be invited and join again like anyone; erased once more.
            erase(home, 1);
        }
    }

    /** Invites {@code invitee} into {@code org} with a link and accepts it; whether both were acknowledged. */
    private boolean join(Population.Org org, UserPrincipal admin, UserPrincipal invitee) {
        String email = invitee.verifiedEmail().value();
        Optional<IssuedInvitation> issued = outcomes.run("INVITE_WITH_LINK",
                AuditKeys.invitedWithLink(org.id(), admin.userId(), email),
                () -> kit.members().inviteWithLink(admin, org.id(), email, Role.MEMBER),
                i -> i.invitation().id().value());
        if (issued.isEmpty()) {
            return false;
        }
        String invitationId = issued.get().invitation().id().value();
        return outcomes.run("ACCEPT_LINK", AuditKeys.accepted(invitee.userId(), invitationId),
                () -> kit.invitations().accept(invitee, issued.get().token()), m -> m.role().name()).isPresent();
    }

    /** Erases the user, expecting {@code events} {@code USER_ERASED} events; whether it was acknowledged. */
    private boolean erase(UserPrincipal user, int events) {
        return outcomes.run("ERASE_USER", AuditKeys.userErased(user.userId()), events, () -> {
            kit.users().erase(user.userId());
            return "";
        }, r -> Integer.toString(events)).isPresent();
    }
}
