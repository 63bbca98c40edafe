package dev.orgkit.spring.web;

import static dev.orgkit.spring.web.Problems.assertDenied;
import static dev.orgkit.spring.web.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orgkit.OrgKit;
import dev.orgkit.account.AccountId;
import dev.orgkit.plan.Plan;
import dev.orgkit.policy.DenialCode;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Every refusal of the rules reaches a client as its problem: the status of §11, the code, the remedy. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ApiRefusals {
    RunningApp app;
    Fixtures given;
    String ana;
    String bob;
    String org;

    abstract String storage();

    @BeforeAll
    static void forgetCodesSeenByOtherClasses() {
        Problems.SEEN.clear();
    }

    @BeforeEach
    void anOrganizationWithAnAdminAndAMember() {
        app = RunningApp.on(storage());
        given = new Fixtures(app);
        ana = Fixtures.newUserId("ana");
        bob = Fixtures.newUserId("bob");
        org = given.organization(ana, "Acme");
        given.join(ana, org, bob, "MEMBER");
    }

    private RunningApp.Response invite(String as, String accountId, String who) {
        return app.post(RunningApp.user(as), "/organizations/" + accountId + "/invitations",
                "{\"email\": \"" + who + "@example.com\", \"role\": \"MEMBER\"}");
    }

    @Test
    void inviting_into_a_personal_account_is_403_personal_account_cannot_have_members() {
        String personal = app.get(RunningApp.user(ana), "/accounts/personal").text("id");
        assertDenied(invite(ana, personal, "x"), 403, DenialCode.PERSONAL_ACCOUNT_CANNOT_HAVE_MEMBERS);
    }

    @Test
    void a_member_who_invites_is_403_admin_role_required() {
        assertDenied(invite(bob, org, "x"), 403, DenialCode.ADMIN_ROLE_REQUIRED);
    }

    @Test
    void an_admin_who_demotes_an_admin_is_403_admin_change_requires_support() {
        String cy = Fixtures.newUserId("cy");
        given.join(ana, org, cy, "ADMIN");
        assertDenied(app.patch(RunningApp.user(ana), "/organizations/" + org + "/members/" + cy, "{\"role\": \"MEMBER\"}",
                Map.of()), 403, DenialCode.ADMIN_CHANGE_REQUIRES_SUPPORT);
    }

    @Test
    void leaving_with_another_name_typed_is_403_confirmation_mismatch_and_the_last_admin_cannot_leave() {
        assertDenied(app.post(RunningApp.user(bob), "/organizations/" + org + "/leave", "{\"confirm\": \"Acne\"}"),
                403, DenialCode.CONFIRMATION_MISMATCH);
        assertDenied(app.post(RunningApp.user(ana), "/organizations/" + org + "/leave", "{\"confirm\": \"Acme\"}"),
                403, DenialCode.LAST_ADMIN);
    }

    @Test
    void inviting_a_member_or_an_address_already_invited_is_409() {
        assertDenied(invite(ana, org, bob), 409, DenialCode.ALREADY_A_MEMBER);
        String cy = Fixtures.newUserId("cy");
        given.invite(ana, org, cy, "MEMBER");
        assertDenied(invite(ana, org, cy), 409, DenialCode.INVITATION_ALREADY_PENDING);
    }

    @Test
    void an_invitation_accepted_twice_by_someone_else_or_too_late_is_refused_with_its_code() {
        String cy = Fixtures.newUserId("cy");
        given.invite(ana, org, cy, "MEMBER");
        String token = "{\"token\": \"" + given.token(cy) + "\"}";
        assertDenied(app.post(RunningApp.user(bob), "/invitations/accept", token), 403, DenialCode.INVITATION_EMAIL_MISMATCH);
        assertThat(app.post(RunningApp.user(cy), "/invitations/accept", token).status()).isEqualTo(200);
        assertDenied(app.post(RunningApp.user(cy), "/invitations/accept", token), 403, DenialCode.INVITATION_NOT_PENDING);

        String dan = Fixtures.newUserId("dan");
        given.invite(ana, org, dan, "MEMBER");
        app.bean(TestHost.MovableClock.class).advance(Duration.ofDays(8));
        assertDenied(app.post(RunningApp.user(dan), "/invitations/accept", "{\"token\": \"" + given.token(dan) + "\"}"),
                403, DenialCode.INVITATION_EXPIRED);
    }

    @Test
    void a_stranger_gets_404_not_found_as_for_an_unknown_id_and_an_unknown_link_is_404_too() {
        String stranger = Fixtures.newUserId("eve");
        RunningApp.Response hidden = assertDenied(app.get(RunningApp.user(stranger), "/organizations/" + org), 404,
                DenialCode.NOT_FOUND);
        RunningApp.Response unknown = assertDenied(app.get(RunningApp.user(stranger), "/organizations/acc_unknown"), 404,
                DenialCode.NOT_FOUND);
        assertThat(hidden.text("detail")).isEqualTo(unknown.text("detail"));
        assertProblem(app.post(null, "/invitations/preview", "{\"token\": \"no-such-token\"}"), 404, "NOT_FOUND");
    }

    @Test
    void an_admin_who_removes_themselves_is_told_to_leave_and_nobody_leaves_a_personal_account() {
        assertDenied(app.post(RunningApp.user(ana), "/organizations/" + org + "/members/" + ana + "/remove",
                "{\"confirm\": \"" + ana + "@example.com\"}"), 403, DenialCode.USE_LEAVE);
        String personal = app.get(RunningApp.user(ana), "/accounts/personal").text("id");
        assertDenied(app.post(RunningApp.user(ana), "/organizations/" + personal + "/leave",
                "{\"confirm\": \"Personal account\"}"), 403, DenialCode.CANNOT_LEAVE_PERSONAL_ACCOUNT);
    }

    @Test
    void a_user_on_an_agents_endpoint_is_support_only_and_an_agent_on_a_users_endpoint_is_not_for_support() {
        assertDenied(app.post(RunningApp.user(ana), "/support/organizations/" + org + "/members/" + bob + "/promote",
                "{\"ticket\": \"T-1\"}"), 403, DenialCode.SUPPORT_ONLY);
        assertDenied(app.post(RunningApp.agent("agent-1"), "/organizations", "{\"accountName\": \"X\"}"), 403,
                DenialCode.NOT_FOR_SUPPORT);
    }

    @Test
    void a_personal_account_has_no_profile_to_edit() {
        String personal = app.get(RunningApp.user(ana), "/accounts/personal").text("id");
        assertDenied(app.patch(RunningApp.user(ana), "/organizations/" + personal,
                "{\"legalName\": \"Me\", \"alertingEmail\": \"a@x.example\", \"invoicingEmail\": \"b@x.example\"}",
                Map.of()), 403, DenialCode.ORGANIZATION_ONLY);
    }

    @Test
    void a_patch_with_a_stale_if_match_is_412_stale_version_and_changes_nothing() {
        assertThat(app.patch(RunningApp.user(ana), "/organizations/" + org, "{\"legalName\": \"Acme 2\"}",
                Map.of("If-Match", "\"1\"")).status()).isEqualTo(200);
        assertDenied(app.patch(RunningApp.user(ana), "/organizations/" + org, "{\"legalName\": \"Acme 3\"}",
                Map.of("If-Match", "\"1\"")), 412, DenialCode.STALE_VERSION);
        assertThat(app.get(RunningApp.user(ana), "/organizations/" + org).text("legalName")).isEqualTo("Acme 2");
    }

    @Test
    void support_requests_are_refused_when_duplicated_decided_twice_expired_or_aimed_at_a_member() {
        String cy = Fixtures.newUserId("cy");
        given.join(ana, org, cy, "ADMIN");
        String body = "{\"action\": \"DEMOTE_ADMIN\", \"targetUserId\": \"" + cy + "\", \"reason\": \"left\"}";
        String path = "/organizations/" + org + "/support-requests";
        String id = app.post(RunningApp.user(ana), path, body).text("id");
        assertDenied(app.post(RunningApp.user(ana), path, body), 409, DenialCode.SUPPORT_REQUEST_ALREADY_PENDING);
        assertDenied(app.post(RunningApp.user(ana), path,
                "{\"action\": \"DEMOTE_ADMIN\", \"targetUserId\": \"" + bob + "\", \"reason\": \"x\"}"),
                403, DenialCode.TARGET_ROLE_MISMATCH);

        String agent = RunningApp.agent("agent-2");
        app.post(agent, "/support/requests/" + id + "/reject", "{\"ticket\": \"T-7\", \"why\": \"no\"}");
        assertDenied(app.post(agent, "/support/requests/" + id + "/approve", "{\"ticket\": \"T-8\"}"), 403,
                DenialCode.SUPPORT_REQUEST_NOT_PENDING);

        String again = app.post(RunningApp.user(ana), path, body).text("id");
        app.bean(TestHost.MovableClock.class).advance(Duration.ofDays(15));
        assertDenied(app.post(agent, "/support/requests/" + again + "/approve", "{\"ticket\": \"T-9\"}"), 403,
                DenialCode.SUPPORT_REQUEST_EXPIRED);
    }

    @Test
    void inviting_beyond_the_seats_of_the_plan_is_409_seat_limit_reached() {
        app.bean(OrgKit.class).plans().assign(AccountId.of(org), Plan.unlimited().seats(2));
        assertDenied(invite(ana, org, "cy"), 409, DenialCode.SEAT_LIMIT_REACHED);
    }

    @Test
    void rolling_a_revoked_key_is_409_api_key_inactive() {
        String keyId = given.apiKey(ana, org).json().path("apiKey").path("id").asString();
        app.post(RunningApp.user(ana), "/api-keys/" + keyId + "/revoke", null);
        assertDenied(app.post(RunningApp.user(ana), "/api-keys/" + keyId + "/roll", "{\"overlap\": \"PT0S\"}"), 409,
                DenialCode.API_KEY_INACTIVE);
    }

    private RunningApp.Response delete(String as, String accountId, String typed) {
        return app.post(RunningApp.user(as), "/organizations/" + accountId + "/delete", "{\"confirm\": \"" + typed + "\"}");
    }

    @Test
    void an_admin_who_is_not_the_sole_admin_deletes_nothing_and_is_told_to_ask_support_403_sole_admin_required() {
        String cy = Fixtures.newUserId("cy");
        given.join(ana, org, cy, "ADMIN");
        assertDenied(delete(ana, org, "Acme"), 403, DenialCode.SOLE_ADMIN_REQUIRED);
        assertThat(app.get(RunningApp.user(cy), "/organizations/" + org).status()).isEqualTo(200);
    }

    @Test
    void deleting_with_another_name_typed_as_a_member_or_a_personal_account_is_refused_and_deletes_nothing() {
        assertDenied(delete(ana, org, "Acne"), 403, DenialCode.CONFIRMATION_MISMATCH);
        assertDenied(delete(bob, org, "Acme"), 403, DenialCode.ADMIN_ROLE_REQUIRED);
        String personal = app.get(RunningApp.user(ana), "/accounts/personal").text("id");
        assertDenied(delete(ana, personal, "Personal account"), 403, DenialCode.ORGANIZATION_ONLY);
        assertThat(app.get(RunningApp.user(bob), "/organizations/" + org).status()).isEqualTo(200);
    }

    @Test
    void restoring_after_the_window_is_409_restore_window_passed_and_only_support_restores_a_deleted_organization() {
        String agent = RunningApp.agent("agent-3");
        String restore = "/support/organizations/" + org + "/restore";
        assertDenied(app.post(agent, restore, "{\"ticket\": \"T-10\"}"), 404, DenialCode.NOT_FOUND);
        assertThat(delete(ana, org, "Acme").status()).isEqualTo(204);
        assertDenied(app.post(RunningApp.user(ana), restore, "{\"ticket\": \"T-11\"}"), 403, DenialCode.SUPPORT_ONLY);

        app.bean(TestHost.MovableClock.class).advance(OrgKit.Builder.DEFAULT_ORGANIZATION_RESTORE_WINDOW.plusMinutes(1));
        assertDenied(app.post(agent, restore, "{\"ticket\": \"T-12\"}"), 409, DenialCode.RESTORE_WINDOW_PASSED);
        assertThat(app.get(RunningApp.user(ana), "/organizations/" + org).status()).isEqualTo(404);
    }

    @Test
    void inviting_with_a_link_is_refused_as_inviting_is() {
        String link = "/organizations/" + org + "/invitations/link";
        assertDenied(app.post(RunningApp.user(bob), link, "{\"email\": \"x@example.com\", \"role\": \"MEMBER\"}"),
                403, DenialCode.ADMIN_ROLE_REQUIRED);
        assertDenied(app.post(RunningApp.user(ana), link,
                "{\"email\": \"" + bob + "@example.com\", \"role\": \"MEMBER\"}"), 409, DenialCode.ALREADY_A_MEMBER);
        assertThat(app.get(RunningApp.user(ana), "/organizations/" + org + "/invitations").json().path("items").size())
                .isZero();
    }

    @Test
    void a_member_reads_no_plan_alerts_or_statement_403_admin_role_required_and_support_is_not_for_support() {
        String account = "/accounts/" + org;
        assertDenied(app.get(RunningApp.user(bob), account + "/plan"), 403, DenialCode.ADMIN_ROLE_REQUIRED);
        assertDenied(app.get(RunningApp.user(bob), account + "/usage-alerts"), 403, DenialCode.ADMIN_ROLE_REQUIRED);
        assertDenied(app.put(RunningApp.user(bob), account + "/usage-alerts", "{\"thresholds\": [50]}"), 403,
                DenialCode.ADMIN_ROLE_REQUIRED);
        assertDenied(app.send(RunningApp.user(bob), "GET", account + "/usage/statements/2026-01", null,
                Map.of("Accept", "text/csv")), 403, DenialCode.ADMIN_ROLE_REQUIRED);
        assertDenied(app.get(RunningApp.agent("agent-4"), account + "/plan"), 403, DenialCode.NOT_FOR_SUPPORT);
        assertThat(app.get(RunningApp.user(ana), account + "/usage-alerts").json().path("thresholds").size()).isZero();
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void every_denial_code_was_answered_over_http() {
        assertThat(Problems.SEEN).containsAll(Arrays.stream(DenialCode.values()).map(Enum::name).toList());
    }
}
