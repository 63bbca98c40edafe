package dev.orgkit.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orgkit.OrgKit;
import dev.orgkit.account.AccountId;
import dev.orgkit.plan.Plan;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The success paths of API keys, the host's key-protected API, usage, audit, permissions and support. */
abstract class ApiFlowsMore {
    RunningApp app;
    Fixtures given;

    abstract String storage();

    @BeforeEach
    void startApp() {
        app = RunningApp.on(storage());
        given = new Fixtures(app);
    }

    @Test
    void an_admin_creates_lists_rolls_and_revokes_keys_and_the_secret_is_shown_only_at_creation() {
        String ana = Fixtures.newUserId("ana");
        String org = given.organization(ana, "Acme");

        RunningApp.Response created = given.apiKey(ana, org);
        String secret = created.text("secret");
        String keyId = created.json().path("apiKey").path("id").asString();
        assertThat(secret).startsWith("ok_test_");
        assertThat(created.header("Cache-Control")).hasValueSatisfying(value -> assertThat(value).contains("no-store"));
        assertThat(created.header("Location")).hasValueSatisfying(value -> assertThat(value).endsWith("/api-keys/" + keyId));

        RunningApp.Response listed = app.get(RunningApp.user(ana), "/accounts/" + org + "/api-keys");
        assertThat(listed.json().path("items").get(0).path("hint").asString()).startsWith("ok_test_");
        assertThat(listed.body()).doesNotContain(secret);
        RunningApp.Response one = app.get(RunningApp.user(ana), "/api-keys/" + keyId);
        assertThat(one.text("name")).isEqualTo("ci");
        assertThat(one.text("environment")).isEqualTo("TEST");

        RunningApp.Response rolled = app.post(RunningApp.user(ana), "/api-keys/" + keyId + "/roll", "{\"overlap\": \"PT1H\"}");
        assertThat(rolled.status()).isEqualTo(201);
        assertThat(rolled.text("secret")).isNotEqualTo(secret).startsWith("ok_test_");
        assertThat(app.get(RunningApp.user(ana), "/api-keys/" + keyId).text("rolledTo"))
                .isEqualTo(rolled.json().path("apiKey").path("id").asString());

        String newKeyId = rolled.json().path("apiKey").path("id").asString();
        RunningApp.Response revoked = app.post(RunningApp.user(ana), "/api-keys/" + newKeyId + "/revoke", null);
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.json().path("revokedAt").isNull()).isFalse();
    }

    @Test
    void the_hosts_endpoint_authenticates_a_valid_key_as_its_account_and_usage_counts_the_call() {
        String ana = Fixtures.newUserId("ana");
        String org = given.organization(ana, "Acme");
        RunningApp.Response created = given.apiKey(ana, org);

        RunningApp.Response ping = app.get(created.text("secret"), "/host/ping");

        assertThat(ping.status()).isEqualTo(200);
        assertThat(ping.text("accountId")).isEqualTo(org);
        assertThat(ping.text("keyId")).isEqualTo(created.json().path("apiKey").path("id").asString());
        assertThat(ping.text("environment")).isEqualTo("test");
        assertThat(ping.header("Set-Cookie")).isEmpty();

        app.bean(OrgKit.class).apiKeys().flushUsage();
        LocalDate today = LocalDate.ofInstant(app.bean(TestHost.MovableClock.class).instant(), ZoneOffset.UTC);
        RunningApp.Response usage = app.get(RunningApp.user(ana),
                "/accounts/" + org + "/usage?from=" + today.minusDays(1) + "&to=" + today);
        assertThat(usage.status()).as(usage.toString()).isEqualTo(200);
        JsonNode days = usage.json().path("items");
        assertThat(days.size()).isEqualTo(2);
        assertThat(days.get(1).path("day").asString()).isEqualTo(today.toString());
        assertThat(days.get(1).path("requests").asLong()).isEqualTo(1);
    }

    @Test
    void the_audit_trail_is_filtered_by_query_parameters_and_paged() {
        String ana = Fixtures.newUserId("ana");
        String org = given.organization(ana, "Acme");
        given.invite(ana, org, Fixtures.newUserId("bob"), "MEMBER");
        given.invite(ana, org, Fixtures.newUserId("cy"), "MEMBER");

        RunningApp.Response invites = app.get(RunningApp.user(ana),
                "/accounts/" + org + "/audit?action=MEMBER_INVITED&actorKind=USER&actorId=" + ana + "&size=1");
        assertThat(invites.status()).as(invites.toString()).isEqualTo(200);
        assertThat(invites.json().path("items").get(0).path("action").asString()).isEqualTo("MEMBER_INVITED");
        assertThat(invites.json().path("items").get(0).path("actor").path("id").asString()).isEqualTo(ana);
        RunningApp.Response next = app.get(RunningApp.user(ana), "/accounts/" + org
                + "/audit?action=MEMBER_INVITED&size=1&cursor=" + invites.text("nextCursor"));
        assertThat(next.json().path("items").size()).isEqualTo(1);

        RunningApp.Response created = app.get(RunningApp.user(ana), "/accounts/" + org
                + "/audit?action=ORGANIZATION_CREATED&action=PROFILE_UPDATED&from=2000-01-01T00:00:00Z");
        assertThat(created.json().path("items").size()).isEqualTo(1);
        assertThat(created.json().path("items").get(0).path("action").asString()).isEqualTo("ORGANIZATION_CREATED");
    }

    @Test
    void permissions_show_what_a_member_may_do_with_the_reason_and_remedy_of_each_refusal() {
        String ana = Fixtures.newUserId("ana");
        String bob = Fixtures.newUserId("bob");
        String org = given.organization(ana, "Acme");
        given.join(ana, org, bob, "MEMBER");

        RunningApp.Response all = app.get(RunningApp.user(bob), "/accounts/" + org + "/permissions");
        assertThat(all.json().path("items").size()).isEqualTo(dev.orgkit.policy.Permission.values().length);

        RunningApp.Response some = app.get(RunningApp.user(bob),
                "/accounts/" + org + "/permissions?permission=VIEW_ACCOUNT&permission=INVITE_MEMBERS");
        JsonNode view = some.json().path("items").get(0);
        JsonNode invite = some.json().path("items").get(1);
        assertThat(view.path("allowed").asBoolean()).isTrue();
        assertThat(invite.path("allowed").asBoolean()).isFalse();
        assertThat(invite.path("code").asString()).isEqualTo("ADMIN_ROLE_REQUIRED");
        assertThat(invite.path("remedy").asString()).isEqualTo("Ask an admin.");
    }

    @Test
    void an_admin_files_a_support_request_and_an_agent_finds_it_in_the_queue_and_approves_it() {
        String ana = Fixtures.newUserId("ana");
        String bob = Fixtures.newUserId("bob");
        String org = given.organization(ana, "Acme");
        given.join(ana, org, bob, "ADMIN");
        String agent = RunningApp.agent(Fixtures.newUserId("agent"));

        RunningApp.Response filed = app.post(RunningApp.user(ana), "/organizations/" + org + "/support-requests",
                "{\"action\": \"DEMOTE_ADMIN\", \"targetUserId\": \"" + bob + "\", \"reason\": \"left the team\"}");
        assertThat(filed.status()).as(filed.toString()).isEqualTo(201);
        String id = filed.text("id");
        assertThat(filed.header("Location")).hasValueSatisfying(value -> assertThat(value).endsWith("/support/requests/" + id));
        assertThat(app.get(RunningApp.user(ana), "/support/requests/" + id).text("status")).isEqualTo("PENDING");

        RunningApp.Response queue = app.get(agent, "/support/requests?status=PENDING&size=500");
        assertThat(queue.body()).contains(id);

        RunningApp.Response approved = app.post(agent, "/support/requests/" + id + "/approve", "{\"ticket\": \"TICKET-1\"}");
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        assertThat(approved.text("status")).isEqualTo("APPROVED");
        assertThat(approved.text("ticket")).isEqualTo("TICKET-1");
        assertThat(app.get(RunningApp.user(ana), "/organizations/" + org + "/members").body()).contains("\"role\":\"MEMBER\"");
    }

    @Test
    void an_agent_rejects_a_request_and_promotes_demotes_and_removes_members_directly_with_a_ticket() {
        String ana = Fixtures.newUserId("ana");
        String bob = Fixtures.newUserId("bob");
        String cy = Fixtures.newUserId("cy");
        String org = given.organization(ana, "Acme");
        given.join(ana, org, bob, "ADMIN");
        given.join(ana, org, cy, "MEMBER");
        String agent = RunningApp.agent(Fixtures.newUserId("agent"));
        String filed = app.post(RunningApp.user(ana), "/organizations/" + org + "/support-requests",
                "{\"action\": \"REMOVE_ADMIN\", \"targetUserId\": \"" + bob + "\", \"reason\": \"gone\"}").text("id");

        RunningApp.Response rejected = app.post(agent, "/support/requests/" + filed + "/reject",
                "{\"ticket\": \"TICKET-2\", \"why\": \"ask bob first\"}");
        assertThat(rejected.text("status")).isEqualTo("REJECTED");
        assertThat(rejected.text("why")).isEqualTo("ask bob first");

        String members = "/support/organizations/" + org + "/members/";
        assertThat(app.post(agent, members + cy + "/promote", "{\"ticket\": \"T-3\"}").text("role")).isEqualTo("ADMIN");
        assertThat(app.post(agent, members + cy + "/demote", "{\"ticket\": \"T-4\"}").text("role")).isEqualTo("MEMBER");
        assertThat(app.post(agent, members + cy + "/remove-member", "{\"ticket\": \"T-5\"}").status()).isEqualTo(204);
        assertThat(app.post(agent, members + bob + "/remove-admin", "{\"ticket\": \"T-6\"}").status()).isEqualTo(204);

        RunningApp.Response trail = app.get(agent, "/accounts/" + org + "/audit?actorKind=SUPPORT");
        assertThat(trail.json().path("items").size()).isEqualTo(5);
        assertThat(trail.json().path("items").get(0).path("actor").path("ticket").asString()).isEqualTo("T-6");
        assertThat(app.get(RunningApp.user(ana), "/organizations/" + org + "/members").json().path("items").size()).isEqualTo(1);
    }

    @Test
    void an_admin_reads_the_plan_sets_usage_alerts_and_gets_the_months_statement_as_json_or_csv() {
        String ana = Fixtures.newUserId("ana");
        String org = given.organization(ana, "Acme");
        OrgKit kit = app.bean(OrgKit.class);
        kit.plans().assign(AccountId.of(org), Plan.monthly(1000).seats(5));

        RunningApp.Response plan = app.get(RunningApp.user(ana), "/accounts/" + org + "/plan");
        assertThat(plan.status()).as(plan.toString()).isEqualTo(200);
        assertThat(plan.json().path("monthlyCalls").asLong()).isEqualTo(1000);
        assertThat(plan.json().path("seats").asInt()).isEqualTo(5);
        assertThat(plan.text("enforcement")).isEqualTo(Plan.monthly(1000).enforcement().name());

        String alerts = "/accounts/" + org + "/usage-alerts";
        assertThat(app.get(RunningApp.user(ana), alerts).json().path("thresholds").size()).isZero();
        RunningApp.Response set = app.put(RunningApp.user(ana), alerts, "{\"thresholds\": [100, 50, 80]}");
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        assertThat(set.json().path("thresholds").toString()).isEqualTo("[50,80,100]");
        assertThat(app.get(RunningApp.user(ana), alerts).json().path("thresholds").toString()).isEqualTo("[50,80,100]");

        RunningApp.Response key = given.apiKey(ana, org);
        assertThat(app.get(key.text("secret"), "/host/ping").status()).isEqualTo(200);
        kit.apiKeys().flushUsage();
        YearMonth month = YearMonth.from(app.bean(TestHost.MovableClock.class).instant().atZone(ZoneOffset.UTC));
        String path = "/accounts/" + org + "/usage/statements/" + month;

        RunningApp.Response json = app.get(RunningApp.user(ana), path);
        assertThat(json.status()).as(json.toString()).isEqualTo(200);
        assertThat(json.text("period")).isEqualTo(month.toString());
        assertThat(json.text("legalName")).isEqualTo("Acme SAS");
        assertThat(json.json().path("keys").get(0).path("keyId").asString())
                .isEqualTo(key.json().path("apiKey").path("id").asString());
        assertThat(json.json().path("total").asLong()).isEqualTo(1);
        assertThat(json.json().path("included").asLong()).isEqualTo(1000);
        assertThat(json.json().path("overage").asLong()).isZero();

        RunningApp.Response csv = app.send(RunningApp.user(ana), "GET", path, null, Map.of("Accept", "text/csv"));
        assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        assertThat(csv.header("Content-Disposition")).hasValueSatisfying(value ->
                assertThat(value).contains("attachment", month + ".csv"));
        assertThat(csv.body()).startsWith("period,account_id,legal_name,line,key_id,key_name,calls")
                .contains(month + "," + org + ",Acme SAS,total,,,1", month + "," + org + ",Acme SAS,included,,,1000");
    }
}
