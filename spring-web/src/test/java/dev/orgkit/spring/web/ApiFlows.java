package dev.orgkit.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Every endpoint's success path, as a client of orgkit's HTTP API sees it. */
abstract class ApiFlows {
    RunningApp app;
    Fixtures given;

    abstract String storage();

    @BeforeEach
    void startApp() {
        app = RunningApp.on(storage());
        given = new Fixtures(app);
    }

    @Test
    void a_user_creates_an_organization_and_reads_it_with_its_version_as_etag() {
        String ana = Fixtures.newUserId("ana");
        RunningApp.Response created = app.post(RunningApp.user(ana), "/organizations", """
                {"accountName": "Acme", "legalName": "Acme SAS", "alertingEmail": "alerts@acme.example",
                 "invoicingEmail": "billing@acme.example"}""");

        assertThat(created.status()).isEqualTo(201);
        String id = created.text("id");
        assertThat(created.header("Location")).hasValueSatisfying(location ->
                assertThat(location).endsWith(RunningApp.BASE + "/organizations/" + id));
        assertThat(created.json().path("accountName").asString()).isEqualTo("Acme");
        assertThat(created.json().path("createdBy").asString()).isEqualTo(ana);

        RunningApp.Response read = app.get(RunningApp.user(ana), "/organizations/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("ETag")).contains("\"1\"");
        assertThat(read.json().path("legalName").asString()).isEqualTo("Acme SAS");
        assertThat(read.json().path("version").asLong()).isEqualTo(1);

        RunningApp.Response unchanged = app.send(RunningApp.user(ana), "GET", "/organizations/" + id, null,
                Map.of("If-None-Match", "\"1\""));
        assertThat(unchanged.status()).isEqualTo(304);
    }

    @Test
    void an_admin_patches_the_profile_with_if_match_and_a_left_out_field_keeps_its_value() {
        String ana = Fixtures.newUserId("ana");
        String org = given.organization(ana, "Acme");

        RunningApp.Response patched = app.patch(RunningApp.user(ana), "/organizations/" + org,
                "{\"legalName\": \"Acme Holding SAS\"}", Map.of("If-Match", "\"1\""));

        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.header("ETag")).contains("\"2\"");
        assertThat(patched.json().path("legalName").asString()).isEqualTo("Acme Holding SAS");
        assertThat(patched.json().path("alertingEmail").asString()).isEqualTo("alerts@acme.example");

        RunningApp.Response whole = app.patch(RunningApp.user(ana), "/organizations/" + org, """
                {"legalName": "Acme Group", "alertingEmail": "ops@acme.example", "invoicingEmail": "ap@acme.example"}""",
                Map.of());
        assertThat(whole.status()).isEqualTo(200);
        assertThat(whole.json().path("version").asLong()).isEqualTo(3);
        assertThat(whole.json().path("invoicingEmail").asString()).isEqualTo("ap@acme.example");
    }

    @Test
    void the_account_overview_lists_the_personal_account_first_and_the_user_switches_to_an_organization() {
        String ana = Fixtures.newUserId("ana");
        assertThat(app.get(RunningApp.user(ana), "/accounts/active").status()).isEqualTo(204);
        String org = given.organization(ana, "Acme");

        JsonNode overview = app.get(RunningApp.user(ana), "/accounts").json().path("items");
        assertThat(overview.size()).isEqualTo(2);
        assertThat(overview.get(0).path("kind").asString()).isEqualTo("PERSONAL");
        assertThat(overview.get(0).path("role").isNull()).isTrue();
        assertThat(overview.get(1).path("accountId").asString()).isEqualTo(org);
        assertThat(overview.get(1).path("role").asString()).isEqualTo("ADMIN");

        RunningApp.Response personal = app.get(RunningApp.user(ana), "/accounts/personal");
        assertThat(personal.text("id")).isEqualTo(overview.get(0).path("accountId").asString());
        assertThat(personal.text("owner")).isEqualTo(ana);

        RunningApp.Response switched = app.put(RunningApp.user(ana), "/accounts/active", "{\"accountId\": \"" + org + "\"}");
        assertThat(switched.status()).isEqualTo(200);
        assertThat(switched.json().path("permissions").toString()).contains("INVITE_MEMBERS", "EDIT_PROFILE");
        RunningApp.Response active = app.get(RunningApp.user(ana), "/accounts/active");
        assertThat(active.text("accountId")).isEqualTo(org);
        assertThat(active.text("name")).isEqualTo("Acme");
    }

    @Test
    void an_admin_invites_in_bulk_and_gets_one_outcome_per_row_in_order() {
        String ana = Fixtures.newUserId("ana");
        String bob = Fixtures.newUserId("bob");
        String cy = Fixtures.newUserId("cy");
        String org = given.organization(ana, "Acme");
        given.join(ana, org, cy, "MEMBER");

        RunningApp.Response bulk = app.post(RunningApp.user(ana), "/organizations/" + org + "/invitations/bulk",
                "{\"invitations\": [{\"email\": \"" + bob + "@example.com\", \"role\": \"ADMIN\"},"
                        + " {\"email\": \"" + bob.toUpperCase(java.util.Locale.ROOT) + "@example.com\", \"role\": \"MEMBER\"},"
                        + " {\"email\": \"" + cy + "@example.com\", \"role\": \"MEMBER\"}]}");

        assertThat(bulk.status()).isEqualTo(200);
        JsonNode outcomes = bulk.json().path("outcomes");
        assertThat(outcomes.size()).isEqualTo(3);
        assertThat(outcomes.get(0).path("invitation").path("role").asString()).isEqualTo("ADMIN");
        assertThat(outcomes.get(0).path("refusal").isNull()).isTrue();
        assertThat(outcomes.get(1).path("violations").get(0).asString()).contains("row 1");
        assertThat(outcomes.get(2).path("refusal").asString()).isEqualTo("ALREADY_A_MEMBER");
        assertThat(bulk.body()).doesNotContain("token");
        RunningApp.Response joined = app.post(RunningApp.user(bob), "/invitations/accept",
                "{\"token\": \"" + given.token(bob) + "\"}");
        assertThat(joined.text("role")).isEqualTo("ADMIN");
    }

    @Test
    void an_invitee_previews_and_accepts_with_the_token_in_the_body_and_the_admin_changes_and_removes_members() {
        String ana = Fixtures.newUserId("ana");
        String bob = Fixtures.newUserId("bob");
        String org = given.organization(ana, "Acme");
        String invitation = given.invite(ana, org, bob, "MEMBER");

        RunningApp.Response pending = app.get(RunningApp.user(ana), "/organizations/" + org + "/invitations?size=10");
        assertThat(pending.json().path("items").get(0).path("id").asString()).isEqualTo(invitation);
        assertThat(pending.json().path("nextCursor").isNull()).isTrue();
        assertThat(app.get(RunningApp.user(ana), "/invitations/" + invitation + "/delivery").text("status")).isEqualTo("SENT");

        RunningApp.Response preview = app.post(null, "/invitations/preview", "{\"token\": \"" + given.token(bob) + "\"}");
        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.text("organizationName")).isEqualTo("Acme");
        assertThat(preview.text("role")).isEqualTo("MEMBER");

        RunningApp.Response joined = app.post(RunningApp.user(bob), "/invitations/accept", "{\"token\": \"" + given.token(bob) + "\"}");
        assertThat(joined.status()).isEqualTo(200);
        assertThat(joined.text("email")).isEqualTo(bob + "@example.com");

        RunningApp.Response promoted = app.patch(RunningApp.user(ana), "/organizations/" + org + "/members/" + bob,
                "{\"role\": \"ADMIN\"}", Map.of());
        assertThat(promoted.text("role")).isEqualTo("ADMIN");

        String cy = Fixtures.newUserId("cy");
        given.join(ana, org, cy, "MEMBER");
        RunningApp.Response firstPage = app.get(RunningApp.user(bob), "/organizations/" + org + "/members?size=2");
        assertThat(firstPage.json().path("items").size()).isEqualTo(2);
        String cursor = firstPage.text("nextCursor");
        RunningApp.Response secondPage = app.get(RunningApp.user(bob), "/organizations/" + org + "/members?size=2&cursor=" + cursor);
        assertThat(secondPage.json().path("items").size()).isEqualTo(1);
        assertThat(secondPage.json().path("nextCursor").isNull()).isTrue();

        RunningApp.Response removed = app.post(RunningApp.user(ana), "/organizations/" + org + "/members/" + cy + "/remove",
                "{\"confirm\": \"" + cy + "@example.com\"}");
        assertThat(removed.status()).isEqualTo(204);
        RunningApp.Response left = app.post(RunningApp.user(bob), "/organizations/" + org + "/leave", "{\"confirm\": \"Acme\"}");
        assertThat(left.status()).isEqualTo(204);
        assertThat(app.get(RunningApp.user(bob), "/organizations/" + org).status()).isEqualTo(404);
    }

    @Test
    void an_admin_resends_and_revokes_an_invitation_and_an_invitee_declines_another() {
        String ana = Fixtures.newUserId("ana");
        String org = given.organization(ana, "Acme");
        String dan = Fixtures.newUserId("dan");
        String invitation = given.invite(ana, org, dan, "ADMIN");
        String firstToken = given.token(dan);

        RunningApp.Response resent = app.post(RunningApp.user(ana), "/invitations/" + invitation + "/resend", null);
        assertThat(resent.status()).isEqualTo(200);
        assertThat(given.token(dan)).isNotEqualTo(firstToken);
        RunningApp.Response revoked = app.post(RunningApp.user(ana), "/invitations/" + invitation + "/revoke", null);
        assertThat(revoked.text("status")).isEqualTo("REVOKED");

        String eve = Fixtures.newUserId("eve");
        given.invite(ana, org, eve, "MEMBER");
        RunningApp.Response declined = app.post(RunningApp.user(eve), "/invitations/decline", "{\"token\": \"" + given.token(eve) + "\"}");
        assertThat(declined.status()).isEqualTo(204);
        assertThat(app.post(null, "/invitations/preview", "{\"token\": \"" + given.token(eve) + "\"}").text("status"))
                .isEqualTo("DECLINED");
    }

    @Test
    void the_sole_admin_deletes_the_organization_it_is_gone_for_its_members_and_support_restores_it_with_a_ticket() {
        String ana = Fixtures.newUserId("ana");
        String bob = Fixtures.newUserId("bob");
        String org = given.organization(ana, "Acme");
        given.join(ana, org, bob, "MEMBER");

        RunningApp.Response deleted = app.post(RunningApp.user(ana), "/organizations/" + org + "/delete",
                "{\"confirm\": \"Acme\"}");

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertThat(app.get(RunningApp.user(ana), "/organizations/" + org).status()).isEqualTo(404);
        assertThat(app.get(RunningApp.user(bob), "/accounts").body()).doesNotContain(org);

        String agent = RunningApp.agent(Fixtures.newUserId("agent"));
        RunningApp.Response restored = app.post(agent, "/support/organizations/" + org + "/restore",
                "{\"ticket\": \"TICKET-42\"}");

        assertThat(restored.status()).as(restored.toString()).isEqualTo(200);
        assertThat(restored.text("id")).isEqualTo(org);
        assertThat(restored.text("accountName")).isEqualTo("Acme");
        assertThat(app.get(RunningApp.user(bob), "/organizations/" + org).status()).isEqualTo(200);
        assertThat(app.get(RunningApp.user(bob), "/accounts").body()).contains(org);
        JsonNode restoredEvent = app.get(agent, "/accounts/" + org + "/audit?action=ORGANIZATION_RESTORED")
                .json().path("items").get(0);
        assertThat(restoredEvent.path("actor").path("ticket").asString()).isEqualTo("TICKET-42");
    }

    @Test
    void an_admin_invites_with_a_link_shown_once_no_mail_goes_out_and_the_invitee_joins_with_its_token() {
        String ana = Fixtures.newUserId("ana");
        String eve = Fixtures.newUserId("eve");
        String org = given.organization(ana, "Acme");

        RunningApp.Response issued = app.post(RunningApp.user(ana), "/organizations/" + org + "/invitations/link",
                "{\"email\": \"" + eve + "@example.com\", \"role\": \"ADMIN\"}");

        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        assertThat(issued.header("Cache-Control")).as("set by orgkit, not only by Spring Security").contains("no-store");
        String token = issued.text("token");
        assertThat(token).isNotBlank();
        assertThat(issued.text("acceptLink")).isEqualTo("https://app.example/invitations/" + token);
        JsonNode invitation = issued.json().path("invitation");
        assertThat(invitation.path("email").asString()).isEqualTo(eve + "@example.com");
        assertThat(invitation.path("role").asString()).isEqualTo("ADMIN");
        assertThat(invitation.path("status").asString()).isEqualTo("PENDING");
        assertThat(app.bean(TestHost.Mails.class).tokens()).doesNotContain(token);

        RunningApp.Response pending = app.get(RunningApp.user(ana), "/organizations/" + org + "/invitations");
        assertThat(pending.json().path("items").get(0).path("id").asString()).isEqualTo(invitation.path("id").asString());
        assertThat(pending.body()).doesNotContain(token);

        RunningApp.Response joined = app.post(RunningApp.user(eve), "/invitations/accept", "{\"token\": \"" + token + "\"}");
        assertThat(joined.status()).as(joined.toString()).isEqualTo(200);
        assertThat(joined.text("role")).isEqualTo("ADMIN");
    }
}
