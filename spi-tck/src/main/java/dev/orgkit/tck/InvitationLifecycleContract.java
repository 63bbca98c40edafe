package dev.orgkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orgkit.AccessDeniedException;
import dev.orgkit.ConflictException;
import dev.orgkit.InvalidInputException;
import dev.orgkit.NotFoundException;
import dev.orgkit.OrgKit;
import dev.orgkit.PageRequest;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.Organization;
import dev.orgkit.audit.AuditAction;
import dev.orgkit.audit.AuditEvent;
import dev.orgkit.invitation.Invitation;
import dev.orgkit.invitation.InvitationId;
import dev.orgkit.invitation.InvitationStatus;
import dev.orgkit.member.Role;
import dev.orgkit.policy.DenialCode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Invitations through their life: preview, resend, revoke, decline, expiry.
 *
 * @since 0.1.0
 */
public abstract class InvitationLifecycleContract extends ContractFixture {

    /** Ana, admin of Acme, invites Bob as a member; returns the invitation. */
    protected Invitation inviteBob(UserPrincipal ana, Organization org) {
        return kit.members().invite(ana, org.id(), "bob@example.com", Role.MEMBER);
    }

    /** The denial code of what {@code call} throws. */
    protected static DenialCode codeOf(Runnable call) {
        try {
            call.run();
        } catch (AccessDeniedException e) {
            return e.code();
        }
        throw new AssertionError("expected an AccessDeniedException");
    }

    @Test
    void a_preview_shows_the_invitation_and_consumes_nothing() {
        UserPrincipal ana = user("ana");
        Organization org = acme(ana);
        inviteBob(ana, org);
        String token = mailer.lastTokenFor("bob@example.com");
        var preview = kit.invitations().preview(token);
        kit.invitations().preview(token);
        assertThat(preview.organizationName()).isEqualTo("Acme");
        assertThat(preview.inviterEmail().value()).isEqualTo("ana@example.com");
        assertThat(preview.role()).isEqualTo(Role.MEMBER);
        assertThat(preview.status()).isEqualTo(InvitationStatus.PENDING);
        assertThat(preview.expiresAt()).isEqualTo(START.plus(Duration.ofDays(7)));
        kit.invitations().accept(user("bob"), token);
    }

    @Test
    void a_resend_kills_the_old_link_and_the_new_one_works() {
        UserPrincipal ana = user("ana");
        Organization org = acme(ana);
        Invitation invitation = inviteBob(ana, org);
        String oldToken = mailer.lastTokenFor("bob@example.com");
        clock.advance(Duration.ofDays(1));
        Invitation again = kit.invitations().resend(ana, invitation.id());
        String newToken = mailer.lastTokenFor("bob@example.com");

        assertThat(newToken).isNotEqualTo(oldToken);
        assertThat(again.expiresAt()).isEqualTo(START.plus(Duration.ofDays(8)));
        assertThatThrownBy(() -> kit.invitations().preview(oldToken)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> kit.invitations().accept(user("bob"), oldToken)).isInstanceOf(NotFoundException.class);
        kit.invitations().accept(user("bob"), newToken);
        assertThat(kit.members().list(ana, org.id(), PageRequest.first(10)).items()).hasSize(2);
        assertThat(actions(ana, org)).contains(AuditAction.INVITATION_RESENT, AuditAction.INVITATION_ACCEPTED);
    }

    @Test
    void an_expired_invitation_can_be_resent_and_then_accepted() {
        UserPrincipal ana = user("ana");
        Organization org = acme(ana);
        Invitation invitation = inviteBob(ana, org);
        String expiredToken = mailer.lastTokenFor("bob@example.com");
        clock.advance(Duration.ofDays(8));
        assertThat(codeOf(() -> kit.invitations().accept(user("bob"), expiredToken)))
                .isEqualTo(DenialCode.INVITATION_EXPIRED);
        assertThat(kit.invitations().pending(ana, org.id(), PageRequest.first(10)).items())
                .extracting(Invitation::status).containsExactly(InvitationStatus.EXPIRED);

        Invitation again = kit.invitations().resend(ana, invitation.id());

        assertThat(again.status()).isEqualTo(InvitationStatus.PENDING);
        assertThat(again.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofDays(7)));
        kit.invitations().accept(user("bob"), mailer.lastTokenFor("bob@example.com"));
    }

    @Test
    void only_admins_resend_or_revoke_and_strangers_learn_nothing() {
        UserPrincipal ana = user("ana");
        UserPrincipal carl = user("carl");
        Organization org = acme(ana);
        kit.members().invite(ana, org.id(), "carl@example.com", Role.MEMBER);
        kit.invitations().accept(carl, mailer.lastTokenFor("carl@example.com"));
        Invitation invitation = inviteBob(ana, org);

        assertThat(codeOf(() -> kit.invitations().resend(carl, invitation.id())))
                .isEqualTo(DenialCode.ADMIN_ROLE_REQUIRED);
        assertThat(codeOf(() -> kit.invitations().revoke(carl, invitation.id())))
                .isEqualTo(DenialCode.ADMIN_ROLE_REQUIRED);
        assertThatThrownBy(() -> kit.invitations().revoke(user("eve"), invitation.id()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> kit.invitations().resend(ana, InvitationId.of("inv_nope")))
                .isInstanceOf(NotFoundException.class);
        assertThat(kit.invitations().preview(mailer.lastTokenFor("bob@example.com")).status())
                .isEqualTo(InvitationStatus.PENDING);
    }

    @Test
    void a_revoked_invitation_cannot_be_accepted_resent_or_revoked_again() {
        UserPrincipal ana = user("ana");
        Organization org = acme(ana);
        Invitation invitation = inviteBob(ana, org);
        String token = mailer.lastTokenFor("bob@example.com");

        Invitation revoked = kit.invitations().revoke(ana, invitation.id());

        assertThat(revoked.status()).isEqualTo(InvitationStatus.REVOKED);
        assertThatThrownBy(() -> kit.invitations().accept(user("bob"), token)).isInstanceOf(NotFoundException.class);
        assertThat(codeOf(() -> kit.invitations().resend(ana, invitation.id())))
                .isEqualTo(DenialCode.INVITATION_NOT_PENDING);
        assertThat(codeOf(() -> kit.invitations().revoke(ana, invitation.id())))
                .isEqualTo(DenialCode.INVITATION_NOT_PENDING);
        assertThat(kit.invitations().pending(ana, org.id(), PageRequest.first(10)).items()).isEmpty();
        assertThat(actions(ana, org)).containsOnlyOnce(AuditAction.INVITATION_REVOKED);
        // The address may be invited again.
        inviteBob(ana, org);
        kit.invitations().accept(user("bob"), mailer.lastTokenFor("bob@example.com"));
    }

    @Test
    void the_invitee_declines_and_the_link_stops_working() {
        UserPrincipal ana = user("ana");
        UserPrincipal bob = user("bob");
        Organization org = acme(ana);
        Invitation invitation = inviteBob(ana, org);
        String token = mailer.lastTokenFor("bob@example.com");

        assertThat(codeOf(() -> kit.invitations().decline(user("eve"), token)))
                .isEqualTo(DenialCode.INVITATION_EMAIL_MISMATCH);
        kit.invitations().decline(bob, token);

        assertThat(kit.invitations().preview(token).status()).isEqualTo(InvitationStatus.DECLINED);
        assertThat(codeOf(() -> kit.invitations().accept(bob, token))).isEqualTo(DenialCode.INVITATION_NOT_PENDING);
        assertThat(codeOf(() -> kit.invitations().decline(bob, token))).isEqualTo(DenialCode.INVITATION_NOT_PENDING);
        assertThat(codeOf(() -> kit.invitations().resend(ana, invitation.id())))
                .isEqualTo(DenialCode.INVITATION_NOT_PENDING);
        assertThat(kit.members().list(ana, org.id(), PageRequest.first(10)).items()).hasSize(1);
        assertThat(actions(ana, org)).containsOnlyOnce(AuditAction.INVITATION_DECLINED);
    }

    @Test
    void an_expired_invitation_cannot_be_declined() {
        UserPrincipal ana = user("ana");
        Organization org = acme(ana);
        inviteBob(ana, org);
        String token = mailer.lastTokenFor("bob@example.com");
        clock.advance(Duration.ofDays(7));
        assertThat(codeOf(() -> kit.invitations().decline(user("bob"), token)))
                .isEqualTo(DenialCode.INVITATION_EXPIRED);
    }

    @Test
    void an_email_with_a_pending_invitation_is_not_invited_twice_but_an_expired_one_is_replaced() {
        UserPrincipal ana = user("ana");
        Organization org = acme(ana);
        Invitation first = inviteBob(ana, org);
        String firstToken = mailer.lastTokenFor("bob@example.com");
        assertThatThrownBy(() -> inviteBob(ana, org))
                .isInstanceOf(ConflictException.class)
                .extracting(e -> ((ConflictException) e).code())
                .isEqualTo(DenialCode.INVITATION_ALREADY_PENDING);
        clock.advance(Duration.ofDays(7));

        Invitation second = inviteBob(ana, org);

        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(kit.invitations().pending(ana, org.id(), PageRequest.first(10)).items())
                .extracting(Invitation::id).containsExactly(second.id());
        assertThatThrownBy(() -> kit.invitations().resend(ana, first.id()))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(kit.invitations().preview(firstToken).status()).isEqualTo(InvitationStatus.EXPIRED);
        kit.invitations().accept(user("bob"), mailer.lastTokenFor("bob@example.com"));
    }

    @Test
    void the_time_to_live_is_configurable_up_to_thirty_days() {
        var custom = OrgKit.builder().storage(storage).mailer(mailer).clock(clock)
                .invitationTimeToLive(Duration.ofDays(2)).build();
        UserPrincipal ana = user("ana");
        Organization org = acme(ana);
        Invitation invitation = custom.members().invite(ana, org.id(), "bob@example.com", Role.MEMBER);
        assertThat(invitation.expiresAt()).isEqualTo(START.plus(Duration.ofDays(2)));
        assertThatThrownBy(() -> OrgKit.builder().invitationTimeToLive(Duration.ofDays(31)))
                .isInstanceOf(InvalidInputException.class);
    }

    /** The actions of the organization's audit trail, newest first. */
    protected List<AuditAction> actions(UserPrincipal admin, Organization org) {
        return kit.audit().list(admin, org.id(), PageRequest.first(100)).items().stream()
                .map(AuditEvent::action).toList();
    }
}
