package dev.orgkit.tck;

import dev.orgkit.AccessDeniedException;
import dev.orgkit.ConflictException;
import dev.orgkit.InvalidInputException;
import dev.orgkit.NotFoundException;
import dev.orgkit.OrgKit;
import dev.orgkit.OrgKitException;
import dev.orgkit.Principal;
import dev.orgkit.UserId;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.AccountId;
import dev.orgkit.member.Role;
import dev.orgkit.policy.DenialCode;
import dev.orgkit.spi.Storage;
import dev.orgkit.tck.Model.Member;
import dev.orgkit.tck.Model.ModelOrganization;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Runs a sequence of {@link Step}s on a kit and checks, after every step, the invariants of
 * orgkit through its public API, and that the kit agrees with a {@link Model} of the expected state.
 *
 * <p>For each step the model says whether the command must succeed or which refusals are
 * acceptable, grouped the way the library decides: invalid input first, then whether the principal
 * may act on the account at all (R9, R1, R2), then the command's own rules. The steps themselves
 * live with their feature ({@link AccountSteps}, {@link MemberSteps}, {@link InvitationSteps});
 * this class picks who acts on what, runs each command, and checks what it did. One world per run;
 * not thread-safe.
 */
final class World {
    /** An account id that no storage ever assigns. */
    static final AccountId UNKNOWN = AccountId.of("org_unknown_to_everyone");
    /** The refusal code the model uses for an {@link InvalidInputException}. */
    static final String INVALID_INPUT = "INVALID_INPUT";

    /** The principals who act: six users, one who shares the first one's verified email, and an outsider. */
    static final List<UserPrincipal> USERS = List.of(
            Principal.user("u-s0", "s0@example.com"), Principal.user("u-s1", "s1@example.com"),
            Principal.user("u-s2", "s2@example.com"), Principal.user("u-s3", "s3@example.com"),
            Principal.user("u-s4", "s4@example.com"), Principal.user("u-s5", "s5@example.com"),
            Principal.user("u-twin", "s0@example.com"), Principal.user("u-outsider", "outsider@example.com"));

    /** What went wrong, at which step, and what happened up to it. */
    record Failure(int step, String message, List<String> transcript) {
        String describe() {
            return message + "\n  transcript:\n    " + String.join("\n    ", transcript);
        }
    }

    final OrgKit kit;
    final MutableClock clock;
    final RecordingMailer mailer;
    final Model model = new Model();
    final Checker checker = new Checker();
    final Map<UserId, UserPrincipal> byId = new HashMap<>();
    private final Rig rig;
    private final AccountSteps accountSteps;
    private final MemberSteps memberSteps;
    private final InvitationSteps invitationSteps;

    private final List<String> transcript = new ArrayList<>();
    private String current = "";
    private Observation last;

    private World(Rig rig, Storage storage, long seed) {
        this.rig = rig;
        this.clock = rig.reset(storage, seed);
        this.mailer = rig.mailer();
        this.kit = rig.kit();
        USERS.forEach(user -> byId.put(user.userId(), user));
        this.accountSteps = new AccountSteps(this);
        this.memberSteps = new MemberSteps(this);
        this.invitationSteps = new InvitationSteps(this);
        this.last = observe();
    }

    /** Runs {@code steps} with {@code rig} on {@code storage} (fresh and empty); the first failure, if any. */
    static Optional<Failure> run(Rig rig, Storage storage, long seed, List<Step> steps) {
        World world = null;
        try {
            world = new World(rig, storage, seed);
            for (Step next : steps) {
                world.checker.next();
                world.apply(next);
            }
            return Optional.empty();
        } catch (AssertionError | RuntimeException e) {
            String message = e instanceof AssertionError ? e.getMessage() : "unexpected " + e;
            return Optional.of(new Failure(world == null ? 0 : world.checker.step(), message,
                    world == null ? List.of() : List.copyOf(world.transcript)));
        }
    }

    private void apply(Step next) {
        current = next.getClass().getSimpleName();
        if (next instanceof Step.CreateOrganization s) {
            accountSteps.createOrganization(s);
        } else if (next instanceof Step.OpenPersonal s) {
            accountSteps.openPersonal(s);
        } else if (next instanceof Step.Invite s) {
            invitationSteps.invite(s);
        } else if (next instanceof Step.Accept s) {
            invitationSteps.accept(s);
        } else if (next instanceof Step.ChangeRole s) {
            memberSteps.changeRole(s);
        } else if (next instanceof Step.Remove s) {
            memberSteps.remove(s);
        } else if (next instanceof Step.Leave s) {
            accountSteps.leave(s);
        } else if (next instanceof Step.UpdateProfile s) {
            accountSteps.updateProfile(s);
        } else if (next instanceof Step.SwitchTo s) {
            accountSteps.switchTo(s);
        } else if (next instanceof Step.Preview s) {
            invitationSteps.preview(s);
        } else if (next instanceof Step.Delete s) {
            accountSteps.delete(s);
        } else if (next instanceof Step.Restore s) {
            accountSteps.restore(s);
        } else if (next instanceof Step.Wait s) {
            clock.advance(Duration.ofHours(s.hours()));
            transcript.add("#" + checker.step() + " " + s.hours() + " hours pass");
            Observation now = observe();
            now.checkInvariantsSince(last, model.personal, checker);
            model.compare(now, clock.instant(), checker);
            last = now;
        } else {
            throw new AssertionError("unknown step " + next);
        }
    }

    // ---- who acts on what ----

    /** How the acting principal stands toward the account the step names. */
    enum Access {
        /** Unknown, someone else's personal account, or an organization the actor is not in. */
        HIDDEN,
        /** The actor's own personal account. */
        OWN_PERSONAL,
        /** A MEMBER of the organization. */
        MEMBER,
        /** An ADMIN of the organization. */
        ADMIN
    }

    /** Who acts, on which account, how they stand toward it, and the model of it if it is an organization. */
    record Target(UserPrincipal actor, AccountId account, Access access, @Nullable ModelOrganization org) {
        String describe() {
            return actor.userId() + " on " + (org != null ? org.toString()
                    : access == Access.OWN_PERSONAL ? "own personal account" : "hidden account " + account);
        }
    }

    /** The user a raw choice names. */
    static UserPrincipal user(int choice) {
        return USERS.get(Math.floorMod(choice, USERS.size()));
    }

    /**
     * Resolves an actor and an account from raw choices: one time in five a personal account (the
     * actor's or someone else's) or an unknown id; otherwise an organization, acted on by one of
     * its admins (half the time), one of its members, or anyone.
     */
    Target target(int actorChoice, int accountChoice) {
        UserPrincipal anyone = user(actorChoice);
        int kind = Math.floorMod(accountChoice, 20);
        if (kind <= 2) {
            UserPrincipal owner = kind < 2 ? anyone : user(accountChoice / 20);
            AccountId id = model.personal.get(owner.userId());
            if (id == null) {
                return new Target(anyone, UNKNOWN, Access.HIDDEN, null);
            }
            return new Target(anyone, id, owner.equals(anyone) ? Access.OWN_PERSONAL : Access.HIDDEN, null);
        }
        if (kind == 3 || model.organizations.isEmpty()) {
            return new Target(anyone, UNKNOWN, Access.HIDDEN, null);
        }
        ModelOrganization org = model.organizations.get(Math.floorMod(accountChoice / 20, model.organizations.size()));
        int bias = Math.floorMod(actorChoice / 10, 8);
        UserPrincipal actor = anyone;
        if (bias < 4) {
            actor = pick(org.ids(true), actorChoice).orElse(anyone);
        } else if (bias < 6) {
            actor = pick(org.ids(false), actorChoice).orElse(anyone);
        }
        Member membership = org.deleted ? null : org.members.get(actor.userId());
        Access access = membership == null ? Access.HIDDEN : membership.role() == Role.ADMIN ? Access.ADMIN : Access.MEMBER;
        return new Target(actor, org.id, access, org);
    }

    /** One of {@code ids}, by a raw choice; empty if there is none. */
    Optional<UserPrincipal> pick(List<UserId> ids, int choice) {
        return ids.isEmpty() ? Optional.empty() : Optional.of(byId.get(ids.get(Math.floorMod(choice, ids.size()))));
    }

    /**
     * The user a command is aimed at: mostly a MEMBER of the organization other than the actor
     * (whom admins may promote and remove), sometimes any member, sometimes anyone.
     */
    UserId aimedAt(int choice, Target t) {
        ModelOrganization org = t.org();
        int kind = Math.floorMod(choice, 4);
        if (org != null && !org.members.isEmpty() && kind != 0) {
            List<UserId> members = org.members.entrySet().stream()
                    .filter(e -> kind == 1 || (e.getValue().role() == Role.MEMBER && !e.getKey().equals(t.actor().userId())))
                    .map(Map.Entry::getKey)
                    .toList();
            List<UserId> pool = members.isEmpty() ? org.ids(false) : members;
            return pool.get(Math.floorMod(choice / 4, pool.size()));
        }
        return user(choice / 4).userId();
    }

    // ---- expectations ----

    /**
     * The refusal for a principal who may not do an admin's command on the account at all:
     * NOT_FOUND when it is hidden (R9), {@code onOwnPersonal} on the actor's personal account,
     * ADMIN_ROLE_REQUIRED for a MEMBER (R2); empty when an admin acts.
     */
    static Set<String> access(Target t, DenialCode onOwnPersonal) {
        if (t.access() == Access.MEMBER) {
            return Set.of(DenialCode.ADMIN_ROLE_REQUIRED.name());
        }
        return memberAccess(t, onOwnPersonal);
    }

    /** As {@link #access}, for a command that members may do too (leaving). */
    static Set<String> memberAccess(Target t, DenialCode onOwnPersonal) {
        switch (t.access()) {
            case HIDDEN:
                return Set.of(DenialCode.NOT_FOUND.name());
            case OWN_PERSONAL:
                return Set.of(onOwnPersonal.name());
            default:
                return Set.of();
        }
    }

    /** The codes of the rules a command breaks (nulls are rules it keeps); any of them is a right answer. */
    static Set<String> rules(@Nullable DenialCode... broken) {
        Set<String> codes = new LinkedHashSet<>();
        for (DenialCode code : broken) {
            if (code != null) {
                codes.add(code.name());
            }
        }
        return codes;
    }

    // ---- running a command ----

    /**
     * Runs one command and checks it: it succeeds exactly when the model expects it to (an empty
     * {@code refusals}), a refusal carries one of the expected codes, nothing but an
     * {@link OrgKitException} is ever thrown, a refused command changes nothing observable, and
     * after it every invariant holds and the kit agrees with the model.
     */
    <T> void attempt(String description, Set<String> refusals, Supplier<T> command, Consumer<T> onSuccess) {
        String line = "#" + checker.step() + " " + description;
        T result = null;
        String refusal = null;
        try {
            result = command.get();
        } catch (OrgKitException e) {
            refusal = code(e);
        } catch (RuntimeException e) {
            transcript.add(line + " -> threw " + e);
            throw new AssertionError(line + ": threw " + e + ", which is not an OrgKitException", e);
        }
        rig.count(current + (refusal == null ? " done" : " refused " + refusal));
        transcript.add(line + " -> " + (refusal == null ? "done" : "refused " + refusal)
                + (refusals.isEmpty() ? "" : " (expected one of " + refusals + ")"));
        if (refusal == null && !refusals.isEmpty()) {
            checker.fail(line + ": succeeded, but the model expected a refusal with one of " + refusals);
        }
        if (refusal != null && refusals.isEmpty()) {
            checker.fail(line + ": refused with " + refusal + ", but the model expected it to succeed");
        }
        if (refusal != null && !refusals.contains(refusal)) {
            checker.fail(line + ": refused with " + refusal + ", but the model expected one of " + refusals);
        }
        if (refusal == null) {
            onSuccess.accept(result);
        }
        Observation now = observe();
        now.checkInvariantsSince(last, model.personal, checker);
        if (refusal != null && !now.equals(last)) {
            checker.fail(line + ": was refused but changed observable state:\n  before " + last + "\n  after  " + now);
        }
        model.compare(now, clock.instant(), checker);
        last = now;
    }

    private static String code(OrgKitException e) {
        if (e instanceof InvalidInputException) {
            return INVALID_INPUT;
        }
        if (e instanceof AccessDeniedException denied) {
            return denied.code().name();
        }
        if (e instanceof ConflictException conflict) {
            return conflict.code().name();
        }
        if (e instanceof NotFoundException notFound) {
            return notFound.code().name();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private Observation observe() {
        return Observation.of(kit, model, byId, mailer, checker);
    }

    /** For ad-hoc debugging of a replay: the model's view of the organizations. */
    @Override
    public String toString() {
        return "World" + model + " at " + clock.instant();
    }
}
