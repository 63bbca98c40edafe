package dev.orgkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

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
import dev.orgkit.delivery.BackgroundDispatcher;
import dev.orgkit.delivery.DeliveryStatus;
import dev.orgkit.delivery.DispatchSummary;
import dev.orgkit.delivery.InvitationDelivery;
import dev.orgkit.invitation.Invitation;
import dev.orgkit.invitation.InvitationId;
import dev.orgkit.mail.InvitationMail;
import dev.orgkit.invitation.InvitationStatus;
import dev.orgkit.member.Role;
import dev.orgkit.policy.DenialCode;
import dev.orgkit.spi.Mailer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Invitations through their life (preview, resend, revoke, decline, expiry) and the delivery of
 * their mails (outbox, retries with backoff, giving up, claims by concurrent dispatchers, no secret
 * anywhere).
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

    // ---- delivery ----

    /** A kit on the same storage and clock as {@link #kit}, with another retry schedule. */
    protected OrgKit kitWithRetries(Duration base, Duration cap, int maxAttempts) {
        return OrgKit.builder().storage(storage).mailer(mailer).clock(clock)
                .deliveryBackoff(base, cap).deliveryMaxAttempts(maxAttempts).build();
    }

    @Test
    void an_invitation_survives_a_mail_outage_and_is_delivered_later_with_a_working_link() {
        UserPrincipal ana = user("ana");
        Organization org = acme(ana);
        mailer.failing(true);

        Invitation invitation = inviteBob(ana, org);

        String undelivered = mailer.attempted().get(0).token();
        InvitationDelivery failed = kit.invitations().delivery(ana, invitation.id());
        assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.lastAttemptAt()).contains(START);
        assertThat(failed.lastError()).hasValueSatisfying(error -> assertThat(error)
                .contains("mail server unreachable").contains("<redacted>").doesNotContain(undelivered));
        assertThat(failed.nextAttemptAt()).contains(START.plus(Duration.ofMinutes(1)));
        assertThat(kit.invitations().pending(ana, org.id(), PageRequest.first(10)).items()).hasSize(1);
        // The token of the failed attempt never reached anyone, and never works.
        assertThatThrownBy(() -> kit.invitations().preview(undelivered)).isInstanceOf(NotFoundException.class);

        mailer.failing(false);
        assertThat(kit.deliveries().dispatchPending().total()).isZero();
        clock.advance(Duration.ofMinutes(1));
        assertThat(kit.deliveries().dispatchPending()).isEqualTo(new DispatchSummary(1, 0, 0));

        assertThat(mailer.sent()).hasSize(1);
        assertThatThrownBy(() -> kit.invitations().accept(user("bob"), undelivered))
                .isInstanceOf(NotFoundException.class);
        kit.invitations().accept(user("bob"), mailer.lastTokenFor("bob@example.com"));
        InvitationDelivery sent = kit.invitations().delivery(ana, invitation.id());
        assertThat(sent.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(sent.attempts()).isEqualTo(2);
        assertThat(sent.lastError()).isEmpty();
        assertThat(sent.nextAttemptAt()).isEmpty();
    }

    @Test
    void a_mail_sent_at_once_is_not_sent_again() {
        UserPrincipal ana = user("ana");
        Organization org = acme(ana);
        Invitation invitation = inviteBob(ana, org);
        clock.advance(Duration.ofDays(1));

        assertThat(kit.deliveries().dispatchPending().total()).isZero();
        assertThat(mailer.sent()).hasSize(1);
        assertThat(kit.invitations().delivery(ana, invitation.id()).status()).isEqualTo(DeliveryStatus.SENT);
    }

    @Test
    void retries_wait_twice_as_long_each_time_up_to_the_cap() {
        OrgKit retrying = kitWithRetries(Duration.ofMinutes(1), Duration.ofMinutes(4), 10);
        UserPrincipal ana = user("ana");
        Organization org = acme(ana);
        mailer.failing(true);
        Invitation invitation = retrying.members().invite(ana, org.id(), "bob@example.com", Role.MEMBER);

        List<Duration> waits = List.of(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4),
                Duration.ofMinutes(4));
        for (int i = 0; i < waits.size(); i++) {
            Duration wait = waits.get(i);
            assertThat(retrying.invitations().delivery(ana, invitation.id()).nextAttemptAt())
                    .contains(clock.instant().plus(wait));
            clock.advance(wait.minusSeconds(1));
            assertThat(retrying.deliveries().dispatchPending().total()).as("before the wait of %s ends", wait).isZero();
            clock.advance(Duration.ofSeconds(1));
            assertThat(retrying.deliveries().dispatchPending()).isEqualTo(new DispatchSummary(0, 1, 0));
            assertThat(retrying.invitations().delivery(ana, invitation.id()).attempts()).isEqualTo(i + 2);
        }
    }

    @Test
    void a_delivery_is_given_up_after_the_last_attempt_and_a_resend_starts_again() {
        OrgKit retrying = kitWithRetries(Duration.ofMinutes(1), Duration.ofMinutes(1), 3);
        UserPrincipal ana = user("ana");
        Organization org = acme(ana);
        mailer.failing(true);
        Invitation invitation = retrying.members().invite(ana, org.id(), "bob@example.com", Role.MEMBER);
        clock.advance(Duration.ofMinutes(1));
        assertThat(retrying.deliveries().dispatchPending()).isEqualTo(new DispatchSummary(0, 1, 0));
        clock.advance(Duration.ofMinutes(1));
        assertThat(retrying.deliveries().dispatchPending()).isEqualTo(new DispatchSummary(0, 0, 1));

        InvitationDelivery givenUp = retrying.invitations().delivery(ana, invitation.id());
        assertThat(givenUp.status()).isEqualTo(DeliveryStatus.GIVEN_UP);
        assertThat(givenUp.attempts()).isEqualTo(3);
        assertThat(givenUp.nextAttemptAt()).isEmpty();
        clock.advance(Duration.ofHours(1));
        assertThat(retrying.deliveries().dispatchPending().total()).isZero();
        assertThat(mailer.attempted()).hasSize(3);

        mailer.failing(false);
        retrying.invitations().resend(ana, invitation.id());
        InvitationDelivery resent = retrying.invitations().delivery(ana, invitation.id());
        assertThat(resent.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(resent.attempts()).isEqualTo(1);
        retrying.invitations().accept(user("bob"), mailer.lastTokenFor("bob@example.com"));
    }

    @Test
    void a_revoked_invitation_is_not_mailed_any_more() {
        UserPrincipal ana = user("ana");
        Organization org = acme(ana);
        mailer.failing(true);
        Invitation invitation = inviteBob(ana, org);
        kit.invitations().revoke(ana, invitation.id());
        mailer.failing(false);
        clock.advance(Duration.ofHours(1));

        assertThat(kit.deliveries().dispatchPending().total()).isZero();

        assertThat(mailer.sent()).isEmpty();
        InvitationDelivery delivery = kit.invitations().delivery(ana, invitation.id());
        assertThat(delivery.status()).isEqualTo(DeliveryStatus.GIVEN_UP);
        assertThat(delivery.lastError()).contains("no more attempts: the invitation is revoked");
    }

    @Test
    void an_invitation_that_expired_before_its_mail_went_out_is_not_mailed() {
        UserPrincipal ana = user("ana");
        Organization org = acme(ana);
        mailer.failing(true);
        Invitation invitation = inviteBob(ana, org);
        mailer.failing(false);
        clock.advance(Duration.ofDays(7));

        assertThat(kit.deliveries().dispatchPending()).isEqualTo(new DispatchSummary(0, 0, 1));

        assertThat(mailer.sent()).isEmpty();
        assertThat(kit.invitations().delivery(ana, invitation.id()).lastError())
                .contains("not sent: the invitation is expired");
    }

    @Test
    void every_attempt_has_its_own_message_id_and_the_mail_carries_what_the_invitee_needs() {
        UserPrincipal ana = user("ana");
        Organization org = acme(ana);
        mailer.failing(true);
        Invitation invitation = inviteBob(ana, org);
        mailer.failing(false);
        clock.advance(Duration.ofMinutes(1));
        kit.deliveries().dispatchPending();
        kit.invitations().resend(ana, invitation.id());

        List<InvitationMail> mails = mailer.attempted();
        assertThat(mails).hasSize(3);
        assertThat(mails).extracting(InvitationMail::messageId).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).startsWith(invitation.id().value() + "."));
        InvitationMail last = mails.get(2);
        assertThat(last.recipient().value()).isEqualTo("bob@example.com");
        assertThat(last.organizationName()).isEqualTo("Acme");
        assertThat(last.inviterEmail().value()).isEqualTo("ana@example.com");
        assertThat(last.role()).isEqualTo(Role.MEMBER);
        assertThat(last.acceptLink().toString()).isEqualTo("/invitations/" + last.token());
        assertThat(last.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofDays(7)));
        assertThat(last.token()).hasSizeGreaterThanOrEqualTo(43).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void a_resend_while_a_mail_is_on_its_way_makes_that_mails_link_useless() {
        UserPrincipal ana = user("ana");
        Organization org = acme(ana);
        List<String> tokens = new ArrayList<>();
        var resentMeanwhile = new AtomicBoolean();
        var self = new AtomicReference<OrgKit>();
        // The admin resends while the first mail is still with the mailer (after its claim committed).
        Mailer racing = sent -> {
            InvitationMail mail = (InvitationMail) sent;
            tokens.add(mail.token());
            if (resentMeanwhile.compareAndSet(false, true)) {
                self.get().invitations().resend(ana, mail.invitationId());
            }
        };
        OrgKit racingKit = OrgKit.builder().storage(storage).mailer(racing).clock(clock).build();
        self.set(racingKit);

        Invitation invitation = racingKit.members().invite(ana, org.id(), "bob@example.com", Role.MEMBER);

        assertThat(tokens).hasSize(2);
        assertThatThrownBy(() -> racingKit.invitations().preview(tokens.get(0))).isInstanceOf(NotFoundException.class);
        InvitationDelivery delivery = racingKit.invitations().delivery(ana, invitation.id());
        assertThat(delivery.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(delivery.attempts()).isEqualTo(1);
        racingKit.invitations().accept(user("bob"), tokens.get(1));
    }

    @Test
    void a_failing_link_function_loses_no_invitation_blocks_no_other_mail_and_leaks_no_token() {
        List<String> tokens = new ArrayList<>();
        OrgKit broken = OrgKit.builder().storage(storage).mailer(mailer).clock(clock)
                .invitationLink(token -> {
                    tokens.add(token);
                    throw new IllegalArgumentException("no link for " + token);
                }).build();
        UserPrincipal ana = user("ana");
        Organization org = acme(ana);

        Invitation invitation = broken.members().invite(ana, org.id(), "bob@example.com", Role.MEMBER);

        assertThat(broken.invitations().pending(ana, org.id(), PageRequest.first(10)).items()).hasSize(1);
        InvitationDelivery delivery = broken.invitations().delivery(ana, invitation.id());
        assertThat(delivery.status()).as("recorded as a failed attempt, so it backs off").isEqualTo(DeliveryStatus.FAILED);
        assertThat(delivery.attempts()).isEqualTo(1);
        assertThat(tokens).hasSize(1);
        assertThat(delivery.lastError()).hasValueSatisfying(error -> assertThat(error)
                .contains("invitationLink").doesNotContain(tokens.get(0)));
        assertThat(broken.audit().list(ana, org.id(), PageRequest.first(1)).items().get(0))
                .satisfies(event -> assertThat(event.action()).isEqualTo(AuditAction.INVITATION_MAIL_FAILED))
                .satisfies(event -> assertThat(event.toString()).doesNotContain(tokens.get(0)));
        assertThat(mailer.attempted()).isEmpty();

        // Another invitation's mail is not held up by the broken one.
        kit.members().invite(ana, org.id(), "carol@example.com", Role.MEMBER);
        assertThat(mailer.lastTokenFor("carol@example.com")).isNotBlank();

        // With the host's function fixed, the same delivery goes out once its backoff has passed.
        clock.advance(Duration.ofHours(1));
        kit.deliveries().dispatchPending();
        kit.invitations().accept(user("bob"), mailer.lastTokenFor("bob@example.com"));
    }

    @Test
    void two_dispatchers_at_once_never_send_one_delivery_twice() throws Exception {
        UserPrincipal ana = user("ana");
        Organization org = acme(ana);
        mailer.failing(true);
        int invitations = 40;
        for (int i = 0; i < invitations; i++) {
            kit.members().invite(ana, org.id(), "guest" + i + "@example.com", Role.MEMBER);
        }
        mailer.failing(false);
        clock.advance(Duration.ofMinutes(1));
        // Two kits on the same storage stand for two JVMs; a mailer that takes a moment makes their
        // rounds overlap.
        Mailer slow = mail -> {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            mailer.send(mail);
        };
        OrgKit one = OrgKit.builder().storage(storage).mailer(slow).clock(clock).build();
        OrgKit other = OrgKit.builder().storage(storage).mailer(slow).clock(clock).build();
        var start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<DispatchSummary> first = pool.submit(() -> {
                start.await();
                return one.deliveries().dispatchPending();
            });
            Future<DispatchSummary> second = pool.submit(() -> {
                start.await();
                return other.deliveries().dispatchPending();
            });
            start.countDown();
            int sent = first.get(60, TimeUnit.SECONDS).sent() + second.get(60, TimeUnit.SECONDS).sent();
            assertThat(sent).isEqualTo(invitations);
        } finally {
            pool.shutdownNow();
        }
        assertThat(mailer.sent()).hasSize(invitations)
                .extracting(mail -> mail.invitationId().value()).doesNotHaveDuplicates();
        assertThat(kit.deliveries().dispatchPending().total()).isZero();
    }

    @Test
    void a_background_dispatcher_delivers_what_is_due_until_it_is_stopped() throws Exception {
        UserPrincipal ana = user("ana");
        Organization org = acme(ana);
        mailer.failing(true);
        Invitation invitation = inviteBob(ana, org);
        mailer.failing(false);
        clock.advance(Duration.ofMinutes(1));

        BackgroundDispatcher dispatcher = kit.deliveries().startDispatcher(Duration.ofMillis(20));
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (mailer.sent().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } finally {
            dispatcher.close();
        }
        dispatcher.close();
        assertThat(mailer.sent()).hasSize(1);
        assertThat(kit.invitations().delivery(ana, invitation.id()).status()).isEqualTo(DeliveryStatus.SENT);

        // Stopped: a new failure is not retried in the background.
        mailer.failing(true);
        kit.invitations().resend(ana, invitation.id());
        mailer.failing(false);
        clock.advance(Duration.ofMinutes(1));
        Thread.sleep(100);
        assertThat(mailer.sent()).hasSize(1);
        assertThatThrownBy(() -> kit.deliveries().startDispatcher(Duration.ZERO))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void stopping_the_background_dispatcher_waits_for_the_round_in_progress() throws Exception {
        UserPrincipal ana = user("ana");
        Organization org = acme(ana);
        mailer.failing(true);
        Invitation invitation = inviteBob(ana, org);
        mailer.failing(false);
        clock.advance(Duration.ofMinutes(1));
        var sending = new CountDownLatch(1);
        Mailer slow = mail -> {
            sending.countDown();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while sending", e);
            }
            mailer.send(mail);
        };
        OrgKit slowKit = OrgKit.builder().storage(storage).mailer(slow).clock(clock).build();
        BackgroundDispatcher dispatcher = slowKit.deliveries().startDispatcher(Duration.ofMillis(10));
        assertThat(sending.await(30, TimeUnit.SECONDS)).as("a round started sending").isTrue();

        dispatcher.close();

        assertThat(mailer.sent()).hasSize(1);
        assertThat(slowKit.invitations().delivery(ana, invitation.id()).status()).isEqualTo(DeliveryStatus.SENT);
    }

    @Test
    void no_plaintext_token_appears_in_audit_events_errors_delivery_states_or_descriptions() {
        UserPrincipal ana = user("ana");
        UserPrincipal bob = user("bob");
        Organization org = acme(ana);
        mailer.failing(true);
        Invitation invitation = inviteBob(ana, org);
        mailer.failing(false);
        kit.invitations().resend(ana, invitation.id());
        String token = mailer.lastTokenFor("bob@example.com");
        List<String> seen = new ArrayList<>();
        for (Runnable call : List.<Runnable>of(
                () -> kit.invitations().accept(user("eve"), token),
                () -> kit.invitations().decline(user("eve"), token),
                () -> kit.invitations().accept(bob, token + "x"),
                () -> kit.invitations().preview(token + " "))) {
            try {
                call.run();
                throw new AssertionError("expected a rejection");
            } catch (RuntimeException e) {
                seen.add(e.toString());
                seen.add(String.valueOf(e.getCause()));
            }
        }
        kit.invitations().accept(bob, token);
        seen.add(kit.invitations().delivery(ana, invitation.id()).toString());
        seen.add(kit.invitations().preview(token).toString());
        seen.add(invitation.toString());
        mailer.attempted().forEach(mail -> seen.add(mail.toString()));
        kit.audit().list(ana, org.id(), PageRequest.first(100)).items().forEach(event -> seen.add(event.toString()));

        assertThat(mailer.attempted()).hasSize(2);
        for (InvitationMail mail : mailer.attempted()) {
            assertThat(seen).noneMatch(text -> text.contains(mail.token()));
        }
        assertThat(seen).anyMatch(text -> text.contains(AuditAction.INVITATION_RESENT.name()));
    }
}
