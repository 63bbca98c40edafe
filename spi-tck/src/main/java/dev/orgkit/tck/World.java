package dev.orgkit.tck;

import static dev.orgkit.tck.ContractFixture.OBSERVER;
import static dev.orgkit.tck.ContractFixture.all;

import dev.orgkit.AccessDeniedException;
import dev.orgkit.ConflictException;
import dev.orgkit.EmailAddress;
import dev.orgkit.InvalidInputException;
import dev.orgkit.NotFoundException;
import dev.orgkit.OrgKit;
import dev.orgkit.OrgKitException;
import dev.orgkit.PageRequest;
import dev.orgkit.Principal;
import dev.orgkit.UserId;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.AccountContext;
import dev.orgkit.account.AccountId;
import dev.orgkit.account.AccountSummary;
import dev.orgkit.account.NewOrganization;
import dev.orgkit.account.Organization;
import dev.orgkit.account.ProfileUpdate;
import dev.orgkit.audit.AuditEvent;
import dev.orgkit.invitation.Invitation;
import dev.orgkit.invitation.InvitationId;
import dev.orgkit.mail.InvitationMail;
import dev.orgkit.invitation.InvitationPreview;
import dev.orgkit.invitation.InvitationStatus;
import dev.orgkit.member.Membership;
import dev.orgkit.member.Role;
import dev.orgkit.policy.DenialCode;
import dev.orgkit.spi.Storage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Runs a sequence of {@link Step}s on a kit and checks, after every step, the invariants of
 * orgkit through its public API, and that the kit agrees with a model of the expected state.
 *
 * <p>The model is deliberately simple (maps of members and invitations); for each step it says
 * whether the command must succeed or which refusals are acceptable, grouped the way the library
 * decides: invalid input first, then whether the principal may act on the account at all (R9, R1,
 * R2), then the command's own rules. One world per run; not thread-safe.
 */
final class World {
    /** An account id that no storage ever assigns. */
    static final AccountId UNKNOWN = AccountId.of("org_unknown_to_everyone");
    private static final String FORGED_TOKEN = "F".repeat(43);
    private static final String INVALID_INPUT = "INVALID_INPUT";
    private static final Duration TTL = OrgKit.Builder.DEFAULT_INVITATION_TTL;

    /** The principals who act: six users, one who shares the first one's verified email, and an outsider. */
    static final List<UserPrincipal> USERS = List.of(
            Principal.user("u-s0", "s0@example.com"), Principal.user("u-s1", "s1@example.com"),
            Principal.user("u-s2", "s2@example.com"), Principal.user("u-s3", "s3@example.com"),
            Principal.user("u-s4", "s4@example.com"), Principal.user("u-s5", "s5@example.com"),
            Principal.user("u-twin", "s0@example.com"), Principal.user("u-outsider", "outsider@example.com"));
    private static final List<String> INVITEES = List.of("s0@example.com", "s1@example.com", "s2@example.com",
            "s3@example.com", "s4@example.com", "s5@example.com", "newcomer@example.com", "S1@Example.com");

    /** What went wrong, at which step, and what happened up to it. */
    record Failure(int step, String message, List<String> transcript) {
        String describe() {
            return message + "\n  transcript:\n    " + String.join("\n    ", transcript);
        }
    }

    private final OrgKit kit;
    private final MutableClock clock;
    private final RecordingMailer mailer;
    private final Map<UserId, UserPrincipal> byId = new HashMap<>();

    private final List<ModelOrganization> organizations = new ArrayList<>();
    private final List<ModelInvitation> invitations = new ArrayList<>();
    private final Map<UserId, AccountId> personal = new LinkedHashMap<>();
    private final Map<UserId, AccountId> active = new HashMap<>();

    private final List<String> transcript = new ArrayList<>();
    private final Map<String, Integer> outcomes;
    private String current = "";
    private Observation last;
    private int step;

    private World(Rig rig, Storage storage, long seed) {
        this.clock = rig.reset(storage, seed);
        this.mailer = rig.mailer;
        this.kit = rig.kit;
        this.outcomes = rig.outcomes;
        USERS.forEach(user -> byId.put(user.userId(), user));
        this.last = observe();
    }

    /** Runs {@code steps} with {@code rig} on {@code storage} (fresh and empty); the first failure, if any. */
    static Optional<Failure> run(Rig rig, Storage storage, long seed, List<Step> steps) {
        World world = null;
        try {
            world = new World(rig, storage, seed);
            for (Step next : steps) {
                world.step++;
                world.apply(next);
            }
            return Optional.empty();
        } catch (AssertionError | RuntimeException e) {
            String message = e instanceof AssertionError ? e.getMessage() : "unexpected " + e;
            return Optional.of(new Failure(world == null ? 0 : world.step, message,
                    world == null ? List.of() : List.copyOf(world.transcript)));
        }
    }

    /**
     * One kit for many runs: building a kit is slow (it builds a validator), so runs share one
     * whose storage, clock, mailer and randomness are replaced at the start of every run. A run
     * replayed with the same seed on a fresh storage sees exactly the same ids, tokens and times.
     */
    static final class Rig implements AutoCloseable {
        private final SwitchedStorage storage = new SwitchedStorage();
        private final SetClock clock = new SetClock();
        private final ReseededRandom random = new ReseededRandom();
        private RecordingMailer mailer = new RecordingMailer();
        private final OrgKit kit;
        private final Map<String, Integer> outcomes = new TreeMap<>();

        Rig() {
            this.kit = OrgKit.builder().storage(storage).clock(clock).random(random)
                    .mailer(mail -> mailer.send(mail)).build();
        }

        private MutableClock reset(Storage next, long seed) {
            storage.current = next;
            random.current = new Random(seed);
            mailer = new RecordingMailer();
            MutableClock runClock = new MutableClock(ContractFixture.START);
            clock.current = runClock;
            return runClock;
        }

        /** How often each kind of command ended each way, over every run so far: what the runs exercised. */
        String outcomes() {
            return outcomes.toString();
        }

        @Override
        public void close() {
            kit.close();
        }
    }

    /** A storage that forwards to the storage of the current run. */
    private static final class SwitchedStorage implements Storage {
        private volatile Storage current;

        @Override
        public <T> T read(java.util.function.Function<? super dev.orgkit.spi.ReadTransaction, ? extends T> work) {
            return current.read(work);
        }

        @Override
        public <T> T write(java.util.function.Function<? super dev.orgkit.spi.WriteTransaction, ? extends T> work) {
            return current.write(work);
        }
    }

    /** A clock that reads the clock of the current run. */
    private static final class SetClock extends java.time.Clock {
        private volatile MutableClock current = new MutableClock(ContractFixture.START);

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return current.instant();
        }
    }

    /** Randomness from the seeded generator of the current run. */
    private static final class ReseededRandom implements java.util.random.RandomGenerator {
        private volatile Random current = new Random(0);

        @Override
        public long nextLong() {
            return current.nextLong();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            current.nextBytes(bytes);
        }
    }

    // ---- the model ----

    private record Member(EmailAddress email, Role role) {}

    private static final class ModelOrganization {
        final int number;
        final AccountId id;
        final String accountName;
        String legalName;
        EmailAddress alertingEmail;
        EmailAddress invoicingEmail;
        long version = 1;
        int auditEvents = 1;
        final Map<UserId, Member> members = new TreeMap<>();

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

    private static final class ModelInvitation {
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

    /** How the acting principal stands toward the account the step names. */
    private enum Access {
        /** Unknown, someone else's personal account, or an organization the actor is not in. */
        HIDDEN,
        /** The actor's own personal account. */
        OWN_PERSONAL,
        /** A MEMBER of the organization. */
        MEMBER,
        /** An ADMIN of the organization. */
        ADMIN
    }

    private record Target(UserPrincipal actor, AccountId account, Access access, @Nullable ModelOrganization org) {
        String describe() {
            return actor.userId() + " on " + (org != null ? org.toString()
                    : access == Access.OWN_PERSONAL ? "own personal account" : "hidden account " + account);
        }
    }

    /**
     * Resolves an actor and an account from raw choices: one time in five a personal account (the
     * actor's or someone else's) or an unknown id; otherwise an organization, acted on by one of
     * its admins (half the time), one of its members, or anyone.
     */
    private Target target(int actorChoice, int accountChoice) {
        UserPrincipal anyone = USERS.get(Math.floorMod(actorChoice, USERS.size()));
        int kind = Math.floorMod(accountChoice, 20);
        if (kind <= 2) {
            UserPrincipal owner = kind < 2 ? anyone : USERS.get(Math.floorMod(accountChoice / 20, USERS.size()));
            AccountId id = personal.get(owner.userId());
            if (id == null) {
                return new Target(anyone, UNKNOWN, Access.HIDDEN, null);
            }
            return new Target(anyone, id, owner.equals(anyone) ? Access.OWN_PERSONAL : Access.HIDDEN, null);
        }
        if (kind == 3 || organizations.isEmpty()) {
            return new Target(anyone, UNKNOWN, Access.HIDDEN, null);
        }
        ModelOrganization org = organizations.get(Math.floorMod(accountChoice / 20, organizations.size()));
        int bias = Math.floorMod(actorChoice / 10, 8);
        UserPrincipal actor = anyone;
        if (bias < 4) {
            actor = pick(org.ids(true), actorChoice).orElse(anyone);
        } else if (bias < 6) {
            actor = pick(org.ids(false), actorChoice).orElse(anyone);
        }
        Member membership = org.members.get(actor.userId());
        Access access = membership == null ? Access.HIDDEN : membership.role() == Role.ADMIN ? Access.ADMIN : Access.MEMBER;
        return new Target(actor, org.id, access, org);
    }

    private Optional<UserPrincipal> pick(List<UserId> ids, int choice) {
        return ids.isEmpty() ? Optional.empty() : Optional.of(byId.get(ids.get(Math.floorMod(choice, ids.size()))));
    }

    /**
     * The user a command is aimed at: mostly a MEMBER of the organization other than the actor
     * (whom admins may promote and remove), sometimes any member, sometimes anyone.
     */
    private UserId aimedAt(int choice, Target t) {
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
        return USERS.get(Math.floorMod(choice / 4, USERS.size())).userId();
    }

    // ---- the steps ----

    private void apply(Step next) {
        current = next.getClass().getSimpleName();
        if (next instanceof Step.CreateOrganization s) {
            createOrganization(s);
        } else if (next instanceof Step.OpenPersonal s) {
            openPersonal(s);
        } else if (next instanceof Step.Invite s) {
            invite(s);
        } else if (next instanceof Step.Accept s) {
            accept(s);
        } else if (next instanceof Step.ChangeRole s) {
            changeRole(s);
        } else if (next instanceof Step.Remove s) {
            remove(s);
        } else if (next instanceof Step.Leave s) {
            leave(s);
        } else if (next instanceof Step.UpdateProfile s) {
            updateProfile(s);
        } else if (next instanceof Step.SwitchTo s) {
            switchTo(s);
        } else if (next instanceof Step.Preview s) {
            preview(s);
        } else if (next instanceof Step.Wait s) {
            clock.advance(Duration.ofHours(s.hours()));
            transcript.add("#" + step + " " + s.hours() + " hours pass");
            Observation now = observe();
            checkInvariants(last, now);
            compareWithModel(now);
            last = now;
        } else {
            throw new AssertionError("unknown step " + next);
        }
    }

    private void createOrganization(Step.CreateOrganization s) {
        UserPrincipal actor = USERS.get(Math.floorMod(s.actor(), USERS.size()));
        String name = "Org" + s.name();
        var form = new NewOrganization(s.valid() ? name : " ", name + " SAS", "alerts@" + name + ".example",
                "billing@" + name + ".example");
        attempt(actor.userId() + " creates " + (s.valid() ? name : "an organization with a blank name"),
                s.valid() ? Set.of() : Set.of(INVALID_INPUT),
                () -> kit.organizations().create(actor, form),
                created -> {
                    check(created.accountName().equals(name) && created.version() == 1
                            && created.createdBy().equals(actor.userId()), () -> "created " + created);
                    var org = new ModelOrganization(organizations.size(), created);
                    org.members.put(actor.userId(), new Member(actor.verifiedEmail(), Role.ADMIN));
                    organizations.add(org);
                });
    }

    private void openPersonal(Step.OpenPersonal s) {
        UserPrincipal actor = USERS.get(Math.floorMod(s.actor(), USERS.size()));
        attempt(actor.userId() + " opens the personal account", Set.of(),
                () -> kit.accounts().personal(actor),
                account -> {
                    AccountId known = personal.putIfAbsent(actor.userId(), account.id());
                    check(known == null || known.equals(account.id()), () ->
                            "the personal account changed from " + known + " to " + account.id());
                    check(account.owner().equals(actor.userId()), () -> "owner of " + account);
                });
    }

    private void invite(Step.Invite s) {
        Target t = target(s.actor(), s.account());
        String typed = INVITEES.get(Math.floorMod(s.invitee(), INVITEES.size()));
        EmailAddress email = EmailAddress.of(typed);
        Set<String> refusals = access(t, DenialCode.PERSONAL_ACCOUNT_CANNOT_HAVE_MEMBERS);
        ModelInvitation pending = null;
        if (refusals.isEmpty()) {
            ModelOrganization org = Objects.requireNonNull(t.org());
            pending = pendingInvitation(org, email);
            refusals = rules(
                    org.hasMemberWithEmail(email) ? DenialCode.ALREADY_A_MEMBER : null,
                    pending != null && clock.instant().isBefore(pending.expiresAt)
                            ? DenialCode.INVITATION_ALREADY_PENDING : null);
        }
        ModelInvitation replaced = pending;
        int mails = mailer.sent().size();
        attempt(t.describe() + " invites " + typed + " as " + s.role(), refusals,
                () -> kit.members().invite(t.actor(), t.account(), typed, s.role()),
                invitation -> {
                    check(invitation.email().equals(email) && invitation.role() == s.role()
                            && invitation.status() == InvitationStatus.PENDING
                            && invitation.expiresAt().equals(clock.instant().plus(TTL)), () -> "invited " + invitation);
                    List<InvitationMail> sent = mailer.sent();
                    check(sent.size() == mails + 1 && sent.get(mails).invitationId().equals(invitation.id()), () ->
                            "one mail for the invitation was handed to the mailer");
                    ModelOrganization org = Objects.requireNonNull(t.org());
                    if (replaced != null) {
                        replaced.stored = InvitationStatus.EXPIRED;
                    }
                    invitations.add(new ModelInvitation(org, invitation, sent.get(mails).token()));
                    // MEMBER_INVITED, then INVITATION_MAIL_SENT by the dispatch right after the commit.
                    org.auditEvents += 2;
                });
    }

    private void accept(Step.Accept s) {
        if (s.forged() || invitations.isEmpty()) {
            UserPrincipal actor = USERS.get(Math.floorMod(s.actor(), USERS.size()));
            attempt(actor.userId() + " accepts a forged link", Set.of(DenialCode.NOT_FOUND.name()),
                    () -> kit.invitations().accept(actor, FORGED_TOKEN), joined -> { });
            return;
        }
        // Mostly one still pending: the interesting acceptances.
        List<ModelInvitation> pendingOnes = invitations.stream()
                .filter(i -> i.stored == InvitationStatus.PENDING).toList();
        List<ModelInvitation> choices = Math.floorMod(s.invitation(), 3) != 0 && !pendingOnes.isEmpty()
                ? pendingOnes : invitations;
        ModelInvitation invitation = choices.get(Math.floorMod(s.invitation() / 3, choices.size()));
        UserPrincipal actor = USERS.get(Math.floorMod(s.actor(), USERS.size()));
        if (s.invitedUser()) {
            List<UserId> invited = USERS.stream().filter(u -> u.verifiedEmail().equals(invitation.email))
                    .map(UserPrincipal::userId).toList();
            actor = pick(invited, s.actor()).orElse(actor);
        }
        UserPrincipal invitee = actor;
        Instant now = clock.instant();
        Set<String> refusals = rules(
                invitation.stored != InvitationStatus.PENDING ? DenialCode.INVITATION_NOT_PENDING : null,
                invitation.statusAt(now) == InvitationStatus.EXPIRED && invitation.stored == InvitationStatus.PENDING
                        ? DenialCode.INVITATION_EXPIRED : null,
                invitation.email.equals(invitee.verifiedEmail()) ? null : DenialCode.INVITATION_EMAIL_MISMATCH,
                invitation.organization.members.containsKey(invitee.userId()) ? DenialCode.ALREADY_A_MEMBER : null);
        attempt(invitee.userId() + " accepts the invitation of " + invitation.email + " to " + invitation.organization
                        + " as " + invitation.role, refusals,
                () -> kit.invitations().accept(invitee, invitation.token),
                joined -> {
                    check(joined.userId().equals(invitee.userId()) && joined.role() == invitation.role
                            && joined.email().equals(invitation.email)
                            && joined.organizationId().equals(invitation.organization.id), () -> "joined as " + joined);
                    invitation.stored = InvitationStatus.ACCEPTED;
                    invitation.organization.members.put(invitee.userId(), new Member(invitation.email, invitation.role));
                    invitation.organization.auditEvents++;
                });
    }

    private void changeRole(Step.ChangeRole s) {
        Target t = target(s.actor(), s.account());
        UserId aimed = aimedAt(s.target(), t);
        Set<String> refusals = access(t, DenialCode.PERSONAL_ACCOUNT_CANNOT_HAVE_MEMBERS);
        boolean changes = false;
        if (refusals.isEmpty()) {
            Member member = Objects.requireNonNull(t.org()).members.get(aimed);
            if (member == null) {
                refusals = rules(DenialCode.NOT_FOUND);
            } else if (member.role() == Role.ADMIN && s.role() == Role.MEMBER) {
                refusals = rules(DenialCode.ADMIN_CHANGE_REQUIRES_SUPPORT);
            } else {
                changes = member.role() != s.role();
            }
        }
        boolean effective = changes;
        attempt(t.describe() + " makes " + aimed + " " + s.role(), refusals,
                () -> kit.members().changeRole(t.actor(), t.account(), aimed, s.role()),
                membership -> {
                    ModelOrganization org = Objects.requireNonNull(t.org());
                    Member before = org.members.get(aimed);
                    check(membership.role() == s.role() && membership.userId().equals(aimed)
                            && membership.email().equals(before.email()), () -> "changed to " + membership);
                    org.members.put(aimed, new Member(before.email(), s.role()));
                    if (effective) {
                        org.auditEvents++;
                    }
                });
    }

    private void remove(Step.Remove s) {
        Target t = target(s.actor(), s.account());
        UserId aimed = aimedAt(s.target(), t);
        Member member = t.org() == null ? null : t.org().members.get(aimed);
        String email = member != null ? member.email().value() : byId.get(aimed).verifiedEmail().value();
        String typed = switch (s.typed()) {
            case EXACT -> email;
            case LOOSE -> "  " + email.toUpperCase(Locale.ROOT) + " ";
            case WRONG -> "not-" + email;
            case BLANK -> "  ";
        };
        Set<String> refusals = s.typed() == Step.Typed.BLANK ? Set.of(INVALID_INPUT)
                : access(t, DenialCode.PERSONAL_ACCOUNT_CANNOT_HAVE_MEMBERS);
        if (refusals.isEmpty()) {
            refusals = rules(
                    aimed.equals(t.actor().userId()) ? DenialCode.USE_LEAVE : null,
                    member == null ? DenialCode.NOT_FOUND : null,
                    member != null && member.role() == Role.ADMIN ? DenialCode.ADMIN_CHANGE_REQUIRES_SUPPORT : null,
                    s.typed() == Step.Typed.WRONG ? DenialCode.CONFIRMATION_MISMATCH : null);
        }
        attempt(t.describe() + " removes " + aimed + " typing '" + typed + "'", refusals,
                () -> {
                    kit.members().remove(t.actor(), t.account(), aimed, typed);
                    return Boolean.TRUE;
                },
                done -> {
                    ModelOrganization org = Objects.requireNonNull(t.org());
                    org.members.remove(aimed);
                    active.remove(aimed, org.id);
                    org.auditEvents++;
                });
    }

    private void leave(Step.Leave s) {
        Target t = target(s.actor(), s.account());
        String name = t.org() != null ? t.org().accountName : "Personal account";
        String typed = switch (s.typed()) {
            case EXACT -> name;
            case LOOSE -> " " + name + "  ";
            case WRONG -> name.toLowerCase(Locale.ROOT) + "?";
            case BLANK -> " ";
        };
        Set<String> refusals = s.typed() == Step.Typed.BLANK ? Set.of(INVALID_INPUT)
                : memberAccess(t, DenialCode.CANNOT_LEAVE_PERSONAL_ACCOUNT);
        if (refusals.isEmpty()) {
            ModelOrganization org = Objects.requireNonNull(t.org());
            refusals = rules(
                    t.access() == Access.ADMIN && org.admins() == 1 ? DenialCode.LAST_ADMIN : null,
                    s.typed() == Step.Typed.WRONG ? DenialCode.CONFIRMATION_MISMATCH : null);
        }
        attempt(t.describe() + " leaves typing '" + typed + "'", refusals,
                () -> {
                    kit.organizations().leave(t.actor(), t.account(), typed);
                    return Boolean.TRUE;
                },
                done -> {
                    ModelOrganization org = Objects.requireNonNull(t.org());
                    org.members.remove(t.actor().userId());
                    active.remove(t.actor().userId(), org.id);
                    org.auditEvents++;
                });
    }

    private void updateProfile(Step.UpdateProfile s) {
        Target t = target(s.actor(), s.account());
        ModelOrganization org = t.org();
        long version = org == null ? 1 : org.version;
        ProfileUpdate update = switch (s.edit()) {
            case CHANGE -> new ProfileUpdate("Legal " + s.values(), "alerts" + s.values() + "@example.org",
                    "billing" + s.values() + "@example.org");
            case SAME -> org == null ? new ProfileUpdate("Legal", "a@example.org", "b@example.org")
                    : new ProfileUpdate(" " + org.legalName + " ", org.alertingEmail.value().toUpperCase(Locale.ROOT),
                            org.invoicingEmail.value()).expectingVersion(version);
            case STALE -> new ProfileUpdate("Legal " + s.values(), "stale@example.org", "stale@example.org")
                    .expectingVersion(version + 1);
            case INVALID -> new ProfileUpdate("", "not-an-email", "billing@");
        };
        Set<String> refusals = s.edit() == Step.Edit.INVALID ? Set.of(INVALID_INPUT)
                : access(t, DenialCode.ORGANIZATION_ONLY);
        if (refusals.isEmpty() && s.edit() == Step.Edit.STALE) {
            refusals = rules(DenialCode.STALE_VERSION);
        }
        attempt(t.describe() + " edits the profile (" + s.edit() + ")", refusals,
                () -> kit.organizations().updateProfile(t.actor(), t.account(), update),
                updated -> {
                    ModelOrganization edited = Objects.requireNonNull(org);
                    String legal = update.legalName().strip();
                    EmailAddress alerting = EmailAddress.of(update.alertingEmail());
                    EmailAddress invoicing = EmailAddress.of(update.invoicingEmail());
                    boolean changes = !legal.equals(edited.legalName) || !alerting.equals(edited.alertingEmail)
                            || !invoicing.equals(edited.invoicingEmail);
                    if (changes) {
                        edited.legalName = legal;
                        edited.alertingEmail = alerting;
                        edited.invoicingEmail = invoicing;
                        edited.version++;
                        edited.auditEvents++;
                    }
                    check(updated.legalName().equals(edited.legalName) && updated.version() == edited.version
                            && updated.accountName().equals(edited.accountName), () -> "updated to " + updated);
                });
    }

    private void switchTo(Step.SwitchTo s) {
        Target t = target(s.actor(), s.account());
        Set<String> refusals = t.access() == Access.HIDDEN ? Set.of(DenialCode.NOT_FOUND.name()) : Set.of();
        attempt(t.describe() + " switches to it", refusals,
                () -> kit.accounts().switchTo(t.actor(), t.account()),
                context -> {
                    check(context.accountId().equals(t.account()), () -> "switched to " + context);
                    Optional<Role> role = t.org() == null ? Optional.empty()
                            : Optional.of(t.org().members.get(t.actor().userId()).role());
                    check(context.role().equals(role), () -> "the role in " + context);
                    active.put(t.actor().userId(), t.account());
                });
    }

    private void preview(Step.Preview s) {
        if (s.forged() || invitations.isEmpty()) {
            attempt("someone opens a forged link", Set.of(DenialCode.NOT_FOUND.name()),
                    () -> kit.invitations().preview(FORGED_TOKEN), seen -> { });
            return;
        }
        ModelInvitation invitation = invitations.get(Math.floorMod(s.invitation(), invitations.size()));
        attempt("someone opens the link of " + invitation.email + " to " + invitation.organization, Set.of(),
                () -> kit.invitations().preview(invitation.token),
                seen -> check(seen.equals(new InvitationPreview(invitation.organization.accountName,
                                seen.inviterEmail(), invitation.email, invitation.role, invitation.expiresAt,
                                invitation.statusAt(clock.instant()))), () -> "previewed " + seen));
    }

    // ---- expectations ----

    /**
     * The refusal for a principal who may not do an admin's command on the account at all:
     * NOT_FOUND when it is hidden (R9), {@code onOwnPersonal} on the actor's personal account,
     * ADMIN_ROLE_REQUIRED for a MEMBER (R2); empty when an admin acts.
     */
    private static Set<String> access(Target t, DenialCode onOwnPersonal) {
        if (t.access() == Access.MEMBER) {
            return Set.of(DenialCode.ADMIN_ROLE_REQUIRED.name());
        }
        return memberAccess(t, onOwnPersonal);
    }

    /** As {@link #access}, for a command that members may do too (leaving). */
    private static Set<String> memberAccess(Target t, DenialCode onOwnPersonal) {
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
    private static Set<String> rules(@Nullable DenialCode... broken) {
        Set<String> codes = new LinkedHashSet<>();
        for (DenialCode code : broken) {
            if (code != null) {
                codes.add(code.name());
            }
        }
        return codes;
    }

    private @Nullable ModelInvitation pendingInvitation(ModelOrganization org, EmailAddress email) {
        return invitations.stream()
                .filter(i -> i.organization == org && i.email.equals(email) && i.stored == InvitationStatus.PENDING)
                .findFirst().orElse(null);
    }

    /**
     * Runs one command and checks it: it succeeds exactly when the model expects it to (an empty
     * {@code refusals}), a refusal carries one of the expected codes, nothing but an
     * {@link OrgKitException} is ever thrown, a refused command changes nothing observable, and
     * after it every invariant holds and the kit agrees with the model.
     */
    private <T> void attempt(String description, Set<String> refusals, Supplier<T> command, Consumer<T> onSuccess) {
        String line = "#" + step + " " + description;
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
        outcomes.merge(current + (refusal == null ? " done" : " refused " + refusal), 1, Integer::sum);
        transcript.add(line + " -> " + (refusal == null ? "done" : "refused " + refusal)
                + (refusals.isEmpty() ? "" : " (expected one of " + refusals + ")"));
        if (refusal == null && !refusals.isEmpty()) {
            fail(line + ": succeeded, but the model expected a refusal with one of " + refusals);
        }
        if (refusal != null && refusals.isEmpty()) {
            fail(line + ": refused with " + refusal + ", but the model expected it to succeed");
        }
        if (refusal != null && !refusals.contains(refusal)) {
            fail(line + ": refused with " + refusal + ", but the model expected one of " + refusals);
        }
        if (refusal == null) {
            onSuccess.accept(result);
        }
        Observation now = observe();
        checkInvariants(last, now);
        if (refusal != null && !now.equals(last)) {
            fail(line + ": was refused but changed observable state:\n  before " + last + "\n  after  " + now);
        }
        compareWithModel(now);
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

    // ---- observing the kit ----

    /**
     * Everything a host can observe of the accounts this run created, read through the public API.
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
            int mails) {}

    private Observation observe() {
        Map<AccountId, Organization> profiles = new LinkedHashMap<>();
        Map<AccountId, List<Membership>> members = new LinkedHashMap<>();
        Map<AccountId, List<Invitation>> pending = new LinkedHashMap<>();
        Map<AccountId, List<AuditEvent>> trails = new LinkedHashMap<>();
        for (ModelOrganization org : organizations) {
            profiles.put(org.id, kit.organizations().get(OBSERVER, org.id));
            List<Membership> list = all(page -> kit.members().list(OBSERVER, org.id, page));
            members.put(org.id, list);
            // Invariant: every organization has at least one admin (R6).
            UserPrincipal admin = list.stream().filter(m -> m.role() == Role.ADMIN).findFirst()
                    .map(m -> byId.get(m.userId()))
                    .orElseThrow(() -> new AssertionError("step " + step + ": " + org + " has no admin: " + list));
            pending.put(org.id, all(page -> kit.invitations().pending(admin, org.id, page)).stream()
                    .sorted(Comparator.comparing(Invitation::id)).toList());
            trails.put(org.id, all(page -> kit.audit().list(OBSERVER, org.id, page)));
        }
        Map<UserId, List<AccountSummary>> overviews = new LinkedHashMap<>();
        personal.forEach((owner, id) -> {
            UserPrincipal user = byId.get(owner);
            trails.put(id, all(page -> kit.audit().list(OBSERVER, id, page)));
            // Invariant: a personal account has no members and no invitations (R1).
            check(kit.members().list(user, id, PageRequest.first(10)).items().isEmpty(), () ->
                    "the personal account of " + owner + " has members");
            try {
                kit.invitations().pending(user, id, PageRequest.first(10));
                fail("the personal account of " + owner + " lists pending invitations");
            } catch (AccessDeniedException e) {
                check(e.code() == DenialCode.PERSONAL_ACCOUNT_CANNOT_HAVE_MEMBERS, () -> "pending of a personal account: " + e);
            }
            overviews.put(owner, kit.accounts().overview(user));
        });
        Map<UserId, Optional<AccountId>> actives = new LinkedHashMap<>();
        for (UserPrincipal user : USERS) {
            actives.put(user.userId(), kit.accounts().active(user).map(AccountContext::accountId));
        }
        return new Observation(profiles, members, pending, trails, actives, overviews, mailer.sent().size());
    }

    /**
     * The invariants, checked on what the kit shows, whatever the model says: every organization
     * has an admin; nobody is twice in one organization or twice in an overview; a membership's
     * email never changes while it lasts.
     */
    private void checkInvariants(Observation before, Observation now) {
        now.members().forEach((org, list) -> {
            check(list.stream().anyMatch(m -> m.role() == Role.ADMIN), () -> org + " has no admin");
            Set<UserId> seen = new HashSet<>();
            for (Membership m : list) {
                check(seen.add(m.userId()), () -> m.userId() + " has two memberships in " + org);
                before.members().getOrDefault(org, List.of()).stream()
                        .filter(earlier -> earlier.userId().equals(m.userId())
                                && earlier.joinedAt().equals(m.joinedAt()))
                        .forEach(earlier -> check(earlier.email().equals(m.email()), () ->
                                "the email of " + m.userId() + " in " + org + " changed from " + earlier.email()
                                        + " to " + m.email()));
            }
        });
        now.overviews().forEach((user, overview) -> {
            check(overview.stream().map(AccountSummary::accountId).distinct().count() == overview.size(), () ->
                    "the overview of " + user + " lists an account twice: " + overview);
            check(!overview.isEmpty() && overview.get(0).accountId().equals(personal.get(user)), () ->
                    "the overview of " + user + " does not start with the personal account: " + overview);
        });
    }

    /** The kit agrees with the model: members, profiles, pending invitations, audit trail sizes, active accounts. */
    private void compareWithModel(Observation now) {
        Instant at = clock.instant();
        for (ModelOrganization org : organizations) {
            Map<UserId, Member> shown = new TreeMap<>();
            now.members().get(org.id).forEach(m -> shown.put(m.userId(), new Member(m.email(), m.role())));
            check(shown.equals(org.members), () -> org + " has members " + shown + " but the model has " + org.members);
            Organization profile = now.profiles().get(org.id);
            check(profile.accountName().equals(org.accountName) && profile.legalName().equals(org.legalName)
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
            check(pendingShown.equals(pendingModel), () ->
                    org + " lists pending " + pendingShown + " but the model has " + pendingModel);
            check(now.trails().get(org.id).size() == org.auditEvents, () -> org + " has " + now.trails().get(org.id).size()
                    + " audit events but the model counted " + org.auditEvents);
            for (Map.Entry<UserId, Member> member : org.members.entrySet()) {
                List<AccountSummary> overview = now.overviews().get(member.getKey());
                if (overview != null) {
                    check(overview.stream().anyMatch(a -> a.accountId().equals(org.id)
                                    && a.role().equals(Optional.of(member.getValue().role()))), () ->
                            "the overview of " + member.getKey() + " misses " + org + ": " + overview);
                }
            }
        }
        personal.forEach((owner, id) -> {
            check(now.trails().get(id).size() == 1, () -> "the personal account of " + owner + " has "
                    + now.trails().get(id).size() + " audit events, not 1");
            long orgsOfOwner = organizations.stream().filter(o -> o.members.containsKey(owner)).count();
            check(now.overviews().get(owner).size() == orgsOfOwner + 1, () ->
                    "the overview of " + owner + " has " + now.overviews().get(owner).size() + " accounts, not "
                            + (orgsOfOwner + 1));
        });
        for (UserPrincipal user : USERS) {
            Optional<AccountId> expected = Optional.ofNullable(active.get(user.userId()));
            check(now.active().get(user.userId()).equals(expected), () -> "the active account of " + user.userId()
                    + " is " + now.active().get(user.userId()) + " but the model has " + expected);
        }
    }

    /** Fails with the message (built only then) unless the condition holds. */
    private void check(boolean condition, Supplier<String> message) {
        if (!condition) {
            fail(message.get());
        }
    }

    private void fail(String message) {
        throw new AssertionError("step " + step + ": " + message);
    }

    /** For ad-hoc debugging of a replay: the model's view of one organization. */
    @Override
    public String toString() {
        return "World" + organizations + " at " + clock.instant();
    }
}
