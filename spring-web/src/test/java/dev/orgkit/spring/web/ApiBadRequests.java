package dev.orgkit.spring.web;

import static dev.orgkit.spring.web.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What a client gets for a request that orgkit cannot take: unauthenticated, unverified, invalid,
 * malformed, mistyped, oversized, misrouted. Always a problem, never the server's insides.
 */
abstract class ApiBadRequests {
    RunningApp app;
    Fixtures given;

    abstract String storage();

    @BeforeEach
    void startApp() {
        app = RunningApp.on(storage());
        given = new Fixtures(app);
    }

    @Test
    void a_caller_without_a_token_is_401_with_a_bearer_challenge() {
        RunningApp.Response anonymous = assertProblem(app.get(null, "/accounts"), 401, "UNAUTHENTICATED");
        assertThat(anonymous.header("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
    }

    @Test
    void a_caller_whose_email_is_not_verified_is_403_email_not_verified() {
        String unverified = RunningApp.jwt(Map.of("sub", "u-unverified", "email", "u@example.com", "email_verified", false));
        assertProblem(app.get(unverified, "/accounts"), 403, "EMAIL_NOT_VERIFIED");
        String withoutEmail = RunningApp.jwt(Map.of("sub", "u-no-email"));
        assertProblem(app.get(withoutEmail, "/accounts"), 403, "EMAIL_NOT_VERIFIED");
    }

    @Test
    void an_invalid_form_lists_every_violation_by_its_json_field() {
        RunningApp.Response invalid = assertProblem(app.post(RunningApp.user(Fixtures.newUserId("ana")), "/organizations",
                "{\"accountName\": \"\", \"legalName\": \"Acme SAS\", \"alertingEmail\": \"not-an-email\"}"), 400,
                "INVALID_INPUT");
        JsonNode violations = invalid.json().path("violations");
        assertThat(violations.toString()).contains("\"field\":\"accountName\"", "\"field\":\"alertingEmail\"",
                "\"field\":\"invoicingEmail\"");
        assertThat(invalid.body()).doesNotContain("not-an-email");
    }

    @Test
    void a_missing_required_field_body_or_parameter_is_400_invalid_input_naming_it() {
        String ana = RunningApp.user(Fixtures.newUserId("ana"));
        String org = given.organization(Fixtures.newUserId("ana"), "Acme");
        assertThat(assertProblem(app.post(ana, "/invitations/accept", "{}"), 400, "INVALID_INPUT").body())
                .contains("\"field\":\"token\"");
        assertThat(assertProblem(app.post(ana, "/organizations/" + org + "/leave", null), 400, "INVALID_INPUT").body())
                .contains("\"field\":\"body\"");
        assertThat(assertProblem(app.get(ana, "/accounts/" + org + "/usage?from=2026-01-01"), 400, "INVALID_INPUT").body())
                .contains("\"field\":\"to\"");
        assertThat(assertProblem(app.get(ana, "/organizations/" + org + "/members?size=0"), 400, "INVALID_INPUT").body())
                .contains("\"field\":\"size\"");
        String bulk = "/organizations/" + org + "/invitations/bulk";
        assertThat(assertProblem(app.post(ana, bulk, "{\"invitations\": []}"), 400, "INVALID_INPUT").body())
                .contains("\"field\":\"invitations\"");
        assertThat(assertProblem(app.post(ana, bulk, "{\"invitations\": [{\"email\": \"x@example.com\"}, null]}"), 400,
                "INVALID_INPUT").body()).contains("\"field\":\"invitations[0]\"");
    }

    @Test
    void deleting_restoring_or_inviting_with_a_link_without_their_fields_is_400_naming_them_and_changes_nothing() {
        String ana = Fixtures.newUserId("ana");
        String org = given.organization(ana, "Acme");
        String user = RunningApp.user(ana);

        assertThat(assertProblem(app.post(user, "/organizations/" + org + "/delete", null), 400, "INVALID_INPUT").body())
                .contains("\"field\":\"body\"");
        assertThat(assertProblem(app.post(user, "/organizations/" + org + "/delete", "{}"), 400, "INVALID_INPUT").body())
                .contains("\"field\":\"confirm\"");
        assertThat(app.get(user, "/organizations/" + org).status()).isEqualTo(200);

        String link = "/organizations/" + org + "/invitations/link";
        RunningApp.Response missing = assertProblem(app.post(user, link, "{}"), 400, "INVALID_INPUT");
        assertThat(missing.body()).contains("\"field\":\"email\"", "\"field\":\"role\"");
        RunningApp.Response badEmail = assertProblem(app.post(user, link,
                "{\"email\": \"not-an-email\", \"role\": \"MEMBER\"}"), 400, "INVALID_INPUT");
        assertThat(badEmail.json().path("violations").get(0).path("field").asString()).isEqualTo("email");
        RunningApp.Response badRole = assertProblem(app.post(user, link,
                "{\"email\": \"x@example.com\", \"role\": \"OWNER\"}"), 400, "INVALID_INPUT");
        assertThat(badRole.json().path("violations").get(0).path("field").asString()).isEqualTo("role");
        assertThat(app.get(user, "/organizations/" + org + "/invitations").json().path("items").size()).isZero();

        assertThat(app.post(user, "/organizations/" + org + "/delete", "{\"confirm\": \"Acme\"}").status()).isEqualTo(204);
        String agent = RunningApp.agent(Fixtures.newUserId("agent"));
        String restore = "/support/organizations/" + org + "/restore";
        assertThat(assertProblem(app.post(agent, restore, "{}"), 400, "INVALID_INPUT").body())
                .contains("\"field\":\"ticket\"");
        assertThat(assertProblem(app.post(agent, restore, "{\"ticket\": \"\"}"), 400, "INVALID_INPUT").body())
                .contains("\"field\":\"ticket\"");
        assertThat(app.get(user, "/organizations/" + org).status()).isEqualTo(404);
    }

    @Test
    void bad_usage_alert_thresholds_or_a_month_that_is_not_one_are_400_naming_them_and_change_nothing() {
        String ana = Fixtures.newUserId("ana");
        String org = given.organization(ana, "Acme");
        String user = RunningApp.user(ana);
        String alerts = "/accounts/" + org + "/usage-alerts";
        assertThat(app.put(user, alerts, "{\"thresholds\": [50]}").status()).isEqualTo(200);

        assertThat(assertProblem(app.put(user, alerts, "{}"), 400, "INVALID_INPUT").body())
                .contains("\"field\":\"thresholds\"");
        assertThat(assertProblem(app.put(user, alerts, "{\"thresholds\": [80, null]}"), 400, "INVALID_INPUT").body())
                .contains("\"field\":\"thresholds[1]\"");
        RunningApp.Response outOfRange = assertProblem(app.put(user, alerts, "{\"thresholds\": [0, 80, 5000]}"), 400,
                "INVALID_INPUT");
        assertThat(outOfRange.json().path("violations").size()).isEqualTo(2);
        assertThat(outOfRange.json().path("violations").get(0).path("field").asString()).startsWith("thresholds");
        assertProblem(app.put(user, alerts, "{\"thresholds\": [\"half\"]}"), 400, "INVALID_INPUT");
        assertThat(app.get(user, alerts).json().path("thresholds").toString()).isEqualTo("[50]");

        RunningApp.Response month = assertProblem(app.get(user, "/accounts/" + org + "/usage/statements/2026-13"), 400,
                "INVALID_INPUT");
        assertThat(month.json().path("violations").get(0).path("field").asString()).isEqualTo("yearMonth");
        assertProblem(app.send(user, "GET", "/accounts/" + org + "/usage/statements/last-month", null,
                Map.of("Accept", "text/csv")), 400, "INVALID_INPUT");
        assertThat(assertProblem(app.send(user, "GET", "/accounts/" + org + "/usage/statements/2026-01", null,
                Map.of("Accept", "application/xml")), 406, "NOT_ACCEPTABLE").json().path("detail").asString())
                .contains("application/json", "text/csv");
    }

    @Test
    void malformed_json_is_400_malformed_json_without_echoing_the_body() {
        String ana = RunningApp.user(Fixtures.newUserId("ana"));
        RunningApp.Response malformed = assertProblem(app.post(ana, "/organizations", "{\"accountName\": \"Acme\", oops"),
                400, "MALFORMED_JSON");
        assertThat(malformed.body()).doesNotContain("oops", "Acme");
    }

    @Test
    void a_value_of_the_wrong_type_is_400_naming_the_field_and_what_it_must_be() {
        String ana = Fixtures.newUserId("ana");
        String org = given.organization(ana, "Acme");
        RunningApp.Response role = assertProblem(app.post(RunningApp.user(ana), "/organizations/" + org + "/invitations",
                "{\"email\": \"x@example.com\", \"role\": \"OWNER\"}"), 400, "INVALID_INPUT");
        assertThat(role.json().path("violations").get(0).path("field").asString()).isEqualTo("role");
        assertThat(role.json().path("violations").get(0).path("message").asString()).isEqualTo("must be one of ADMIN, MEMBER");
        assertThat(role.body()).doesNotContain("OWNER");

        String keyId = given.apiKey(ana, org).json().path("apiKey").path("id").asString();
        RunningApp.Response overlap = assertProblem(app.post(RunningApp.user(ana), "/api-keys/" + keyId + "/roll",
                "{\"overlap\": \"one hour\"}"), 400, "INVALID_INPUT");
        assertThat(overlap.json().path("violations").get(0).path("field").asString()).isEqualTo("overlap");

        RunningApp.Response size = assertProblem(app.get(RunningApp.user(ana), "/organizations/" + org + "/members?size=many"),
                400, "INVALID_INPUT");
        assertThat(size.json().path("violations").get(0).path("message").asString()).isEqualTo("must be a whole number");
        assertProblem(app.get(RunningApp.user(ana), "/accounts/" + org + "/audit?actorKind=ROBOT"), 400, "INVALID_INPUT");
        assertProblem(app.patch(RunningApp.user(ana), "/organizations/" + org, "{\"legalName\": \"X\"}",
                Map.of("If-Match", "W/\"1\"")), 400, "INVALID_INPUT");
    }

    @Test
    void a_body_over_the_configured_limit_is_413_whether_its_length_is_declared_or_not() {
        String ana = RunningApp.user(Fixtures.newUserId("ana"));
        String huge = "{\"accountName\": \"" + "x".repeat(5000) + "\"}";
        assertProblem(app.post(ana, "/organizations", huge), 413, "PAYLOAD_TOO_LARGE");
        assertProblem(app.send(ana, "POST", "/organizations", huge, Map.of("Transfer-Encoding", "chunked")), 413,
                "PAYLOAD_TOO_LARGE");
    }

    @Test
    void an_unknown_route_is_404_and_a_known_route_with_another_method_is_405_listing_the_allowed_ones() {
        String ana = RunningApp.user(Fixtures.newUserId("ana"));
        assertProblem(app.get(ana, "/no/such/thing"), 404, "NOT_FOUND");
        RunningApp.Response wrongMethod = assertProblem(app.send(ana, "DELETE", "/organizations/acc_x", null, Map.of()), 405,
                "METHOD_NOT_ALLOWED");
        assertThat(wrongMethod.header("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("GET", "PATCH"));
        assertProblem(app.send(ana, "PUT", "/organizations", "{}", Map.of()), 405, "METHOD_NOT_ALLOWED");
    }

    @Test
    void a_body_that_is_not_json_is_415() {
        String ana = RunningApp.user(Fixtures.newUserId("ana"));
        assertProblem(app.send(ana, "POST", "/organizations", "accountName=Acme",
                Map.of("Content-Type", "application/x-www-form-urlencoded")), 415, "UNSUPPORTED_MEDIA_TYPE");
    }
}
