package dev.orgkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.orgkit.InvalidInputException;
import dev.orgkit.OrgKit;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.AccountId;
import dev.orgkit.account.Organization;
import dev.orgkit.audit.AuditAction;
import dev.orgkit.audit.AuditEvent;
import dev.orgkit.invitation.BulkInvitation;
import dev.orgkit.invitation.Invitation;
import dev.orgkit.invitation.InviteOutcome;
import dev.orgkit.invitation.InviteRequest;
import dev.orgkit.mail.InvitationMail;
import dev.orgkit.member.Members;
import dev.orgkit.member.Role;
import dev.orgkit.plan.Plan;
import dev.orgkit.policy.DenialCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Bulk invitations ({@code members().inviteAll}): one outcome per row in input order (invited, refused
 * by a rule, or invalid), the invited rows in one transaction and their mails after it, duplicates of
 * the batch reported and invited once, the seats shared out in input order, and bad calls refused whole.
 *
 * @since 0.2.0
 */
public abstract class BulkInvitationContract extends ContractFixture {
    /** An admin of Acme. */
    protected final UserPrincipal ana = user("ana");

    private static InviteRequest row(String email, Role role) {
        return new InviteRequest(email, role);
    }

    private static List<InviteRequest> rows(int count) {
        return IntStream.range(0, count).mapToObj(i -> row("user" + i + "@example.com", Role.MEMBER)).toList();
    }

    @Test
    void every_row_gets_its_outcome_in_input_order_and_only_the_valid_new_ones_are_invited() {
        Organization acme = acme(ana);
        join(ana, acme.id(), user("carl"), Role.MEMBER);
        kit.members().invite(ana, acme.id(), "dan@example.com", Role.MEMBER);
        int mails = mailer.sent().size();

        BulkInvitation bulk = kit.members().inviteAll(ana, acme.id(), List.of(
                row("bob@example.com", Role.MEMBER),
                row(" BOB@Example.com ", Role.ADMIN),
                row("not an address", Role.MEMBER),
                row("carl@example.com", Role.MEMBER),
                row("dan@example.com", Role.ADMIN),
                row("eve@example.com", Role.ADMIN)));

        List<InviteOutcome> outcomes = bulk.outcomes();
        assertThat(outcomes).extracting(InviteOutcome::email).containsExactly("bob@example.com",
                " BOB@Example.com ", "not an address", "carl@example.com", "dan@example.com", "eve@example.com");
        assertThat(outcomes.get(0).invitation()).hasValueSatisfying(i -> assertThat(i.role()).isEqualTo(Role.MEMBER));
        assertThat(outcomes.get(1).violations()).singleElement().asString().contains("row 1");
        assertThat(outcomes.get(2).violations()).singleElement().asString().startsWith("email ");
        assertThat(outcomes.get(3).refusal()).contains(DenialCode.ALREADY_A_MEMBER);
        assertThat(outcomes.get(4).refusal()).contains(DenialCode.INVITATION_ALREADY_PENDING);
        assertThat(outcomes.get(5).invitation()).hasValueSatisfying(i -> assertThat(i.role()).isEqualTo(Role.ADMIN));
        assertThat(outcomes).filteredOn(InviteOutcome::isInvited).hasSize(2);

        assertThat(pending(ana, acme.id())).extracting(i -> i.email().value(), Invitation::role)
                .containsExactlyInAnyOrder(tuple("bob@example.com", Role.MEMBER), tuple("dan@example.com", Role.MEMBER),
                        tuple("eve@example.com", Role.ADMIN));
        assertThat(mailer.sent().subList(mails, mailer.sent().size())).extracting(m -> m.recipient().value())
                .containsExactlyInAnyOrder("bob@example.com", "eve@example.com");
        assertThat(trail(acme.id())).filteredOn(e -> e.action() == AuditAction.MEMBER_INVITED)
                .extracting(AuditEvent::target)
                .contains(bulk.invitations().get(0).id().value(), bulk.invitations().get(1).id().value())
                .hasSize(4);
    }

    @Test
    void an_invited_row_joins_through_its_mailed_link() {
        Organization acme = acme(ana);

        kit.members().inviteAll(ana, acme.id(), List.of(row("bob@example.com", Role.ADMIN)));

        assertThat(kit.invitations().accept(user("bob"), mailer.lastTokenFor("bob@example.com")).role())
                .isEqualTo(Role.ADMIN);
    }

    @Test
    void when_the_seats_run_out_the_rows_in_input_order_take_them_and_the_later_ones_are_refused() {
        Organization acme = acme(ana);
        join(ana, acme.id(), user("carl"), Role.MEMBER);
        kit.plans().assign(acme.id(), Plan.unlimited().seats(4));

        BulkInvitation bulk = kit.members().inviteAll(ana, acme.id(), List.of(
                row("carl@example.com", Role.MEMBER),
                row("bob@example.com", Role.MEMBER),
                row("bad@", Role.MEMBER),
                row("dan@example.com", Role.MEMBER),
                row("eve@example.com", Role.MEMBER),
                row("fay@example.com", Role.MEMBER)));

        assertThat(bulk.outcomes()).extracting(o -> o.invitation().isPresent(), InviteOutcome::refusal)
                .containsExactly(
                        tuple(false, Optional.of(DenialCode.ALREADY_A_MEMBER)),
                        tuple(true, Optional.empty()),
                        tuple(false, Optional.empty()),
                        tuple(true, Optional.empty()),
                        tuple(false, Optional.of(DenialCode.SEAT_LIMIT_REACHED)),
                        tuple(false, Optional.of(DenialCode.SEAT_LIMIT_REACHED)));
        assertThat(pending(ana, acme.id())).extracting(i -> i.email().value())
                .containsExactlyInAnyOrder("bob@example.com", "dan@example.com");
    }

    @Test
    void a_row_whose_earlier_invitation_expired_is_invited_anew() {
        Organization acme = acme(ana);
        Invitation old = kit.members().invite(ana, acme.id(), "bob@example.com", Role.MEMBER);
        clock.advance(OrgKit.Builder.DEFAULT_INVITATION_TTL.plusMinutes(1));

        BulkInvitation bulk = kit.members().inviteAll(ana, acme.id(), List.of(row("bob@example.com", Role.ADMIN)));

        Invitation fresh = bulk.invitations().get(0);
        assertThat(fresh.id()).isNotEqualTo(old.id());
        assertThat(pending(ana, acme.id())).containsExactly(fresh);
    }

    @Test
    void the_mails_go_out_after_the_commit_and_a_failing_mailer_undoes_no_invitation() {
        Organization acme = acme(ana);
        mailer.failing(true);

        BulkInvitation bulk = kit.members().inviteAll(ana, acme.id(), rows(3));

        assertThat(bulk.invitations()).hasSize(3);
        assertThat(pending(ana, acme.id())).containsExactlyInAnyOrderElementsOf(bulk.invitations());
        assertThat(mailer.attempted()).hasSize(3);
        assertThat(mailer.sent()).isEmpty();
        mailer.failing(false);
        clock.advance(Duration.ofHours(1));
        kit.deliveries().dispatchPending();
        assertThat(mailer.sent()).extracting(InvitationMail::invitationId)
                .containsExactlyInAnyOrderElementsOf(bulk.invitations().stream().map(Invitation::id).toList());
    }

    @Test
    void an_empty_batch_or_one_over_the_limit_is_invalid_and_writes_nothing() {
        Organization acme = acme(ana);
        int events = trail(acme.id()).size();

        assertThat(invalid(() -> kit.members().inviteAll(ana, acme.id(), List.of())).violations())
                .extracting(InvalidInputException.Violation::field).containsExactly("invitations");
        assertThat(invalid(() -> kit.members().inviteAll(ana, acme.id(), rows(Members.MAX_BULK_INVITATIONS + 1)))
                .violations()).extracting(InvalidInputException.Violation::field).containsExactly("invitations");
        assertThat(invalid(() -> kit.members().inviteAll(ana, acme.id(), null)).violations())
                .extracting(InvalidInputException.Violation::field).containsExactly("invitations");
        List<InviteRequest> withNull = new ArrayList<>(rows(3));
        withNull.set(1, null);
        assertThat(invalid(() -> kit.members().inviteAll(ana, acme.id(), withNull)).violations())
                .extracting(InvalidInputException.Violation::field).containsExactly("invitations[1]");
        assertThat(invalid(() -> kit.members().inviteAll(null, null, rows(1))).violations())
                .extracting(InvalidInputException.Violation::field).containsExactly("admin", "organizationId");
        assertThat(invalid(() -> row(null, null)).violations())
                .extracting(InvalidInputException.Violation::field).containsExactly("email", "role");

        assertThat(pending(ana, acme.id())).isEmpty();
        assertThat(trail(acme.id())).hasSize(events);
        assertThat(mailer.attempted()).isEmpty();
    }

    @Test
    void a_full_batch_of_the_largest_size_is_invited_in_one_go() {
        Organization acme = acme(ana);

        BulkInvitation bulk = kit.members().inviteAll(ana, acme.id(), rows(Members.MAX_BULK_INVITATIONS));

        assertThat(bulk.invitations()).hasSize(Members.MAX_BULK_INVITATIONS);
        assertThat(pending(ana, acme.id())).hasSize(Members.MAX_BULK_INVITATIONS);
        assertThat(mailer.sent()).hasSize(Members.MAX_BULK_INVITATIONS);
    }

    @Test
    void a_caller_who_may_not_invite_is_refused_for_the_whole_batch() {
        Organization acme = acme(ana);
        UserPrincipal bob = user("bob");
        join(ana, acme.id(), bob, Role.MEMBER);
        AccountId anasPersonal = kit.accounts().personal(ana).id();
        int events = trail(acme.id()).size();
        int mails = mailer.attempted().size();

        assertThat(refusal(() -> kit.members().inviteAll(bob, acme.id(), rows(2))))
                .isEqualTo(DenialCode.ADMIN_ROLE_REQUIRED);
        assertThat(refusal(() -> kit.members().inviteAll(user("mallory"), acme.id(), rows(2))))
                .isEqualTo(DenialCode.NOT_FOUND);
        assertThat(refusal(() -> kit.members().inviteAll(ana, AccountId.of("acc_unknown"), rows(2))))
                .isEqualTo(DenialCode.NOT_FOUND);
        assertThat(refusal(() -> kit.members().inviteAll(ana, anasPersonal, rows(2))))
                .isEqualTo(DenialCode.PERSONAL_ACCOUNT_CANNOT_HAVE_MEMBERS);

        assertThat(pending(ana, acme.id())).isEmpty();
        assertThat(trail(acme.id())).hasSize(events);
        assertThat(mailer.attempted()).hasSize(mails);
    }

    @Test
    void the_result_is_immutable_and_copies_its_rows() {
        Organization acme = acme(ana);
        List<InviteRequest> requests = new ArrayList<>(rows(2));

        BulkInvitation bulk = kit.members().inviteAll(ana, acme.id(), requests);
        requests.clear();

        assertThat(bulk.outcomes()).hasSize(2);
        assertThatThrownBy(() -> bulk.outcomes().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> bulk.outcomes().get(0).violations().add("x"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
