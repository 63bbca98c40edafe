package dev.orgkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doNothing;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.orgkit.AccessDeniedException;
import dev.orgkit.ConflictException;
import dev.orgkit.EmailAddress;
import dev.orgkit.OrgKit;
import dev.orgkit.Principal;
import dev.orgkit.StorageException;
import dev.orgkit.UserId;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.AccountId;
import dev.orgkit.account.Organization;
import dev.orgkit.audit.AuditAction;
import dev.orgkit.delivery.DeliveryStatus;
import dev.orgkit.invitation.BulkInvitation;
import dev.orgkit.invitation.Invitation;
import dev.orgkit.invitation.InviteRequest;
import dev.orgkit.member.Membership;
import dev.orgkit.member.Role;
import dev.orgkit.plan.Plan;
import dev.orgkit.policy.DenialCode;
import dev.orgkit.spi.DeliveryRecord;
import dev.orgkit.spi.EventListener;
import dev.orgkit.spi.Mailer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/**
 * What a fake storage cannot show: which storage writes a command makes, and when the mailer and the
 * event listeners are called relative to the commit. The stores are Mockito mocks; a refused command
 * must call no write method of any store and reach neither the mailer nor a listener, and a mail or
 * an event must only ever follow a commit.
 */
class CommandsOnMockedStorageTest {
    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private static final AccountId ACME = AccountId.of("org_acme");
    private static final UserPrincipal ANA = Principal.user("u-ana", "ana@example.com");
    private static final UserPrincipal BOB = Principal.user("u-bob", "bob@example.com");
    private static final UserId CLEO = UserId.of("u-cleo");

    private final MockedStorage storage = new MockedStorage();
    private final Mailer mailer = mock(Mailer.class);
    private final EventListener listener = mock(EventListener.class);
    private OrgKit kit;

    @BeforeEach
    void acme_has_ana_as_admin_bob_as_member_and_cleo_as_admin() {
        kit = OrgKit.builder().storage(storage.storage).mailer(mailer).eventListener(listener)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
        var acme = new Organization(ACME, "Acme", "Acme SAS", EmailAddress.of("alerts@acme.example"),
                EmailAddress.of("billing@acme.example"), ANA.userId(), NOW, 1);
        when(storage.accounts.lock(ACME)).thenReturn(Optional.of(acme));
        when(storage.accounts.find(ACME)).thenReturn(Optional.of(acme));
        member(ANA.userId(), "ana@example.com", Role.ADMIN);
        member(BOB.userId(), "bob@example.com", Role.MEMBER);
        member(CLEO, "cleo@example.com", Role.ADMIN);
    }

    private void member(UserId user, String email, Role role) {
        when(storage.members.find(ACME, user))
                .thenReturn(Optional.of(new Membership(ACME, user, EmailAddress.of(email), role, NOW)));
    }

    @Test
    void a_member_who_invites_writes_nothing_and_sends_no_mail() {
        assertThatThrownBy(() -> kit.members().invite(BOB, ACME, "eve@example.com", Role.MEMBER))
                .isInstanceOfSatisfying(AccessDeniedException.class,
                        e -> assertThat(e.code()).isEqualTo(DenialCode.ADMIN_ROLE_REQUIRED));

        assertNothingWrittenSentOrPublished();
    }

    @Test
    void an_invitation_for_which_no_seat_is_left_writes_nothing_and_sends_no_mail() {
        when(storage.plans.find(ACME)).thenReturn(Optional.of(Plan.unlimited().seats(4)));
        when(storage.members.count(ACME)).thenReturn(3L);
        when(storage.invitations.countPending(ACME, NOW)).thenReturn(1L);

        assertThatThrownBy(() -> kit.members().invite(ANA, ACME, "eve@example.com", Role.MEMBER))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.code()).isEqualTo(DenialCode.SEAT_LIMIT_REACHED));
        assertThatThrownBy(() -> kit.members().inviteWithLink(ANA, ACME, "eve@example.com", Role.MEMBER))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.code()).isEqualTo(DenialCode.SEAT_LIMIT_REACHED));
        assertNothingWrittenSentOrPublished();

        // A batch reports the refused row instead of throwing: its transaction commits, having written nothing.
        BulkInvitation bulk = kit.members().inviteAll(ANA, ACME, List.of(new InviteRequest("eve@example.com", Role.MEMBER)));

        assertThat(bulk.outcomes()).singleElement()
                .satisfies(row -> assertThat(row.refusal()).contains(DenialCode.SEAT_LIMIT_REACHED));
        assertThat(storage.writes()).isEmpty();
        verifyNoInteractions(mailer, listener);
    }

    @Test
    void the_rows_of_a_batch_are_written_in_one_transaction_that_a_storage_failure_undoes_whole() {
        doNothing().doThrow(new StorageException("connection lost", new RuntimeException()))
                .when(storage.invitations).insert(any(), any());

        assertThatThrownBy(() -> kit.members().inviteAll(ANA, ACME, List.of(
                new InviteRequest("eve@example.com", Role.MEMBER), new InviteRequest("fay@example.com", Role.MEMBER))))
                .isInstanceOf(StorageException.class);

        verify(storage.storage, times(1)).write(any());
        verify(storage.invitations, times(2)).insert(any(), any());
        verify(storage.commits, never()).run();
        verifyNoInteractions(mailer, listener);
    }

    @Test
    void a_removal_confirmed_with_a_mistyped_email_writes_nothing() {
        assertThatThrownBy(() -> kit.members().remove(ANA, ACME, BOB.userId(), "bob@exmaple.com"))
                .isInstanceOfSatisfying(AccessDeniedException.class,
                        e -> assertThat(e.code()).isEqualTo(DenialCode.CONFIRMATION_MISMATCH));

        assertNothingWrittenSentOrPublished();
    }

    @Test
    void an_admin_who_demotes_another_admin_writes_nothing() {
        assertThatThrownBy(() -> kit.members().changeRole(ANA, ACME, CLEO, Role.MEMBER))
                .isInstanceOfSatisfying(AccessDeniedException.class,
                        e -> assertThat(e.code()).isEqualTo(DenialCode.ADMIN_CHANGE_REQUIRES_SUPPORT));

        assertNothingWrittenSentOrPublished();
    }

    @Test
    void the_last_admin_who_leaves_writes_nothing() {
        when(storage.members.count(ACME, Role.ADMIN)).thenReturn(1L);

        assertThatThrownBy(() -> kit.organizations().leave(ANA, ACME, "Acme"))
                .isInstanceOfSatisfying(AccessDeniedException.class,
                        e -> assertThat(e.code()).isEqualTo(DenialCode.LAST_ADMIN));

        assertNothingWrittenSentOrPublished();
    }

    @Test
    void an_invitation_is_committed_before_its_event_is_published_and_before_its_mail_is_sent() {
        deliveriesBehaveLikeAnOutbox();

        kit.members().invite(ANA, ACME, "eve@example.com", Role.MEMBER);

        InOrder order = inOrder(storage.commits, listener, mailer);
        order.verify(storage.commits).run();
        order.verify(listener).onEvent(argThat(event -> event.action() == AuditAction.MEMBER_INVITED));
        order.verify(storage.commits).run();
        order.verify(mailer).send(any());
        order.verify(storage.commits).run();
        order.verify(listener).onEvent(argThat(event -> event.action() == AuditAction.INVITATION_MAIL_SENT));
        order.verifyNoMoreInteractions();
    }

    @Test
    void a_mailer_that_fails_after_the_commit_leaves_the_invitation_and_records_a_failed_attempt() {
        deliveriesBehaveLikeAnOutbox();
        doThrow(new IllegalStateException("SMTP server unreachable")).when(mailer).send(any());

        Invitation invitation = kit.members().invite(ANA, ACME, "eve@example.com", Role.MEMBER);

        assertThat(invitation.email().value()).isEqualTo("eve@example.com");
        verify(storage.invitations).insert(argThat(i -> i.id().equals(invitation.id())), any());
        verify(storage.deliveries).settle(argThat(d -> d.status() == DeliveryStatus.FAILED), anyString());
        verify(storage.audit).append(argThat(e -> e.action() == AuditAction.INVITATION_MAIL_FAILED
                && e.details().get("error").contains("SMTP server unreachable")));
        verify(storage.invitations, never()).updateStatus(any(), any(), any());
    }

    /**
     * Stubs the reads and conditional updates of an invite and its dispatch: the inserted invitation
     * and its delivery are found again, and the claim succeeds once.
     */
    private void deliveriesBehaveLikeAnOutbox() {
        var inserted = new AtomicReference<Invitation>();
        var delivery = new AtomicReference<DeliveryRecord>();
        doAnswer(call -> {
            inserted.set(call.getArgument(0));
            return null;
        }).when(storage.invitations).insert(any(), any());
        when(storage.invitations.find(any())).thenAnswer(call -> Optional.ofNullable(inserted.get()));
        doAnswer(call -> {
            delivery.set(call.getArgument(0));
            return null;
        }).when(storage.deliveries).put(any());
        when(storage.deliveries.claim(any(), anyString(), eq(NOW), any())).thenAnswer(call -> {
            delivery.set(delivery.get().claimed(call.getArgument(1), NOW, call.getArgument(3)));
            return true;
        });
        when(storage.deliveries.find(any())).thenAnswer(call -> Optional.ofNullable(delivery.get()));
        when(storage.deliveries.settle(any(), anyString())).thenAnswer(call -> {
            delivery.set(call.getArgument(0));
            return true;
        });
    }

    private void assertNothingWrittenSentOrPublished() {
        assertThat(storage.writes()).isEmpty();
        verify(storage.commits, never()).run();
        verifyNoInteractions(mailer, listener);
    }

}
