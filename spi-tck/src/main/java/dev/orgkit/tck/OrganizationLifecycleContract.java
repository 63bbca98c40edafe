package dev.orgkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.orgkit.AccessDeniedException;
import dev.orgkit.OrgKit;
import dev.orgkit.PageRequest;
import dev.orgkit.Principal;
import dev.orgkit.SupportPrincipal;
import dev.orgkit.UserId;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.AccountId;
import dev.orgkit.account.AccountSummary;
import dev.orgkit.account.NewOrganization;
import dev.orgkit.account.Organization;
import dev.orgkit.account.PersonalAccount;
import dev.orgkit.account.ProfileUpdate;
import dev.orgkit.apikey.ApiKey;
import dev.orgkit.apikey.CreatedApiKey;
import dev.orgkit.apikey.KeyVerification;
import dev.orgkit.apikey.NewApiKey;
import dev.orgkit.audit.AuditAction;
import dev.orgkit.audit.AuditEvent;
import dev.orgkit.invitation.Invitation;
import dev.orgkit.lifecycle.PurgeResult;
import dev.orgkit.lifecycle.Users;
import dev.orgkit.member.Membership;
import dev.orgkit.member.Role;
import dev.orgkit.policy.DenialCode;
import dev.orgkit.policy.Permission;
import dev.orgkit.support.SupportAction;
import dev.orgkit.support.SupportRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Deleting, restoring and purging organizations, and erasing users (R13): every rule, the bad input,
 * and the races where a deleted organization must end up with nothing new in it.
 *
 * @since 0.2.0
 */
public abstract class OrganizationLifecycleContract extends ContractFixture {
    private static final SupportPrincipal AGENT = Principal.support("agent-7");
    private static final long TIMEOUT_SECONDS = 60;

    private final UserPrincipal ana = user("ana");
    private final UserPrincipal bob = user("bob");
    private final UserPrincipal carol = user("carol");
    private ExecutorService threads;

    /** How many rounds each race runs; storages with slow transactions may return less. */
    protected int rounds() {
        return Math.min(ConcurrencyContract.configuredRounds(), 20);
    }

    @BeforeEach
    void startThreads() {
        threads = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void stopThreads() throws InterruptedException {
        threads.shutdownNow();
        threads.awaitTermination(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    // ---- deleting ----

    /** Protects R13 and R9: once deleted, the organization is unknown to its members and leaves their overview. */
    @Test
    void a_sole_admin_deletes_the_organization_and_its_members_no_longer_find_it() {
        Organization acme = acme(ana);
        join(ana, acme.id(), bob, Role.MEMBER);

        kit.organizations().delete(ana, acme.id(), "Acme");

        for (UserPrincipal member : List.of(ana, bob)) {
            assertThat(refusal(() -> kit.organizations().get(member, acme.id()))).isEqualTo(DenialCode.NOT_FOUND);
            assertThat(refusal(() -> kit.members().list(member, acme.id(), first()))).isEqualTo(DenialCode.NOT_FOUND);
            assertThat(refusal(() -> kit.apiKeys().list(member, acme.id(), first()))).isEqualTo(DenialCode.NOT_FOUND);
            assertThat(refusal(() -> kit.audit().list(member, acme.id(), first()))).isEqualTo(DenialCode.NOT_FOUND);
            assertThat(kit.accounts().overview(member)).extracting(AccountSummary::accountId).doesNotContain(acme.id());
            assertThat(kit.policy().decide(member, acme.id(), Permission.VIEW_ACCOUNT).isAllowed()).isFalse();
        }
        assertThat(kit.organizations().get(OBSERVER, acme.id())).isEqualTo(acme);
        assertThat(trail(acme.id())).first().satisfies(event -> {
            assertThat(event.action()).isEqualTo(AuditAction.ORGANIZATION_DELETED);
            assertThat(event.actor().id()).isEqualTo("u-ana");
            assertThat(event.details()).containsEntry("restoreUntil", START.plus(Duration.ofDays(30)).toString());
        });
    }

    /** Protects R13: a deleted organization's keys, links and queued mails all stop working, in one transaction. */
    @Test
    void deleting_revokes_every_key_and_pending_invitation_and_cancels_their_mails() {
        Organization acme = acme(ana);
        CreatedApiKey key = kit.apiKeys().create(ana, acme.id(), new NewApiKey("ci"));
        kit.members().invite(ana, acme.id(), "bob@example.com", Role.MEMBER);
        String link = mailer.lastTokenFor("bob@example.com");
        mailer.failing(true);
        kit.members().invite(ana, acme.id(), "carol@example.com", Role.MEMBER);
        int attempted = mailer.attempted().size();

        kit.organizations().delete(ana, acme.id(), "Acme");

        assertThat(kit.apiKeys().verify(key.secret()).code()).isEqualTo(KeyVerification.Code.REVOKED);
        assertThat(refusal(() -> kit.invitations().accept(bob, link))).isIn(DenialCode.NOT_FOUND,
                DenialCode.INVITATION_NOT_PENDING);
        assertThat(pendingStored(acme.id())).isEmpty();
        mailer.failing(false);
        clock.advance(Duration.ofDays(1));
        kit.deliveries().dispatchPending();
        assertThat(mailer.attempted()).hasSize(attempted);
        assertThat(trail(acme.id())).first().satisfies(event -> assertThat(event.details())
                .containsEntry("apiKeysRevoked", "1").containsEntry("invitationsRevoked", "2"));
    }

    /** Protects R13: no member keeps a deleted organization as the account they work in. */
    @Test
    void deleting_clears_the_members_active_account() {
        Organization acme = acme(ana);
        join(ana, acme.id(), bob, Role.MEMBER);
        kit.accounts().switchTo(bob, acme.id());
        kit.accounts().switchTo(ana, acme.id());

        kit.organizations().delete(ana, acme.id(), "Acme");

        assertThat(kit.accounts().active(bob)).isEmpty();
        assertThat(kit.accounts().active(ana)).isEmpty();
        Optional<AccountId> stored = storage.read(tx -> tx.accounts().activeAccountOf(bob.userId()));
        assertThat(stored).isEmpty();
    }

    /** Protects R13: while other admins exist, deleting takes support; a member may not at all. */
    @Test
    void an_admin_among_several_and_a_member_cannot_delete_the_organization() {
        Organization acme = acme(ana);
        join(ana, acme.id(), bob, Role.ADMIN);
        join(ana, acme.id(), carol, Role.MEMBER);

        Throwable thrown = catchThrowable(() -> kit.organizations().delete(ana, acme.id(), "Acme"));
        assertThat(codeOf(thrown)).contains(DenialCode.SOLE_ADMIN_REQUIRED);
        assertThat(((AccessDeniedException) thrown).denial().remedy()).hasValueSatisfying(r -> assertThat(r).contains("support"));
        assertThat(refusal(() -> kit.organizations().delete(carol, acme.id(), "Acme")))
                .isEqualTo(DenialCode.ADMIN_ROLE_REQUIRED);
        assertThat(refusal(() -> kit.organizations().delete(user("dan"), acme.id(), "Acme")))
                .isEqualTo(DenialCode.NOT_FOUND);
        assertThat(kit.policy().decide(ana, acme.id(), Permission.DELETE_ORGANIZATION).isAllowed()).isFalse();
        assertThat(kit.organizations().get(carol, acme.id())).isEqualTo(acme);
    }

    /** Protects R5: the account name must be typed; a wrong one changes nothing. */
    @Test
    void a_wrong_typed_name_deletes_nothing() {
        Organization acme = acme(ana);
        int before = events.count();

        assertThat(refusal(() -> kit.organizations().delete(ana, acme.id(), "acme"))).isEqualTo(DenialCode.CONFIRMATION_MISMATCH);
        assertThat(refusal(() -> kit.organizations().delete(ana, acme.id(), "Acme Inc"))).isEqualTo(DenialCode.CONFIRMATION_MISMATCH);
        assertThat(invalid(() -> kit.organizations().delete(ana, acme.id(), " ")).violations()).isNotEmpty();

        assertThat(kit.organizations().get(ana, acme.id())).isEqualTo(acme);
        assertThat(events.count()).isEqualTo(before);
    }

    /** Protects R1/R13: a personal account is not deleted through the organization API. */
    @Test
    void a_personal_account_cannot_be_deleted_as_an_organization() {
        PersonalAccount own = kit.accounts().personal(ana);

        assertThat(refusal(() -> kit.organizations().delete(ana, own.id(), "ana"))).isEqualTo(DenialCode.ORGANIZATION_ONLY);
        assertThat(refusal(() -> kit.organizations().delete(bob, own.id(), "ana"))).isEqualTo(DenialCode.NOT_FOUND);
        assertThat(kit.accounts().personal(ana)).isEqualTo(own);
    }

    /** Protects R13: with other admins, an admin asks support, and support's approval deletes it. */
    @Test
    void support_approves_a_request_to_delete_an_organization_with_several_admins() {
        Organization acme = acme(ana);
        join(ana, acme.id(), bob, Role.ADMIN);
        SupportRequest request = kit.support().request(ana, acme.id(), SupportAction.DELETE_ORGANIZATION,
                ana.userId(), "We are closing down.");

        kit.support().approve(AGENT, request.id(), "TICKET-9");

        assertThat(refusal(() -> kit.organizations().get(bob, acme.id()))).isEqualTo(DenialCode.NOT_FOUND);
        assertThat(trail(acme.id())).extracting(AuditEvent::action)
                .startsWith(AuditAction.SUPPORT_REQUEST_APPROVED, AuditAction.ORGANIZATION_DELETED);
        assertThat(trail(acme.id()).get(1).actor().ticket()).contains("TICKET-9");
    }

    /** Protects R13: every command on a deleted organization is refused as if it never existed. */
    @Test
    void every_command_on_a_deleted_organization_is_not_found() {
        Organization acme = acme(ana);
        join(ana, acme.id(), bob, Role.MEMBER);
        kit.organizations().delete(ana, acme.id(), "Acme");

        assertThat(refusal(() -> kit.members().invite(ana, acme.id(), "carol@example.com", Role.MEMBER)))
                .isEqualTo(DenialCode.NOT_FOUND);
        assertThat(refusal(() -> kit.apiKeys().create(ana, acme.id(), new NewApiKey("ci")))).isEqualTo(DenialCode.NOT_FOUND);
        assertThat(refusal(() -> kit.organizations().leave(bob, acme.id(), "Acme"))).isEqualTo(DenialCode.NOT_FOUND);
        assertThat(refusal(() -> kit.organizations().delete(ana, acme.id(), "Acme"))).isEqualTo(DenialCode.NOT_FOUND);
        assertThat(refusal(() -> kit.members().changeRole(ana, acme.id(), bob.userId(), Role.ADMIN)))
                .isEqualTo(DenialCode.NOT_FOUND);
        assertThat(refusal(() -> kit.organizations().updateProfile(ana, acme.id(),
                new ProfileUpdate("Acme SA", "alerts@acme.example", "billing@acme.example")))).isEqualTo(DenialCode.NOT_FOUND);
        assertThat(refusal(() -> kit.accounts().switchTo(bob, acme.id()))).isEqualTo(DenialCode.NOT_FOUND);
        assertThat(refusal(() -> kit.support().promoteMember(AGENT, acme.id(), bob.userId(), "T-1")))
                .isEqualTo(DenialCode.NOT_FOUND);
    }

    // ---- restoring and purging ----

    /** Protects R13: support restores within the window; members see it again, its keys stay revoked. */
    @Test
    void support_restores_a_deleted_organization_within_its_window_and_its_keys_stay_revoked() {
        Organization acme = acme(ana);
        join(ana, acme.id(), bob, Role.MEMBER);
        CreatedApiKey key = kit.apiKeys().create(ana, acme.id(), new NewApiKey("ci"));
        kit.organizations().delete(ana, acme.id(), "Acme");
        clock.advance(Duration.ofDays(29));

        Organization restored = kit.support().restoreOrganization(AGENT, acme.id(), "TICKET-10");

        assertThat(restored).isEqualTo(acme);
        assertThat(kit.organizations().get(bob, acme.id())).isEqualTo(acme);
        assertThat(members(acme.id())).extracting(Membership::userId).containsExactly(ana.userId(), bob.userId());
        assertThat(kit.apiKeys().verify(key.secret()).code()).isEqualTo(KeyVerification.Code.REVOKED);
        assertThat(kit.apiKeys().list(ana, acme.id(), first()).items()).allMatch(ApiKey::isRevoked);
        assertThat(trail(acme.id())).first().satisfies(event -> {
            assertThat(event.action()).isEqualTo(AuditAction.ORGANIZATION_RESTORED);
            assertThat(event.actor().ticket()).contains("TICKET-10");
        });
        assertThat(kit.maintenance().purge()).isEqualTo(new PurgeResult(0, 0));
    }

    /** Protects R11/R13: only support restores, and only within the window. */
    @Test
    void restoring_after_the_window_or_by_a_user_is_refused() {
        Organization acme = acme(ana);
        kit.organizations().delete(ana, acme.id(), "Acme");

        assertThat(refusal(() -> kit.support().restoreOrganization(ana, acme.id(), "T-1"))).isEqualTo(DenialCode.SUPPORT_ONLY);
        assertThat(refusal(() -> kit.support().restoreOrganization(AGENT, acme("other").id(), "T-1")))
                .isEqualTo(DenialCode.NOT_FOUND);
        clock.advance(Duration.ofDays(30));
        assertThat(refusal(() -> kit.support().restoreOrganization(AGENT, acme.id(), "T-1")))
                .isEqualTo(DenialCode.RESTORE_WINDOW_PASSED);
    }

    /** Protects R13: purging removes what the window has passed, and keeps the audit trail. */
    @Test
    void purging_removes_a_deleted_organization_after_its_window_but_keeps_its_audit_trail() {
        Organization acme = acme(ana);
        join(ana, acme.id(), bob, Role.MEMBER);
        kit.apiKeys().create(ana, acme.id(), new NewApiKey("ci"));
        kit.organizations().delete(ana, acme.id(), "Acme");
        assertThat(kit.maintenance().purge()).isEqualTo(new PurgeResult(0, 0));
        clock.advance(Duration.ofDays(30));

        assertThat(kit.maintenance().purge()).isEqualTo(new PurgeResult(1, 0));

        assertThat(refusal(() -> kit.organizations().get(OBSERVER, acme.id()))).isEqualTo(DenialCode.NOT_FOUND);
        assertThat(refusal(() -> kit.support().restoreOrganization(AGENT, acme.id(), "T-1"))).isEqualTo(DenialCode.NOT_FOUND);
        List<Membership> membersStored = storage.read(tx -> tx.members().list(acme.id(), Optional.empty(), 10));
        assertThat(membersStored).isEmpty();
        assertThat(keysStored(acme.id())).isEmpty();
        List<Membership> ofBob = storage.read(tx -> tx.members().ofUser(bob.userId()));
        assertThat(ofBob).isEmpty();
        List<AuditEvent> kept = trail(acme.id());
        assertThat(kept).extracting(AuditEvent::action)
                .startsWith(AuditAction.ORGANIZATION_PURGED, AuditAction.ORGANIZATION_DELETED)
                .contains(AuditAction.ORGANIZATION_CREATED);
        assertThat(kit.maintenance().purge()).isEqualTo(new PurgeResult(0, 0));
    }

    /** The restore window is the host's choice. */
    @Test
    void the_restore_window_is_configurable() {
        OrgKit shortWindow = OrgKit.builder().storage(storage).mailer(mailer).clock(clock)
                .organizationRestoreWindow(Duration.ofDays(1)).build();
        Organization acme = acme(ana);
        shortWindow.organizations().delete(ana, acme.id(), "Acme");
        clock.advance(Duration.ofDays(1));

        assertThat(refusal(() -> shortWindow.support().restoreOrganization(AGENT, acme.id(), "T-1")))
                .isEqualTo(DenialCode.RESTORE_WINDOW_PASSED);
        assertThat(shortWindow.maintenance().purge().organizationsPurged()).isEqualTo(1);
        assertThat(invalid(() -> OrgKit.builder().organizationRestoreWindow(Duration.ZERO)).violations()).isNotEmpty();
    }

    // ---- erasing users ----

    /** Protects R6 through erasure: the only admin of an organization with other members is not erased. */
    @Test
    void erasing_the_only_admin_of_an_organization_with_other_members_is_refused() {
        Organization acme = acme(ana);
        join(ana, acme.id(), bob, Role.MEMBER);
        int before = events.count();

        Throwable thrown = catchThrowable(() -> kit.users().erase(ana.userId()));

        assertThat(codeOf(thrown)).contains(DenialCode.LAST_ADMIN);
        assertThat(thrown.getMessage()).contains("Acme");
        assertThat(((AccessDeniedException) thrown).denial().remedy())
                .hasValueSatisfying(remedy -> assertThat(remedy).contains("Promote").contains("delete the organization"));
        assertThat(members(acme.id())).hasSize(2);
        assertThat(events.count()).isEqualTo(before);
    }

    /** Protects erasure: memberships end, solo organizations and the personal account are deleted, keys revoked. */
    @Test
    void erasing_a_user_ends_memberships_and_deletes_what_only_they_had() {
        Organization acme = acme(ana);
        join(ana, acme.id(), bob, Role.MEMBER);
        Organization bobco = kit.organizations().create(bob,
                new NewOrganization("Bobco", "Bobco Ltd", "alerts@bobco.example", "billing@bobco.example"));
        PersonalAccount own = kit.accounts().personal(bob);
        CreatedApiKey personalKey = kit.apiKeys().create(bob, own.id(), new NewApiKey("laptop"));
        CreatedApiKey bobcoKey = kit.apiKeys().create(bob, bobco.id(), new NewApiKey("ci"));
        kit.accounts().switchTo(bob, acme.id());

        kit.users().erase(bob.userId());

        assertThat(members(acme.id())).extracting(Membership::userId).containsExactly(ana.userId());
        assertThat(refusal(() -> kit.organizations().get(bob, bobco.id()))).isEqualTo(DenialCode.NOT_FOUND);
        assertThat(trail(bobco.id())).extracting(AuditEvent::action).contains(AuditAction.ORGANIZATION_DELETED);
        assertThat(kit.apiKeys().verify(personalKey.secret()).code()).isEqualTo(KeyVerification.Code.REVOKED);
        assertThat(kit.apiKeys().verify(bobcoKey.secret()).code()).isEqualTo(KeyVerification.Code.REVOKED);
        assertThat(trail(acme.id())).first().satisfies(event -> {
            assertThat(event.action()).isEqualTo(AuditAction.USER_ERASED);
            assertThat(event.target()).isEqualTo("u-bob");
        });
        assertThat(kit.accounts().active(bob)).isEmpty();
        assertThat(kit.accounts().overview(bob)).singleElement()
                .satisfies(summary -> assertThat(summary.accountId()).isNotEqualTo(own.id()));
        assertThat(kit.maintenance().purge()).isEqualTo(new PurgeResult(0, 1));
    }

    /** Protects erasure: the erased user's email is gone from stored audit details, replaced by a stable pseudonym. */
    @Test
    void erasing_replaces_the_users_email_in_audit_details_by_a_pseudonym() {
        Organization acme = acme(ana);
        join(ana, acme.id(), bob, Role.MEMBER);

        kit.users().erase(bob.userId());

        String pseudonym = Users.pseudonymOf(bob.userId());
        assertThat(pseudonym).startsWith("erased-").endsWith("@erased.invalid").doesNotContain("bob");
        List<AuditEvent> stored = trail(acme.id());
        assertThat(stored).allSatisfy(event -> assertThat(event.details()).doesNotContainValue("bob@example.com"));
        assertThat(stored).filteredOn(event -> event.action() == AuditAction.INVITATION_ACCEPTED).singleElement()
                .satisfies(event -> assertThat(event.details()).containsEntry("email", pseudonym));
        assertThat(stored).filteredOn(event -> event.action() == AuditAction.MEMBER_INVITED).singleElement()
                .satisfies(event -> assertThat(event.details()).containsEntry("email", pseudonym));
    }

    /**
     * Protects erasure: the addresses of memberships the user ended before the erasure (left, or
     * removed by an admin), under whatever address, are replaced too, even when the user is in no
     * organization any more.
     */
    @Test
    void erasing_replaces_the_addresses_of_memberships_that_ended_before_the_erasure() {
        Organization acme = acme(ana);
        join(ana, acme.id(), bob, Role.MEMBER);
        kit.organizations().leave(bob, acme.id(), "Acme");
        Organization beta = kit.organizations().create(ana,
                new NewOrganization("Beta", "Beta SAS", "alerts@beta.example", "billing@beta.example"));
        UserPrincipal bobAtWork = Principal.user(bob.userId().value(), "bob@work.example");
        join(ana, beta.id(), bobAtWork, Role.MEMBER);
        kit.members().remove(ana, beta.id(), bob.userId(), "bob@work.example");
        int before = events.count();

        kit.users().erase(bob.userId());

        String pseudonym = Users.pseudonymOf(bob.userId());
        assertThat(trail(acme.id())).allSatisfy(event -> assertThat(event.details()).doesNotContainValue("bob@example.com"))
                .filteredOn(event -> event.action() == AuditAction.MEMBER_LEFT).singleElement()
                .satisfies(event -> assertThat(event.details()).containsEntry("email", pseudonym));
        assertThat(trail(beta.id())).allSatisfy(event -> assertThat(event.details()).doesNotContainValue("bob@work.example"))
                .filteredOn(event -> event.action() == AuditAction.MEMBER_REMOVED).singleElement()
                .satisfies(event -> assertThat(event.details()).containsEntry("email", pseudonym));
        assertThat(trail(beta.id())).filteredOn(event -> event.action() == AuditAction.MEMBER_INVITED).singleElement()
                .satisfies(event -> assertThat(event.details()).containsEntry("email", pseudonym));
        assertThat(events.count()).as("the user is in no account to audit the erasure on").isEqualTo(before);
    }

    /** Protects erasure: invitations the erased user sent stay valid. */
    @Test
    void invitations_the_erased_user_sent_stay_valid() {
        Organization acme = acme(ana);
        join(ana, acme.id(), bob, Role.ADMIN);
        kit.members().invite(bob, acme.id(), "carol@example.com", Role.MEMBER);

        kit.users().erase(bob.userId());

        Membership joined = kit.invitations().accept(carol, mailer.lastTokenFor("carol@example.com"));
        assertThat(joined.organizationId()).isEqualTo(acme.id());
    }

    /**
     * Protects erasure: what orgkit shows of the erased user's invitations and failed mails names the
     * pseudonym, never their address; the invitation they sent stays acceptable; an invitation an
     * organization addressed to their email stays as it is (the organization's data).
     */
    @Test
    void after_erasure_invitations_and_mail_errors_show_the_pseudonym_instead_of_the_address() {
        Organization acme = acme(ana);
        join(ana, acme.id(), bob, Role.ADMIN);
        kit.members().invite(bob, acme.id(), "carol@example.com", Role.MEMBER);
        String carolsLink = mailer.lastTokenFor("carol@example.com");
        Organization beta = kit.organizations().create(ana,
                new NewOrganization("Beta", "Beta SAS", "alerts@beta.example", "billing@beta.example"));
        mailer.failing(true);
        Invitation toBob = kit.members().invite(ana, beta.id(), "bob@example.com", Role.MEMBER);
        mailer.failing(false);
        assertThat(kit.invitations().delivery(ana, toBob.id()).lastError())
                .hasValueSatisfying(error -> assertThat(error).contains("bob@example.com"));

        kit.users().erase(bob.userId());

        String pseudonym = Users.pseudonymOf(bob.userId());
        assertThat(pending(ana, acme.id())).singleElement().satisfies(invitation -> {
            assertThat(invitation.email().value()).isEqualTo("carol@example.com");
            assertThat(invitation.inviterEmail().value()).isEqualTo(pseudonym);
        });
        assertThat(kit.invitations().preview(carolsLink).inviterEmail().value()).isEqualTo(pseudonym);
        assertThat(kit.invitations().accept(carol, carolsLink).organizationId()).isEqualTo(acme.id());
        assertThat(pending(ana, beta.id())).singleElement()
                .satisfies(invitation -> assertThat(invitation.email().value()).isEqualTo("bob@example.com"));
        assertThat(kit.invitations().delivery(ana, toBob.id()).lastError()).hasValueSatisfying(error ->
                assertThat(error).contains(pseudonym).doesNotContainIgnoringCase("bob@example.com"));
        assertThat(trail(beta.id())).filteredOn(event -> event.action() == AuditAction.INVITATION_MAIL_FAILED)
                .singleElement().satisfies(event -> assertThat(event.details().get("error"))
                        .contains(pseudonym).doesNotContainIgnoringCase("bob@example.com"));
    }

    /** Erasure is idempotent: an unknown or already erased user changes nothing and audits nothing. */
    @Test
    void erasing_an_unknown_or_already_erased_user_does_nothing() {
        Organization acme = acme(ana);
        join(ana, acme.id(), bob, Role.MEMBER);
        int before = events.count();

        kit.users().erase(UserId.of("u-nobody"));
        assertThat(events.count()).isEqualTo(before);

        kit.users().erase(bob.userId());
        int afterErasure = events.count();
        kit.users().erase(bob.userId());
        assertThat(events.count()).isEqualTo(afterErasure);
        assertThat(invalid(() -> kit.users().erase(null)).violations()).isNotEmpty();
    }

    // ---- races ----

    /** Protects R13: an invitation racing a delete is either revoked by it or refused; nothing pending remains. */
    @Test
    void an_invitation_racing_a_delete_leaves_no_pending_invitation() throws Exception {
        for (int round = 0; round < rounds(); round++) {
            Organization org = acme(ana);
            race(() -> delete(ana, org.id()),
                    () -> kit.members().invite(ana, org.id(), "carol@example.com", Role.MEMBER));
            assertDeletedWithNothingAfter(org.id(), round);
            assertThat(pendingStored(org.id())).as("round %d", round).isEmpty();
        }
    }

    /** Protects R13: an acceptance racing a delete never adds a member to a deleted organization. */
    @Test
    void an_acceptance_racing_a_delete_adds_no_member_to_a_deleted_organization() throws Exception {
        for (int round = 0; round < rounds(); round++) {
            Organization org = acme(ana);
            kit.members().invite(ana, org.id(), "bob@example.com", Role.MEMBER);
            String token = mailer.lastTokenFor("bob@example.com");
            race(() -> delete(ana, org.id()), () -> kit.invitations().accept(bob, token));
            assertDeletedWithNothingAfter(org.id(), round);
            assertThat(kit.accounts().overview(bob)).as("round %d", round)
                    .extracting(AccountSummary::accountId).doesNotContain(org.id());
        }
    }

    /** Protects R13: a key created racing a delete is revoked by it or never created. */
    @Test
    void a_key_created_racing_a_delete_is_never_usable() throws Exception {
        for (int round = 0; round < rounds(); round++) {
            Organization org = acme(ana);
            List<Outcome> outcomes = race(() -> delete(ana, org.id()),
                    () -> kit.apiKeys().create(ana, org.id(), new NewApiKey("ci")));
            assertDeletedWithNothingAfter(org.id(), round);
            outcomes.get(1).value().map(CreatedApiKey.class::cast).ifPresent(created ->
                    assertThat(kit.apiKeys().verify(created.secret()).code()).isEqualTo(KeyVerification.Code.REVOKED));
            assertThat(keysStored(org.id())).as("round %d", round).allMatch(ApiKey::isRevoked);
        }
    }

    /** Protects R13 and R6: a support-approved delete racing an admin leaving deletes the organization either way. */
    @Test
    void a_support_approved_delete_racing_a_leave_deletes_the_organization() throws Exception {
        for (int round = 0; round < rounds(); round++) {
            Organization org = acme(ana);
            join(ana, org.id(), bob, Role.ADMIN);
            SupportRequest request = kit.support().request(bob, org.id(), SupportAction.DELETE_ORGANIZATION,
                    bob.userId(), "Closing.");
            String ticket = "T-" + round;
            List<Outcome> outcomes = race(() -> kit.support().approve(AGENT, request.id(), ticket),
                    () -> {
                        kit.organizations().leave(bob, org.id(), "Acme");
                        return null;
                    });
            assertThat(outcomes.get(0).failure()).as("round %d: the approval", round).isEmpty();
            Optional<Throwable> leaving = outcomes.get(1).failure();
            if (leaving.isPresent()) {
                assertThat(codeOf(leaving.get())).as("round %d", round).contains(DenialCode.NOT_FOUND);
            }
            assertDeletedWithNothingAfter(org.id(), round);
            assertThat(members(org.id())).as("round %d: an admin remains", round)
                    .anyMatch(member -> member.role() == Role.ADMIN);
        }
    }

    /** Protects R6: erasing the only admin racing their promotion of another member never leaves no admin. */
    @Test
    void an_erasure_racing_the_promotion_of_another_admin_keeps_an_admin() throws Exception {
        for (int round = 0; round < rounds(); round++) {
            UserPrincipal admin = user("admin" + round);
            Organization org = acme(admin);
            join(admin, org.id(), bob, Role.MEMBER);
            List<Outcome> outcomes = race(() -> {
                kit.users().erase(admin.userId());
                return null;
            }, () -> kit.members().changeRole(admin, org.id(), bob.userId(), Role.ADMIN));
            List<Membership> now = members(org.id());
            assertThat(now).as("round %d: an admin remains", round).anyMatch(member -> member.role() == Role.ADMIN);
            if (outcomes.get(0).failure().isPresent()) {
                assertThat(codeOf(outcomes.get(0).failure().get())).as("round %d", round).contains(DenialCode.LAST_ADMIN);
                assertThat(now).as("round %d", round).extracting(Membership::userId).contains(admin.userId());
            } else {
                assertThat(now).as("round %d", round).extracting(Membership::userId).containsExactly(bob.userId());
            }
        }
    }

    // ---- helpers ----

    /** The organization's invitations whose stored status is PENDING, read from the storage itself. */
    private List<Invitation> pendingStored(AccountId organizationId) {
        return storage.read(tx -> tx.invitations().listPending(organizationId, Optional.empty(), 100));
    }

    /** The account's API keys, read from the storage itself. */
    private List<ApiKey> keysStored(AccountId accountId) {
        return storage.read(tx -> tx.apiKeys().list(accountId, Optional.empty(), 100));
    }

    private Organization acme(String name) {
        return kit.organizations().create(user(name),
                new NewOrganization("Other", "Other SAS", "alerts@other.example", "billing@other.example"));
    }

    private Void delete(UserPrincipal admin, AccountId organizationId) {
        kit.organizations().delete(admin, organizationId, "Acme");
        return null;
    }

    private static PageRequest first() {
        return PageRequest.first(10);
    }

    /** The organization is deleted, and nothing happened in it after the delete: its deletion is the newest event. */
    private void assertDeletedWithNothingAfter(AccountId organizationId, int round) {
        assertThat(refusal(() -> kit.organizations().get(ana, organizationId))).as("round %d", round)
                .isEqualTo(DenialCode.NOT_FOUND);
        assertThat(trail(organizationId)).as("round %d: newest first", round).first()
                .extracting(AuditEvent::action).isIn(AuditAction.ORGANIZATION_DELETED, AuditAction.SUPPORT_REQUEST_APPROVED);
    }

    /** The result of one racing command: its value, or what it threw. */
    record Outcome(Optional<Object> value, Optional<Throwable> failure) {}

    /** Starts both calls at the same instant and waits for them. */
    private List<Outcome> race(Callable<?> first, Callable<?> second) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<Outcome>> futures = new ArrayList<>();
        for (Callable<?> call : List.of(first, second)) {
            futures.add(threads.submit(() -> {
                start.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                try {
                    return new Outcome(Optional.ofNullable(call.call()), Optional.empty());
                } catch (Throwable thrown) {
                    return new Outcome(Optional.empty(), Optional.of(thrown));
                }
            }));
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<Outcome> future : futures) {
            outcomes.add(future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        }
        return outcomes;
    }
}
