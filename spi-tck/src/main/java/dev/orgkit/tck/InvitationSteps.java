package dev.orgkit.tck;

import static dev.orgkit.tck.World.access;
import static dev.orgkit.tck.World.rules;

import dev.orgkit.EmailAddress;
import dev.orgkit.OrgKit;
import dev.orgkit.UserId;
import dev.orgkit.UserPrincipal;
import dev.orgkit.mail.InvitationMail;
import dev.orgkit.invitation.InvitationPreview;
import dev.orgkit.invitation.InvitationStatus;
import dev.orgkit.policy.DenialCode;
import dev.orgkit.tck.Model.Member;
import dev.orgkit.tck.Model.ModelInvitation;
import dev.orgkit.tck.Model.ModelOrganization;
import dev.orgkit.tck.World.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The steps of a {@link World} on invitations: invite someone, accept an invitation (or a forged
 * link), preview one. Each says which refusals the model expects and, on success, updates the model.
 */
final class InvitationSteps {
    private static final String FORGED_TOKEN = "F".repeat(43);
    private static final Duration TTL = OrgKit.Builder.DEFAULT_INVITATION_TTL;
    private static final List<String> INVITEES = List.of("s0@example.com", "s1@example.com", "s2@example.com",
            "s3@example.com", "s4@example.com", "s5@example.com", "newcomer@example.com", "S1@Example.com");

    private final World world;
    private final OrgKit kit;
    private final MutableClock clock;
    private final RecordingMailer mailer;
    private final Model model;

    InvitationSteps(World world) {
        this.world = world;
        this.kit = world.kit;
        this.clock = world.clock;
        this.mailer = world.mailer;
        this.model = world.model;
    }

    void invite(Step.Invite s) {
        Target t = world.target(s.actor(), s.account());
        String typed = INVITEES.get(Math.floorMod(s.invitee(), INVITEES.size()));
        EmailAddress email = EmailAddress.of(typed);
        Set<String> refusals = access(t, DenialCode.PERSONAL_ACCOUNT_CANNOT_HAVE_MEMBERS);
        ModelInvitation pending = null;
        if (refusals.isEmpty()) {
            ModelOrganization org = Objects.requireNonNull(t.org());
            pending = model.pendingInvitation(org, email);
            refusals = rules(
                    org.hasMemberWithEmail(email) ? DenialCode.ALREADY_A_MEMBER : null,
                    pending != null && clock.instant().isBefore(pending.expiresAt)
                            ? DenialCode.INVITATION_ALREADY_PENDING : null);
        }
        ModelInvitation replaced = pending;
        int mails = mailer.sent().size();
        world.attempt(t.describe() + " invites " + typed + " as " + s.role(), refusals,
                () -> kit.members().invite(t.actor(), t.account(), typed, s.role()),
                invitation -> {
                    world.checker.check(invitation.email().equals(email) && invitation.role() == s.role()
                            && invitation.status() == InvitationStatus.PENDING
                            && invitation.expiresAt().equals(clock.instant().plus(TTL)), () -> "invited " + invitation);
                    List<InvitationMail> sent = mailer.sent();
                    world.checker.check(sent.size() == mails + 1 && sent.get(mails).invitationId().equals(invitation.id()),
                            () -> "one mail for the invitation was handed to the mailer");
                    ModelOrganization org = Objects.requireNonNull(t.org());
                    if (replaced != null) {
                        replaced.stored = InvitationStatus.EXPIRED;
                    }
                    model.invitations.add(new ModelInvitation(org, invitation, sent.get(mails).token()));
                    // MEMBER_INVITED, then INVITATION_MAIL_SENT by the dispatch right after the commit.
                    org.auditEvents += 2;
                });
    }

    void accept(Step.Accept s) {
        List<ModelInvitation> invitations = model.invitations;
        if (s.forged() || invitations.isEmpty()) {
            UserPrincipal actor = World.user(s.actor());
            world.attempt(actor.userId() + " accepts a forged link", Set.of(DenialCode.NOT_FOUND.name()),
                    () -> kit.invitations().accept(actor, FORGED_TOKEN), joined -> { });
            return;
        }
        // Mostly one still pending: the interesting acceptances.
        List<ModelInvitation> pendingOnes = invitations.stream()
                .filter(i -> i.stored == InvitationStatus.PENDING).toList();
        List<ModelInvitation> choices = Math.floorMod(s.invitation(), 3) != 0 && !pendingOnes.isEmpty()
                ? pendingOnes : invitations;
        ModelInvitation invitation = choices.get(Math.floorMod(s.invitation() / 3, choices.size()));
        UserPrincipal actor = World.user(s.actor());
        if (s.invitedUser()) {
            List<UserId> invited = World.USERS.stream().filter(u -> u.verifiedEmail().equals(invitation.email))
                    .map(UserPrincipal::userId).toList();
            actor = world.pick(invited, s.actor()).orElse(actor);
        }
        UserPrincipal invitee = actor;
        Instant now = clock.instant();
        Set<String> refusals = invitation.organization.deleted ? Set.of(DenialCode.NOT_FOUND.name()) : rules(
                invitation.stored != InvitationStatus.PENDING ? DenialCode.INVITATION_NOT_PENDING : null,
                invitation.statusAt(now) == InvitationStatus.EXPIRED && invitation.stored == InvitationStatus.PENDING
                        ? DenialCode.INVITATION_EXPIRED : null,
                invitation.email.equals(invitee.verifiedEmail()) ? null : DenialCode.INVITATION_EMAIL_MISMATCH,
                invitation.organization.members.containsKey(invitee.userId()) ? DenialCode.ALREADY_A_MEMBER : null);
        world.attempt(invitee.userId() + " accepts the invitation of " + invitation.email + " to "
                        + invitation.organization + " as " + invitation.role, refusals,
                () -> kit.invitations().accept(invitee, invitation.token),
                joined -> {
                    world.checker.check(joined.userId().equals(invitee.userId()) && joined.role() == invitation.role
                            && joined.email().equals(invitation.email)
                            && joined.organizationId().equals(invitation.organization.id), () -> "joined as " + joined);
                    invitation.stored = InvitationStatus.ACCEPTED;
                    invitation.organization.members.put(invitee.userId(), new Member(invitation.email, invitation.role));
                    invitation.organization.auditEvents++;
                });
    }

    void preview(Step.Preview s) {
        List<ModelInvitation> invitations = model.invitations;
        if (s.forged() || invitations.isEmpty()) {
            world.attempt("someone opens a forged link", Set.of(DenialCode.NOT_FOUND.name()),
                    () -> kit.invitations().preview(FORGED_TOKEN), seen -> { });
            return;
        }
        ModelInvitation invitation = invitations.get(Math.floorMod(s.invitation(), invitations.size()));
        world.attempt("someone opens the link of " + invitation.email + " to " + invitation.organization,
                invitation.organization.deleted ? Set.of(DenialCode.NOT_FOUND.name()) : Set.of(),
                () -> kit.invitations().preview(invitation.token),
                seen -> world.checker.check(seen.equals(new InvitationPreview(invitation.organization.accountName,
                                seen.inviterEmail(), invitation.email, invitation.role, invitation.expiresAt,
                                invitation.statusAt(clock.instant()))), () -> "previewed " + seen));
    }
}
