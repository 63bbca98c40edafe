package dev.orgkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.orgkit.EmailAddress;
import dev.orgkit.NotFoundException;
import dev.orgkit.OrgKit;
import dev.orgkit.OrgKitException;
import dev.orgkit.Principal;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.AccountId;
import dev.orgkit.account.Organization;
import dev.orgkit.audit.AuditAction;
import dev.orgkit.audit.AuditEvent;
import dev.orgkit.invitation.Invitation;
import dev.orgkit.mail.InvitationMail;
import dev.orgkit.invitation.InvitationPreview;
import dev.orgkit.invitation.InvitationStatus;
import dev.orgkit.member.Membership;
import dev.orgkit.member.Role;
import dev.orgkit.policy.DenialCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Invitations: previewing a link, accepting it (R8), the admins' list of pending ones, and the
 * secrecy of the token.
 *
 * @since 0.1.0
 */
public abstract class InvitationsContract extends ContractFixture {
    private static final Pattern URL_SAFE_BASE64 = Pattern.compile("[A-Za-z0-9_-]+");

    // ---- preview ----

    @Test
    void a_preview_shows_what_the_link_leads_to() {
        UserPrincipal ana = user("ana");
        Organization org = acme(ana);
        Invitation invitation = kit.members().invite(ana, org.id(), "bob@example.com", Role.ADMIN);

        InvitationPreview preview = kit.invitations().preview(mailer.lastTokenFor("bob@example.com"));

        assertThat(preview).isEqualTo(new InvitationPreview("Acme", EmailAddress.of("ana@example.com"),
                EmailAddress.of("bob@example.com"), Role.ADMIN, invitation.expiresAt(), InvitationStatus.PENDING));
    }

    @Test
    void previewing_consumes_nothing() {
        UserPrincipal ana = user("ana");
        Organization org = acme(ana);
        kit.members().invite(ana, org.id(), "bob@example.com", Role.MEMBER);
        String token = mailer.lastTokenFor("bob@example.com");
        List<AuditEvent> trail = trail(org.id());

        for (int i = 0; i < 3; i++) {
            kit.invitations().preview(token);
        }

        assertThat(trail(org.id())).isEqualTo(trail);
        assertThat(pending(ana, org.id())).hasSize(1);
        assertThat(kit.invitations().accept(user("bob"), token).role()).isEqualTo(Role.MEMBER);
    }

    @Test
    void a_preview_tells_an_accepted_or_expired_invitation_apart() {
        UserPrincipal ana = user("ana");
        Organization org = acme(ana);
        kit.members().invite(ana, org.id(), "bob@example.com", Role.MEMBER);
        String accepted = mailer.lastTokenFor("bob@example.com");
        kit.invitations().accept(user("bob"), accepted);
        kit.members().invite(ana, org.id(), "cid@example.com", Role.MEMBER);
        String expiring = mailer.lastTokenFor("cid@example.com");
        clock.advance(OrgKit.Builder.DEFAULT_INVITATION_TTL);

        assertThat(kit.invitations().preview(accepted).status()).isEqualTo(InvitationStatus.ACCEPTED);
        assertThat(kit.invitations().preview(expiring).status()).isEqualTo(InvitationStatus.EXPIRED);
    }

    @Test
    void an_unknown_token_is_not_found() {
        String unknown = "A".repeat(43);
        assertThat(refusal(() -> kit.invitations().preview(unknown))).isEqualTo(DenialCode.NOT_FOUND);
        assertThat(refusal(() -> kit.invitations().accept(user("bob"), unknown))).isEqualTo(DenialCode.NOT_FOUND);
    }

    // ---- accept ----

    @Test
    void accepting_yields_exactly_the_invited_role_with_the_invited_email_and_is_audited() {
        UserPrincipal ana = user("ana");
        Organization org = acme(ana);
        kit.members().invite(ana, org.id(), "bob@example.com", Role.ADMIN);
        kit.members().invite(ana, org.id(), "cid@example.com", Role.MEMBER);
        clock.advance(Duration.ofHours(1));

        Membership bob = kit.invitations().accept(user("bob"), mailer.lastTokenFor("bob@example.com"));
        Membership cid = kit.invitations().accept(user("cid"), mailer.lastTokenFor("cid@example.com"));

        assertThat(bob.role()).isEqualTo(Role.ADMIN);
        assertThat(cid.role()).isEqualTo(Role.MEMBER);
        assertThat(bob.email()).isEqualTo(EmailAddress.of("bob@example.com"));
        assertThat(bob.joinedAt()).isEqualTo(START.plus(Duration.ofHours(1)));
        assertThat(members(org.id())).containsExactlyInAnyOrder(members(org.id()).get(0), bob, cid);
        assertThat(pending(ana, org.id())).isEmpty();
        assertThat(trail(org.id()).get(0)).satisfies(event -> {
            assertThat(event.action()).isEqualTo(AuditAction.INVITATION_ACCEPTED);
            assertThat(event.actor().id()).isEqualTo("u-cid");
            assertThat(event.details()).containsEntry("role", "MEMBER");
        });
    }

    @Test
    void the_verified_email_is_compared_as_a_normalized_address() {
        UserPrincipal ana = user("ana");
        Organization org = acme(ana);
        kit.members().invite(ana, org.id(), "Bob@Example.com", Role.MEMBER);
        UserPrincipal bob = Principal.user("u-bob", "BOB@example.COM");
        assertThat(kit.invitations().accept(bob, mailer.lastTokenFor("bob@example.com")).userId()).isEqualTo(bob.userId());
    }

    @Test
    void an_invitation_is_accepted_at_most_once() {
        UserPrincipal ana = user("ana");
        Organization org = acme(ana);
        kit.members().invite(ana, org.id(), "bob@example.com", Role.MEMBER);
        String token = mailer.lastTokenFor("bob@example.com");
        kit.invitations().accept(user("bob"), token);
        List<AuditEvent> trail = trail(org.id());

        assertThat(refusal(() -> kit.invitations().accept(user("bob"), token)))
                .isEqualTo(DenialCode.INVITATION_NOT_PENDING);
        UserPrincipal otherBob = Principal.user("u-bob-2", "bob@example.com");
        assertThat(refusal(() -> kit.invitations().accept(otherBob, token)))
                .isEqualTo(DenialCode.INVITATION_NOT_PENDING);

        assertThat(members(org.id())).hasSize(2);
        assertThat(trail(org.id())).isEqualTo(trail);
    }

    @Test
    void an_expired_invitation_cannot_be_accepted() {
        UserPrincipal ana = user("ana");
        Organization org = acme(ana);
        kit.members().invite(ana, org.id(), "bob@example.com", Role.MEMBER);
        String token = mailer.lastTokenFor("bob@example.com");
        clock.advance(OrgKit.Builder.DEFAULT_INVITATION_TTL);

        assertThat(refusal(() -> kit.invitations().accept(user("bob"), token)))
                .isEqualTo(DenialCode.INVITATION_EXPIRED);
        assertThat(members(org.id())).hasSize(1);
    }

    @Test
    void an_invitation_is_still_accepted_just_before_it_expires() {
        UserPrincipal ana = user("ana");
        Organization org = acme(ana);
        kit.members().invite(ana, org.id(), "bob@example.com", Role.MEMBER);
        clock.advance(OrgKit.Builder.DEFAULT_INVITATION_TTL.minusSeconds(1));
        assertThat(kit.invitations().accept(user("bob"), mailer.lastTokenFor("bob@example.com")).role())
                .isEqualTo(Role.MEMBER);
    }

    @Test
    void only_the_invited_email_accepts() {
        UserPrincipal ana = user("ana");
        Organization org = acme(ana);
        kit.members().invite(ana, org.id(), "bob@example.com", Role.ADMIN);
        String token = mailer.lastTokenFor("bob@example.com");

        assertThat(refusal(() -> kit.invitations().accept(user("eve"), token)))
                .isEqualTo(DenialCode.INVITATION_EMAIL_MISMATCH);
        assertThat(refusal(() -> kit.invitations().accept(Principal.user("u-bob", "bob@example.org"), token)))
                .isEqualTo(DenialCode.INVITATION_EMAIL_MISMATCH);

        assertThat(members(org.id())).hasSize(1);
        assertThat(pending(ana, org.id())).hasSize(1);
        assertThat(kit.invitations().accept(user("bob"), token).role()).isEqualTo(Role.ADMIN);
    }

    @Test
    void a_current_member_cannot_join_twice_through_an_invitation_to_another_address() {
        UserPrincipal ana = user("ana");
        Organization org = acme(ana);
        join(ana, org.id(), user("bob"), Role.MEMBER);
        kit.members().invite(ana, org.id(), "bob@work.example", Role.ADMIN);
        UserPrincipal bobAtWork = Principal.user("u-bob", "bob@work.example");

        assertThat(refusal(() -> kit.invitations().accept(bobAtWork, mailer.lastTokenFor("bob@work.example"))))
                .isEqualTo(DenialCode.ALREADY_A_MEMBER);

        assertThat(members(org.id())).filteredOn(m -> m.userId().equals(bobAtWork.userId()))
                .singleElement().extracting(Membership::role).isEqualTo(Role.MEMBER);
    }

    // ---- pending ----

    @Test
    void admins_see_pending_invitations_and_expired_ones_as_expired() {
        UserPrincipal ana = user("ana");
        Organization org = acme(ana);
        Invitation early = kit.members().invite(ana, org.id(), "bob@example.com", Role.MEMBER);
        clock.advance(Duration.ofDays(3));
        Invitation late = kit.members().invite(ana, org.id(), "cid@example.com", Role.ADMIN);
        clock.advance(Duration.ofDays(5));

        assertThat(pending(ana, org.id()))
                .containsExactlyInAnyOrder(early.withStatus(InvitationStatus.EXPIRED), late);
    }

    @Test
    void accepted_invitations_leave_the_pending_list() {
        UserPrincipal ana = user("ana");
        Organization org = acme(ana);
        join(ana, org.id(), user("bob"), Role.MEMBER);
        Invitation cid = kit.members().invite(ana, org.id(), "cid@example.com", Role.MEMBER);
        assertThat(pending(ana, org.id())).containsExactly(cid);
    }

    @Test
    void only_admins_see_pending_invitations() {
        UserPrincipal ana = user("ana");
        UserPrincipal bob = user("bob");
        Organization org = acme(ana);
        join(ana, org.id(), bob, Role.MEMBER);
        kit.members().invite(ana, org.id(), "cid@example.com", Role.MEMBER);

        assertThat(refusal(() -> pending(bob, org.id()))).isEqualTo(DenialCode.ADMIN_ROLE_REQUIRED);
        assertThat(refusal(() -> pending(user("eve"), org.id()))).isEqualTo(DenialCode.NOT_FOUND);
        AccountId personal = kit.accounts().personal(ana).id();
        assertThat(refusal(() -> pending(ana, personal))).isEqualTo(DenialCode.PERSONAL_ACCOUNT_CANNOT_HAVE_MEMBERS);
    }

    @Test
    void pending_invitations_come_in_pages_that_cover_each_once() {
        UserPrincipal ana = user("ana");
        Organization org = acme(ana);
        Set<Invitation> invited = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            invited.add(kit.members().invite(ana, org.id(), "guest" + i + "@example.com", Role.MEMBER));
        }
        List<Invitation> seen = new ArrayList<>();
        var page = kit.invitations().pending(ana, org.id(), dev.orgkit.PageRequest.first(2));
        seen.addAll(page.items());
        while (page.nextCursor().isPresent()) {
            page = kit.invitations().pending(ana, org.id(), dev.orgkit.PageRequest.after(page.nextCursor().get(), 2));
            seen.addAll(page.items());
        }
        assertThat(seen).hasSize(5).doesNotHaveDuplicates();
        assertThat(new HashSet<>(seen)).isEqualTo(invited);
    }

    // ---- the token ----

    @Test
    void a_token_carries_at_least_256_random_bits() {
        UserPrincipal ana = user("ana");
        Organization org = acme(ana);
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            kit.members().invite(ana, org.id(), "guest" + i + "@example.com", Role.MEMBER);
            tokens.add(mailer.lastTokenFor("guest" + i + "@example.com"));
        }
        assertThat(tokens).hasSize(20).allSatisfy(token -> {
            // URL-safe Base64 carries 6 bits per character: 43 characters hold 258 bits.
            assertThat(token).matches(URL_SAFE_BASE64);
            assertThat(token.length() * 6).isGreaterThanOrEqualTo(256);
        });
    }

    @Test
    void the_token_appears_in_no_audit_event_exception_or_description() {
        UserPrincipal ana = user("ana");
        Organization org = acme(ana);
        Invitation invitation = kit.members().invite(ana, org.id(), "bob@example.com", Role.MEMBER);
        InvitationMail mail = mailer.sent().get(0);
        String token = mail.token();
        List<Throwable> refusals = new ArrayList<>();
        refusals.add(catchThrowable(() -> kit.invitations().accept(user("eve"), token)));
        refusals.add(catchThrowable(() -> kit.invitations().accept(user("bob"), token + "x")));
        refusals.add(catchThrowable(() -> kit.invitations().preview(token + "\n")));
        refusals.add(catchThrowable(() -> kit.invitations().preview(token.repeat(4))));
        kit.invitations().preview(token);
        kit.invitations().accept(user("bob"), token);
        refusals.add(catchThrowable(() -> kit.invitations().accept(user("bob"), token)));
        clock.advance(Duration.ofDays(30));
        refusals.add(catchThrowable(() -> kit.invitations().accept(user("bob"), token)));

        assertThat(refusals).allSatisfy(thrown -> {
            assertThat(thrown).isInstanceOf(OrgKitException.class);
            assertThat(String.valueOf(thrown.getMessage())).doesNotContain(token);
            assertThat(thrown.toString()).doesNotContain(token);
        });
        List<AuditEvent> events = trail(org.id());
        assertThat(events).isNotEmpty().allSatisfy(event -> {
            assertThat(event.target()).doesNotContain(token);
            assertThat(event.details().keySet()).noneMatch(key -> key.contains(token));
            assertThat(event.details().values()).noneMatch(value -> value.contains(token));
            assertThat(event.toString()).doesNotContain(token);
        });
        assertThat(invitation.toString()).doesNotContain(token);
        assertThat(pending(ana, org.id()).toString()).doesNotContain(token);
        assertThat(mail.toString()).doesNotContain(token);
        assertThat(kit.invitations().preview(token).toString()).doesNotContain(token);
    }

    @Test
    void each_invitation_gets_its_own_token() {
        UserPrincipal ana = user("ana");
        Organization acme = acme(ana);
        Organization other = acme(ana);
        kit.members().invite(ana, acme.id(), "bob@example.com", Role.MEMBER);
        kit.members().invite(ana, other.id(), "bob@example.com", Role.ADMIN);
        List<InvitationMail> mails = mailer.sent();
        assertThat(mails.get(0).token()).isNotEqualTo(mails.get(1).token());
        assertThat(kit.invitations().preview(mails.get(1).token()).role()).isEqualTo(Role.ADMIN);
        assertThat(catchThrowable(() -> kit.invitations().preview(mails.get(0).token().toLowerCase())))
                .isInstanceOfAny(NotFoundException.class, dev.orgkit.InvalidInputException.class);
    }
}
