package dev.orgkit.examples.webapp;

import static dev.orgkit.examples.webapp.Fixtures.shot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orgkit.member.Role;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;

/**
 * The rest of the guide in headless Chromium, in Globex, where Ana is the admin and Bob a member: API
 * keys created (shown once), used, rolled with an overlap and revoked; the usage chart; the audit
 * trail's filters; Bob leaving by typing the name; the last admin refused; pages at 400 px; orgkit's
 * HTTP API on Ana's session, which changes nothing without the CSRF token.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(BrowserSession.Resolver.class)
@EnabledIf(value = "dev.orgkit.examples.webapp.Browser#installed",
        disabledReason = "/usr/bin/chromedriver or /usr/bin/chromium is missing: apt-get install -y chromium chromium-driver")
@Order(2)
class ApiKeysAndLeavingBrowserTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> apiKeySecrets = new ArrayList<>();
    private RunningApp app;
    private Browser ana;
    private Browser bob;
    private String globex;

    @BeforeAll
    void setTheScene(BrowserSession session) {
        app = session.app;
        ana = session.ana;
        bob = session.bob;
        var fixtures = new Fixtures(app);
        globex = fixtures.organization("ana@example.com", "Globex");
        fixtures.join(globex, "ana@example.com", "bob@example.com", Role.MEMBER);
        ana.signIn("ana@example.com");
        bob.signIn("bob@example.com");
    }

    @Test
    @Order(10)
    void an_api_key_is_shown_once_counted_rolled_with_overlap_and_revoked() throws Exception {
        ana.open("/accounts/" + globex + "/api-keys");
        ana.click("Create API key");
        assertThat(ana.fieldError("Name")).hasValue("Must not be blank.");

        ana.fill("Name", "ci");
        ana.click("Create API key");
        assertThat(ana.notice()).hasValue("Your API key ci was created.");
        assertThat(ana.text()).contains("This is the only time the key is shown");
        assertThat(ana.offers("Copy")).isTrue();
        String secret = ana.valueOf("API key ci");
        apiKeySecrets.add(secret);
        assertThat(secret).startsWith("ok_live_");
        shot(ana, "api-key-created");

        WebElement key = ana.row("key", hintOf(secret));
        assertThat(key.getText()).contains("ci", "ana@example.com", "Never", "Active");
        ana.open("/accounts/" + globex + "/api-keys");
        assertThat(ana.source()).doesNotContain(secret);

        assertThat(ping(secret)).isEqualTo(200);
        assertThat(ping(secret)).isEqualTo(200);
        assertThat(ping(secret)).isEqualTo(200);
        app.kit().apiKeys().flushUsage();
        ana.open("/accounts/" + globex + "/api-keys");
        assertThat(ana.row("key", hintOf(secret)).getText()).doesNotContain("Never");

        ana.click("Usage");
        assertThat(ana.text()).contains("3 calls in total");
        assertThat(ana.driver.findElements(By.cssSelector("svg.chart rect"))).isNotEmpty();
        assertThat(ana.text()).contains("ci (" + hintOf(secret) + "): 3");
        shot(ana, "usage");
        ana.open("/accounts/" + globex + "/usage?month=2026-13");
        assertThat(ana.fieldError("Month")).hasValue("Enter a month as YYYY-MM, such as "
                + java.time.YearMonth.now(java.time.ZoneOffset.UTC) + ".");

        ana.click("API keys");
        ana.clickIn(ana.row("key", hintOf(secret)), "Roll");
        assertThat(ana.notice()).hasValue("Your API key ci was rolled. The old key keeps working for 1 hour.");
        String rolled = ana.valueOf("API key ci");
        apiKeySecrets.add(rolled);
        assertThat(rolled).isNotEqualTo(secret);
        assertThat(ana.row("key", hintOf(secret)).getText()).contains("Rolled; works until");
        assertThat(ping(secret)).isEqualTo(200);
        assertThat(ping(rolled)).isEqualTo(200);

        ana.clickIn(ana.row("key", hintOf(rolled)), "Revoke");
        assertThat(ana.notice()).hasValue("Your API key ci was revoked. It no longer works.");
        assertThat(ana.row("key", hintOf(rolled)).getText()).contains("Revoked");
        assertThat(ping(rolled)).isEqualTo(401);
        shot(ana, "api-keys");
    }
    @Test
    @Order(20)
    void the_audit_trail_filters_by_action_and_by_who_acted() throws IOException {
        ana.click("Audit trail");
        assertThat(ana.text()).contains("ORGANIZATION_CREATED", "MEMBER_INVITED", "API_KEY_ROLLED");
        shot(ana, "audit-trail");

        ana.choose("Action", "Api key rolled");
        ana.click("Filter");
        assertThat(ana.rows("action", "API_KEY_ROLLED")).hasSize(1);
        assertThat(ana.rows("action", "API_KEY_CREATED")).isEmpty();

        ana.choose("Action", "Any action");
        ana.choose("Who", "orgkit");
        ana.click("Filter");
        assertThat(ana.rows("action", "INVITATION_MAIL_SENT")).isNotEmpty();
        assertThat(ana.rows("action", "API_KEY_CREATED")).isEmpty();
    }

    @Test
    @Order(30)
    void bob_leaves_globex_by_typing_its_name() throws IOException {
        bob.open("/organizations");
        bob.clickIn(bob.row("account", "Globex"), "Leave organization");
        assertThat(bob.text()).contains("Once this action is carried out, you'll no longer have access to the organization.");
        bob.fill("Type Globex to confirm", "globex");
        bob.click("Leave organization");
        assertThat(bob.refusals()).singleElement().asString()
                .contains("The confirmation typed does not match.", "Type it again.");
        assertThat(bob.valueOf("Type Globex to confirm")).isEqualTo("globex");
        shot(bob, "leave-organization");

        bob.fill("Type Globex to confirm", "Globex");
        bob.click("Leave organization");
        assertThat(bob.notice()).hasValue("You left Globex.");
        assertThat(bob.rows("account", "Globex")).isEmpty();
    }

    @Test
    @Order(40)
    void the_last_admin_cannot_leave() {
        ana.open("/organizations");
        WebElement row = ana.row("account", "Globex");
        WebElement leave = row.findElement(By.xpath(".//button[normalize-space()='Leave organization']"));
        assertThat(leave.isEnabled()).isFalse();
        assertThat(row.getText()).contains("An organization must keep at least one admin.", "Promote another member first.");

        ana.open("/accounts/" + globex + "/leave");
        assertThat(ana.refusals()).singleElement().asString().contains("An organization must keep at least one admin.");
        assertThat(ana.offers("Leave organization")).isFalse();
    }
    @Test
    @Order(50)
    void pages_fit_a_400_pixel_wide_screen() throws IOException {
        ana.driver.manage().window().setSize(new Dimension(400, 860));
        try {
            for (String page : List.of("/organizations", "/accounts/" + globex + "/settings",
                    "/accounts/" + globex + "/members", "/accounts/" + globex + "/api-keys",
                    "/accounts/" + globex + "/usage", "/accounts/" + globex + "/audit")) {
                ana.open(page);
                assertThat(ana.fitsWidth()).as("%s fits 400 px", page).isTrue();
            }
            ana.open("/accounts/" + globex + "/members");
            shot(ana, "members-400px");
        } finally {
            ana.driver.manage().window().setSize(Browser.DESKTOP);
        }
    }
    @Test
    @Order(55)
    void the_http_api_serves_the_signed_in_user_and_changes_nothing_without_the_csrf_token() throws Exception {
        ana.open("/accounts/" + globex + "/settings");
        String session = "JSESSIONID=" + ana.driver.manage().getCookieNamed("JSESSIONID").getValue();
        String csrf = ana.driver.findElement(By.name("_csrf")).getDomProperty("value");
        String organization = "/orgkit/api/v1/organizations/" + globex;

        HttpResponse<String> anonymous = call("GET", "/orgkit/api/v1/accounts", null, null, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).contains("\"code\":\"UNAUTHENTICATED\"");
        HttpResponse<String> accounts = call("GET", "/orgkit/api/v1/accounts", session, null, null);
        assertThat(accounts.statusCode()).isEqualTo(200);
        assertThat(accounts.body()).contains("\"name\":\"Globex\"", "\"role\":\"ADMIN\"");

        String rename = "{\"legalName\":\"Globex Corporation\"}";
        assertThat(call("PATCH", organization, session, null, rename).statusCode()).isEqualTo(403);
        assertThat(call("GET", organization, session, null, null).body()).contains("\"legalName\":\"Globex SAS\"");
        HttpResponse<String> renamed = call("PATCH", organization, session, csrf, rename);
        assertThat(renamed.statusCode()).isEqualTo(200);
        assertThat(renamed.body()).contains("\"legalName\":\"Globex Corporation\"");
        ana.open("/accounts/" + globex + "/settings");
        assertThat(ana.valueOf("Legal name")).isEqualTo("Globex Corporation");

        // The demo API takes API keys only: the pages' session does not authenticate it.
        HttpResponse<String> ping = call("GET", "/api/ping", session, null, null);
        assertThat(ping.statusCode()).isEqualTo(401);
        assertThat(ping.body()).contains("\"code\":\"API_KEY_REQUIRED\"");
    }

    @Test
    @Order(60)
    void an_api_key_reaches_no_log_and_no_page_but_its_one_time_display() throws IOException {
        List<Browser.Visit> visits = new ArrayList<>(ana.visits);
        visits.addAll(bob.visits);
        assertThat(apiKeySecrets).hasSize(2);
        for (String secret : apiKeySecrets) {
            assertThat(visits).filteredOn(v -> v.html().contains(secret)).as("pages showing an API key").hasSize(1);
            assertThat(app.logText()).contains("Tomcat started on port").doesNotContain(secret);
        }
    }

    private int ping(String secret) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(app.baseUrl + "/api/ping"))
                .header("Authorization", "Bearer " + secret).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private HttpResponse<String> call(String method, String path, @Nullable String cookie, @Nullable String csrf,
            @Nullable String json) throws IOException, InterruptedException {
        var body = json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json);
        var request = HttpRequest.newBuilder(URI.create(app.baseUrl + path)).header("Accept", "application/json")
                .method(method, body);
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        if (csrf != null) {
            request.header("X-CSRF-TOKEN", csrf);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The hint the app shows for a key: prefix and environment, the first and last four characters of the rest. */
    private static String hintOf(String secret) {
        String rest = secret.substring("ok_live_".length());
        return "ok_live_" + rest.substring(0, 4) + "..." + rest.substring(rest.length() - 4);
    }
}
