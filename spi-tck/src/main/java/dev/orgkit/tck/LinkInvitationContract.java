package dev.orgkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.orgkit.NotFoundException;
import dev.orgkit.OrgKit;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.Organization;
import dev.orgkit.audit.AuditAction;
import dev.orgkit.audit.AuditEvent;
import dev.orgkit.invitation.InvitationStatus;
import dev.orgkit.invitation.IssuedInvitation;
import dev.orgkit.member.Role;
import dev.orgkit.policy.DenialCode;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Invitations whose link the host delivers ({@code members().inviteWithLink}): no mail, the token
 * returned once and hidden from {@code toString}, the link built by the kit's link function and
 * accepted only by the invited email (R8), refused like {@code invite}, audited without the token, and
 * mailed with a new token by a later resend.
 *
 * @since 0.2.0
 */
public abstract class LinkInvitationContract extends ContractFixture {
    /** An admin of Acme. */
    protected final UserPrincipal ana = user("ana");

    @Test
    void a_link_invitation_is_pending_and_no_mail_goes_out_for_it() {
        Organization acme = acme(ana);

        IssuedInvitation issued = kit.members().inviteWithLink(ana, acme.id(), "Eve@Example.com", Role.ADMIN);
        clock.advance(Duration.ofHours(1));
        kit.deliveries().dispatchPending();

        assertThat(issued.invitation().email().value()).isEqualTo("eve@example.com");
        assertThat(issued.invitation().role()).isEqualTo(Role.ADMIN);
        assertThat(pending(ana, acme.id())).containsExactly(issued.invitation());
        assertThat(mailer.attempted()).isEmpty();
        assertThat(kit.invitations().preview(issued.token()).status()).isEqualTo(InvitationStatus.PENDING);
        assertThat(catchThrowable(() -> kit.invitations().delivery(ana, issued.invitation().id())))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void the_link_is_built_by_the_kits_link_function_and_accepted_only_by_the_invited_email() {
        try (OrgKit linking = OrgKit.builder().storage(storage).mailer(mailer).clock(clock)
                .invitationLink(token -> URI.create("https://app.example/join/" + token)).build()) {
            Organization acme = acme(ana);
            IssuedInvitation issued = linking.members().inviteWithLink(ana, acme.id(), "eve@example.com", Role.MEMBER);

            assertThat(issued.acceptLink()).isEqualTo(URI.create("https://app.example/join/" + issued.token()));
            assertThat(refusal(() -> linking.invitations().accept(user("mallory"), issued.token())))
                    .isEqualTo(DenialCode.INVITATION_EMAIL_MISMATCH);
            assertThat(linking.invitations().accept(user("eve"), issued.token()).role()).isEqualTo(Role.MEMBER);
            assertThat(refusal(() -> linking.invitations().accept(user("eve"), issued.token())))
                    .isEqualTo(DenialCode.INVITATION_NOT_PENDING);
        }
    }

    @Test
    void the_token_is_shown_once_and_neither_printed_nor_audited() {
        Organization acme = acme(ana);

        IssuedInvitation issued = kit.members().inviteWithLink(ana, acme.id(), "eve@example.com", Role.MEMBER);

        assertThat(issued.token()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(issued.toString()).doesNotContain(issued.token()).contains("<redacted>");
        AuditEvent invited = trail(acme.id()).get(0);
        assertThat(invited.action()).isEqualTo(AuditAction.MEMBER_INVITED);
        assertThat(invited.target()).isEqualTo(issued.invitation().id().value());
        assertThat(invited.details()).containsEntry("email", "eve@example.com").containsEntry("delivery", "link");
        assertThat(invited.details().values()).noneMatch(value -> value.contains(issued.token()));
        assertThat(invited.toString()).doesNotContain(issued.token());
    }

    @Test
    void a_resend_mails_a_new_token_and_the_delivered_link_stops_working() {
        Organization acme = acme(ana);
        IssuedInvitation issued = kit.members().inviteWithLink(ana, acme.id(), "eve@example.com", Role.MEMBER);

        kit.invitations().resend(ana, issued.invitation().id());

        String mailed = mailer.lastTokenFor("eve@example.com");
        assertThat(mailed).isNotEqualTo(issued.token());
        assertThat(catchThrowable(() -> kit.invitations().preview(issued.token()))).isInstanceOf(NotFoundException.class);
        assertThat(kit.invitations().accept(user("eve"), mailed).role()).isEqualTo(Role.MEMBER);
    }

    @Test
    void a_link_invitation_is_refused_like_an_invitation_by_mail() {
        Organization acme = acme(ana);
        UserPrincipal bob = user("bob");
        join(ana, acme.id(), bob, Role.MEMBER);
        kit.members().inviteWithLink(ana, acme.id(), "eve@example.com", Role.MEMBER);
        int events = trail(acme.id()).size();

        assertThat(refusal(() -> kit.members().inviteWithLink(ana, acme.id(), "bob@example.com", Role.MEMBER)))
                .isEqualTo(DenialCode.ALREADY_A_MEMBER);
        assertThat(refusal(() -> kit.members().inviteWithLink(ana, acme.id(), "EVE@example.com", Role.ADMIN)))
                .isEqualTo(DenialCode.INVITATION_ALREADY_PENDING);
        assertThat(refusal(() -> kit.members().invite(ana, acme.id(), "eve@example.com", Role.ADMIN)))
                .isEqualTo(DenialCode.INVITATION_ALREADY_PENDING);
        assertThat(refusal(() -> kit.members().inviteWithLink(bob, acme.id(), "carl@example.com", Role.MEMBER)))
                .isEqualTo(DenialCode.ADMIN_ROLE_REQUIRED);
        assertThat(refusal(() -> kit.members().inviteWithLink(ana, kit.accounts().personal(ana).id(),
                "carl@example.com", Role.MEMBER))).isEqualTo(DenialCode.PERSONAL_ACCOUNT_CANNOT_HAVE_MEMBERS);
        assertThat(invalid(() -> kit.members().inviteWithLink(ana, acme.id(), "not an address", null)).violations())
                .extracting(v -> v.field()).containsExactlyInAnyOrder("email", "role");

        assertThat(trail(acme.id())).hasSize(events);
    }

    @Test
    void a_failing_link_function_leaves_nothing_written_and_no_token_in_the_error() {
        Organization acme = acme(ana);
        int events = trail(acme.id()).size();
        AtomicReference<String> given = new AtomicReference<>();
        try (OrgKit broken = OrgKit.builder().storage(storage).mailer(mailer).clock(clock)
                .invitationLink(token -> {
                    given.set(token);
                    throw new IllegalArgumentException("cannot link " + token);
                }).build()) {

            Throwable failure = catchThrowable(
                    () -> broken.members().inviteWithLink(ana, acme.id(), "eve@example.com", Role.MEMBER));

            assertThat(failure).isNotNull().hasMessageContaining("invitationLink").hasNoCause();
            assertThat(given.get()).isNotNull();
            assertThat(failure.getMessage()).contains("cannot link <redacted>").doesNotContain(given.get());
        }
        assertThat(pending(ana, acme.id())).isEmpty();
        assertThat(trail(acme.id())).hasSize(events);
    }
}
