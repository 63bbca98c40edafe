package dev.orgkit.spring.web;

import static dev.orgkit.spring.web.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The host's own endpoint behind orgkit's API keys refuses every key that does not verify, with its
 * code; and no secret or invitation token ever comes back in a response or reaches the log.
 */
abstract class ApiKeysAndSecrets {
    RunningApp app;
    Fixtures given;

    abstract String storage();

    @BeforeEach
    void startApp() {
        app = RunningApp.on(storage());
        given = new Fixtures(app);
    }

    private void assertInvalidKey(RunningApp.Response response, String verification) {
        assertProblem(response, 401, "INVALID_API_KEY");
        assertThat(response.json().path("verification").asString()).isEqualTo(verification);
        assertThat(response.header("WWW-Authenticate")).hasValueSatisfying(challenge ->
                assertThat(challenge).startsWith("Bearer error=\"invalid_token\""));
    }

    @Test
    void a_key_that_is_malformed_unknown_revoked_or_expired_is_401_invalid_token_with_its_verification_code() {
        String ana = Fixtures.newUserId("ana");
        String org = given.organization(ana, "Acme");

        assertInvalidKey(app.get("not-a-key", "/host/ping"), "MALFORMED");
        String secret = given.apiKey(ana, org).text("secret");
        String unknown = secret.substring(0, 8) + new StringBuilder(secret.substring(8)).reverse();
        RunningApp.Response notFound = app.get(unknown, "/host/ping");
        assertThat(notFound.status()).isEqualTo(401);
        assertThat(notFound.json().path("verification").asString()).isIn("MALFORMED", "NOT_FOUND");

        RunningApp.Response revokedKey = given.apiKey(ana, org);
        app.post(RunningApp.user(ana), "/api-keys/" + revokedKey.json().path("apiKey").path("id").asString() + "/revoke", null);
        assertInvalidKey(app.get(revokedKey.text("secret"), "/host/ping"), "REVOKED");

        Instant soon = app.bean(TestHost.MovableClock.class).instant().plus(Duration.ofMinutes(5));
        RunningApp.Response expiring = app.post(RunningApp.user(ana), "/accounts/" + org + "/api-keys",
                "{\"name\": \"temp\", \"expiresAt\": \"" + soon + "\"}");
        assertThat(expiring.status()).as(expiring.toString()).isEqualTo(201);
        assertThat(app.get(expiring.text("secret"), "/host/ping").status()).isEqualTo(200);
        app.bean(TestHost.MovableClock.class).advance(Duration.ofMinutes(6));
        assertInvalidKey(app.get(expiring.text("secret"), "/host/ping"), "EXPIRED");
    }

    @Test
    void a_call_without_a_key_is_401_api_key_required() {
        RunningApp.Response anonymous = assertProblem(app.get(null, "/host/ping"), 401, "API_KEY_REQUIRED");
        assertThat(anonymous.header("WWW-Authenticate")).contains("Bearer");
    }

    @Test
    void no_secret_or_invitation_token_is_ever_echoed_in_a_response_or_written_to_the_log() throws IOException {
        String ana = Fixtures.newUserId("ana");
        String bob = Fixtures.newUserId("bob");
        String org = given.organization(ana, "Acme");
        RunningApp.Response created = given.apiKey(ana, org);
        String keyId = created.json().path("apiKey").path("id").asString();
        RunningApp.Response rolled = app.post(RunningApp.user(ana), "/api-keys/" + keyId + "/roll", "{\"overlap\": \"PT1M\"}");
        List<String> secrets = List.of(created.text("secret"), rolled.text("secret"));
        app.get(secrets.get(0), "/host/ping");
        app.get(secrets.get(1) + "x", "/host/ping");
        app.get(RunningApp.user(ana), "/accounts/" + org + "/api-keys");
        app.get(RunningApp.user(ana), "/accounts/" + org + "/audit");
        given.invite(ana, org, bob, "MEMBER");
        String token = given.token(bob);
        app.post(null, "/invitations/preview", "{\"token\": \"" + token + "\"}");
        app.post(RunningApp.user(Fixtures.newUserId("eve")), "/invitations/accept", "{\"token\": \"" + token + "\"}");
        app.post(RunningApp.user(bob), "/invitations/accept", "{\"token\": [\"" + token + "\"]}");
        app.post(RunningApp.user(bob), "/invitations/accept", "{\"token\": \"" + token + "\"");
        app.post(RunningApp.user(bob), "/invitations/accept", "{\"token\": \"" + token + "\"}");

        List<String> everySecret = new ArrayList<>(secrets);
        everySecret.addAll(app.bean(TestHost.Mails.class).tokens());
        List<String> bodies = app.bodies();
        for (String secret : everySecret) {
            long showing = bodies.stream().filter(body -> body.contains(secret)).count();
            assertThat(showing).as("responses showing a secret").isEqualTo(secrets.contains(secret) ? 1 : 0);
        }
        String log = Files.readString(app.log);
        assertThat(log).contains("TokenBody[token=<redacted>]", "CreatedApiKeyView[secret=<redacted>");
        assertThat(everySecret).noneSatisfy(secret -> assertThat(log).contains(secret));
    }

    @Test
    void the_token_of_a_link_invitation_is_in_its_201_response_only_and_never_in_the_log() throws IOException {
        String ana = Fixtures.newUserId("ana");
        String eve = Fixtures.newUserId("eve");
        String org = given.organization(ana, "Acme");

        RunningApp.Response issued = app.post(RunningApp.user(ana), "/organizations/" + org + "/invitations/link",
                "{\"email\": \"" + eve + "@example.com\", \"role\": \"MEMBER\"}");
        String token = issued.text("token");
        app.get(RunningApp.user(ana), "/organizations/" + org + "/invitations");
        app.get(RunningApp.user(ana), "/accounts/" + org + "/audit");
        app.post(null, "/invitations/preview", "{\"token\": \"" + token + "\"}");
        app.post(RunningApp.user(eve), "/invitations/accept", "{\"token\": \"" + token + "\"}");

        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        assertThat(app.bodies().stream().filter(body -> body.contains(token)).count()).isEqualTo(1);
        String log = Files.readString(app.log);
        assertThat(log).contains("IssuedInvitationView[token=<redacted>, acceptLink=<redacted>").doesNotContain(token);
    }
}
