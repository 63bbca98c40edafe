package dev.orgkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orgkit.InvalidInputException;
import dev.orgkit.InvalidInputException.Violation;
import dev.orgkit.PageRequest;
import dev.orgkit.Principal;
import dev.orgkit.UserId;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.AccountId;
import dev.orgkit.account.NewOrganization;
import dev.orgkit.account.Organization;
import dev.orgkit.account.ProfileUpdate;
import dev.orgkit.audit.AuditEvent;
import dev.orgkit.invitation.Invitation;
import dev.orgkit.invitation.InvitationId;
import dev.orgkit.mail.InvitationMail;
import dev.orgkit.member.Membership;
import dev.orgkit.member.Role;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Input validation: every public method refuses bad input with an {@link InvalidInputException}
 * that lists every violation, and writes nothing.
 *
 * @since 0.1.0
 */
public abstract class ValidationContract extends ContractFixture {
    private static final String CONTROL = "Ac\u0007me";
    private static final List<String> MALFORMED_EMAILS = List.of("bob", "bob@", "@example.com", "bob@example..com",
            "bob smith@example.com", "bob@example.com\nBcc: eve@example.com", "bob@-example.com",
            "b".repeat(250) + "@example.com", "bob@exa_mple.com", "bob@@example.com");

    private UserPrincipal ana;
    private UserPrincipal bob;
    private Organization org;
    private AccountId personal;
    private String token;

    /** An organization with an admin, a member and a pending invitation: state that must not move. */
    @BeforeEach
    void someState() {
        ana = user("ana");
        bob = user("bob");
        org = acme(ana);
        join(ana, org.id(), bob, Role.MEMBER);
        kit.members().invite(ana, org.id(), "cid@example.com", Role.MEMBER);
        token = mailer.lastTokenFor("cid@example.com");
        personal = kit.accounts().personal(ana).id();
    }

    // ---- values that hosts build ----

    @Test
    void ids_are_validated_when_built() {
        for (String bad : new String[] {"", "   ", " padded", "padded ", "a\u0000b", "line\nbreak", "x".repeat(65)}) {
            assertThat(fields(() -> AccountId.of(bad))).as("AccountId %s", bad).containsExactly("accountId");
            assertThat(fields(() -> InvitationId.of(bad))).as("InvitationId %s", bad).containsExactly("invitationId");
        }
        assertThat(fields(() -> AccountId.of(null))).containsExactly("accountId");
        assertThat(fields(() -> UserId.of(null))).containsExactly("userId");
        assertThat(fields(() -> UserId.of("x".repeat(129)))).containsExactly("userId");
        assertThat(fields(() -> UserId.of("tab\tbed"))).containsExactly("userId");
        assertThat(fields(() -> Principal.support(" "))).containsExactly("agentId");
    }

    @Test
    void a_user_principal_lists_both_a_bad_id_and_a_bad_email() {
        assertThat(fields(() -> Principal.user("", "not-an-email"))).hasSize(2);
        assertThat(fields(() -> Principal.user(null, null))).hasSize(2);
        for (String email : MALFORMED_EMAILS) {
            assertThat(fields(() -> Principal.user("u-bob", email))).as(email).hasSize(1);
        }
    }

    @Test
    void page_requests_are_validated_when_built() {
        assertThat(fields(() -> PageRequest.first(0))).containsExactly("size");
        assertThat(fields(() -> PageRequest.first(-1))).containsExactly("size");
        assertThat(fields(() -> PageRequest.first(PageRequest.MAX_SIZE + 1))).containsExactly("size");
        assertThat(fields(() -> PageRequest.after("", 0))).containsExactlyInAnyOrder("size", "cursor");
        assertThat(fields(() -> PageRequest.after("abc\n", 10))).containsExactly("cursor");
        assertThat(fields(() -> PageRequest.after("x".repeat(513), 10))).containsExactly("cursor");
        assertThat(fields(() -> PageRequest.after(null, 10))).containsExactly("cursor");
        assertThat(fields(() -> new PageRequest(10, null))).containsExactly("cursor");
        assertThat(PageRequest.first(PageRequest.MAX_SIZE).size()).isEqualTo(PageRequest.MAX_SIZE);
    }

    // ---- accounts ----

    @Test
    void accounts_refuse_missing_arguments() {
        assertUnchangedAfter(() -> kit.accounts().personal(null), "user");
        assertUnchangedAfter(() -> kit.accounts().overview(null), "user");
        assertUnchangedAfter(() -> kit.accounts().switchTo(null, null), "user", "accountId");
        assertUnchangedAfter(() -> kit.accounts().active(null), "user");
    }

    // ---- organizations ----

    @Test
    void a_new_organization_with_four_bad_fields_yields_four_violations() {
        NewOrganization bad = new NewOrganization(" ", "x".repeat(201), "not-an-email", "billing@");
        InvalidInputException thrown = assertUnchangedAfter(() -> kit.organizations().create(ana, bad),
                "form.accountName", "form.legalName", "form.alertingEmail", "form.invoicingEmail");
        assertThat(thrown.violations()).allSatisfy(v -> assertThat(v.message()).isNotBlank());
    }

    @Test
    void a_new_organization_refuses_control_characters_long_names_and_nulls() {
        assertUnchangedAfter(() -> kit.organizations().create(ana,
                new NewOrganization(CONTROL, "Acme\r\nSAS", "a@acme.example", "b@acme.example")),
                "form.accountName", "form.legalName");
        assertUnchangedAfter(() -> kit.organizations().create(ana,
                new NewOrganization("x".repeat(101), "Acme SAS", "a@acme.example", "b@acme.example")),
                "form.accountName");
        assertUnchangedAfter(() -> kit.organizations().create(ana, new NewOrganization(null, null, null, null)),
                "form.accountName", "form.legalName", "form.alertingEmail", "form.invoicingEmail");
        assertUnchangedAfter(() -> kit.organizations().create(ana, null), "form");
        assertUnchangedAfter(() -> kit.organizations().create(null,
                new NewOrganization("", "Acme SAS", "a@acme.example", "b@acme.example")),
                "creator", "form.accountName");
        for (String email : MALFORMED_EMAILS) {
            assertUnchangedAfter(() -> kit.organizations().create(ana,
                    new NewOrganization("Acme", "Acme SAS", email, "b@acme.example")), "form.alertingEmail");
        }
        assertThat(kit.organizations().create(ana,
                new NewOrganization("x".repeat(100), "y".repeat(200), "a@acme.example", "b@acme.example"))
                .accountName()).hasSize(100);
    }

    @Test
    void get_refuses_missing_arguments() {
        assertUnchangedAfter(() -> kit.organizations().get(null, null), "principal", "organizationId");
    }

    @Test
    void a_profile_update_lists_every_bad_field() {
        assertUnchangedAfter(() -> kit.organizations().updateProfile(ana, org.id(),
                new ProfileUpdate("", "nope", "a@b@c", null)),
                "update.legalName", "update.alertingEmail", "update.invoicingEmail", "update.expectedVersion");
        assertUnchangedAfter(() -> kit.organizations().updateProfile(ana, org.id(),
                new ProfileUpdate("Acme\u0000SAS", "a@acme.example", "b@acme.example", OptionalLong.empty())),
                "update.legalName");
        assertUnchangedAfter(() -> kit.organizations().updateProfile(ana, org.id(), null), "update");
        assertUnchangedAfter(() -> kit.organizations().updateProfile(null, null,
                new ProfileUpdate(" ", "a@acme.example", "b@acme.example")),
                "admin", "organizationId", "update.legalName");
    }

    @Test
    void leave_refuses_a_blank_long_or_garbled_confirmation() {
        assertUnchangedAfter(() -> kit.organizations().leave(bob, org.id(), ""), "typedAccountName");
        assertUnchangedAfter(() -> kit.organizations().leave(bob, org.id(), "  "), "typedAccountName");
        assertUnchangedAfter(() -> kit.organizations().leave(bob, org.id(), null), "typedAccountName");
        assertUnchangedAfter(() -> kit.organizations().leave(bob, org.id(), "Acme\n"), "typedAccountName");
        assertUnchangedAfter(() -> kit.organizations().leave(bob, org.id(), "A".repeat(301)), "typedAccountName");
        assertUnchangedAfter(() -> kit.organizations().leave(null, null, null),
                "member", "organizationId", "typedAccountName");
    }

    // ---- members ----

    @Test
    void invite_refuses_malformed_emails_and_missing_roles() {
        for (String email : MALFORMED_EMAILS) {
            assertUnchangedAfter(() -> kit.members().invite(ana, org.id(), email, Role.MEMBER), "email");
        }
        assertUnchangedAfter(() -> kit.members().invite(ana, org.id(), "", Role.MEMBER), "email");
        assertUnchangedAfter(() -> kit.members().invite(ana, org.id(), null, Role.MEMBER), "email");
        assertUnchangedAfter(() -> kit.members().invite(ana, org.id(), "dan@example.com", null), "role");
        assertUnchangedAfter(() -> kit.members().invite(ana, org.id(), "dan", null), "email", "role");
        assertUnchangedAfter(() -> kit.members().invite(null, null, "dan", null),
                "admin", "organizationId", "email", "role");
    }

    @Test
    void list_refuses_missing_arguments_and_foreign_or_garbled_cursors() {
        assertUnchangedAfter(() -> kit.members().list(null, null, null), "principal", "organizationId", "page");
        assertUnchangedAfter(() -> kit.members().list(ana, org.id(), PageRequest.after("garbage", 5)), "cursor");
        assertUnchangedAfter(() -> kit.members().list(ana, org.id(), PageRequest.after("%%%", 5)), "cursor");
        assertUnchangedAfter(() -> kit.audit().list(ana, org.id(), PageRequest.after("bWVtYmVyc3w", 5)), "cursor");
        assertUnchangedAfter(() -> kit.invitations().pending(ana, org.id(), PageRequest.after("bWVtYmVyc3w", 5)),
                "cursor");
    }

    @Test
    void change_role_refuses_missing_arguments() {
        assertUnchangedAfter(() -> kit.members().changeRole(ana, org.id(), bob.userId(), null), "newRole");
        assertUnchangedAfter(() -> kit.members().changeRole(null, null, null, null),
                "admin", "organizationId", "memberId", "newRole");
    }

    @Test
    void remove_refuses_a_blank_long_or_garbled_confirmation() {
        assertUnchangedAfter(() -> kit.members().remove(ana, org.id(), bob.userId(), ""), "typedEmail");
        assertUnchangedAfter(() -> kit.members().remove(ana, org.id(), bob.userId(), null), "typedEmail");
        assertUnchangedAfter(() -> kit.members().remove(ana, org.id(), bob.userId(), "bob@example.com\u0000"),
                "typedEmail");
        assertUnchangedAfter(() -> kit.members().remove(ana, org.id(), bob.userId(), "b".repeat(301)), "typedEmail");
        assertUnchangedAfter(() -> kit.members().remove(null, null, null, " "),
                "admin", "organizationId", "memberId", "typedEmail");
    }

    // ---- invitations ----

    @Test
    void malformed_tokens_are_refused_without_echoing_them() {
        for (String bad : new String[] {"", "   ", " " + token, token + "\n", token + "\u0000", "x".repeat(129)}) {
            InvalidInputException preview = assertUnchangedAfter(() -> kit.invitations().preview(bad), "token");
            InvalidInputException accept = assertUnchangedAfter(() -> kit.invitations().accept(user("cid"), bad),
                    "token");
            assertThat(preview.getMessage()).doesNotContain(token);
            assertThat(accept.getMessage()).doesNotContain(token);
        }
        assertUnchangedAfter(() -> kit.invitations().preview(null), "token");
        assertUnchangedAfter(() -> kit.invitations().accept(null, null), "invitee", "token");
        assertUnchangedAfter(() -> kit.invitations().accept(null, token), "invitee");
        assertThat(kit.invitations().accept(user("cid"), token).role()).isEqualTo(Role.MEMBER);
    }

    @Test
    void pending_and_the_audit_trail_refuse_missing_arguments() {
        assertUnchangedAfter(() -> kit.invitations().pending(null, null, null), "principal", "organizationId", "page");
        assertUnchangedAfter(() -> kit.audit().list(null, null, null), "principal", "accountId", "page");
    }

    @Test
    void the_policy_engine_refuses_missing_arguments() {
        assertUnchangedAfter(() -> kit.policy().decide(null, null, null), "principal", "accountId", "permission");
    }

    // ---- helpers ----

    /** The fields of the violations of the {@link InvalidInputException} that {@code call} throws. */
    private static List<String> fields(ThrowingCallable call) {
        return invalid(call).violations().stream().map(Violation::field).toList();
    }

    /**
     * Asserts that {@code call} is refused as invalid input listing exactly the violations of
     * {@code expectedFields}, and that nothing observable changed.
     */
    private InvalidInputException assertUnchangedAfter(ThrowingCallable call, String... expectedFields) {
        Snapshot before = snapshot();
        InvalidInputException thrown = invalid(call);
        assertThat(thrown.violations()).extracting(Violation::field).containsExactlyInAnyOrder(expectedFields);
        assertThat(thrown.getMessage()).startsWith("invalid input");
        assertThat(snapshot()).isEqualTo(before);
        return thrown;
    }

    private Snapshot snapshot() {
        return new Snapshot(kit.organizations().get(OBSERVER, org.id()), members(org.id()), pending(ana, org.id()),
                trail(org.id()), trail(personal), mailer.sent(), kit.accounts().overview(ana).size(),
                kit.accounts().active(ana).map(c -> c.accountId()));
    }

    private record Snapshot(Organization organization, List<Membership> members, List<Invitation> pending,
            List<AuditEvent> trail, List<AuditEvent> personalTrail, List<InvitationMail> mails, int accountsOfAna,
            Optional<AccountId> activeOfAna) {}
}
