package dev.orgkit.examples.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;

/**
 * The guide's whole story, clicked through in headless Chromium by two people in two browsers: Ana
 * creates Acme, edits its profile and invites Bob, who accepts from the development mailbox; Ana
 * promotes him, is refused his demotion and asks support, whose agent approves it in the console;
 * Ana removes Bob (after a typo), manages API keys, and cannot leave as the last admin after Bob has
 * left. Each step asserts what the person sees. With {@code -Dorgkit.screenshots=true} the main pages
 * are written to {@code docs/images/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@EnabledIf(value = "dev.orgkit.examples.webapp.Browser#installed",
        disabledReason = "/usr/bin/chromedriver or /usr/bin/chromium is missing: apt-get install -y chromium chromium-driver")
class GuideStoryBrowserTest {
    private static final boolean SCREENSHOTS = Boolean.getBoolean("orgkit.screenshots");
    private static final Path IMAGES = Path.of(System.getProperty("orgkit.screenshots.dir", "target/screenshots"));

    private RunningApp app;
    private Browser ana;
    private Browser bob;
    private String acme;
    private final List<String> apiKeySecrets = new ArrayList<>();
    private final List<String> invitationLinks = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        // Chromium starts while Spring does: the browsers learn the app's address when it is up.
        CompletableFuture<RunningApp> starting = CompletableFuture.supplyAsync(RunningApp::start);
        CompletableFuture<Browser> anaStarting = CompletableFuture.supplyAsync(() -> Browser.start(starting));
        bob = Browser.start(starting);
        ana = anaStarting.get();
        app = starting.get();
        System.out.println("orgkit web app started in " + app.startMillis + " ms");
    }

    @AfterAll
    void stop() throws IOException {
        try (RunningApp closing = app; Browser a = ana; Browser b = bob) {
            // closed in reverse order
        }
    }

    @Test
    @Order(10)
    void a_visitor_is_asked_to_sign_in_and_ana_lands_on_her_organizations() throws IOException {
        ana.open("/");
        assertThat(ana.h1()).isEqualTo("Sign in");
        shot(ana, "sign-in");
        ana.signIn("ana@example.com");

        assertThat(ana.h1()).isEqualTo("Organizations");
        WebElement personal = ana.row("account", "Personal account");
        assertThat(personal.getText()).contains("Owner");
        assertThat(ana.text()).contains("you cannot invite any member to join it");
    }

    @Test
    @Order(20)
    void the_create_form_shows_each_message_next_to_its_field_and_keeps_the_input() throws IOException {
        ana.click("Create organization");
        ana.fill("Organization account name", "Acme");
        ana.fill("Alerting email", "alerts at acme");
        ana.fill("Invoicing email", "billing@acme.example");
        ana.click("Create organization");

        assertThat(ana.h1()).isEqualTo("Create organization");
        assertThat(ana.fieldError("Legal name")).hasValue("Must not be blank.");
        assertThat(ana.fieldError("Alerting email")).hasValue("Must be a well-formed email address.");
        assertThat(ana.fieldError("Organization account name")).isEmpty();
        assertThat(ana.valueOf("Organization account name")).isEqualTo("Acme");
        assertThat(ana.valueOf("Alerting email")).isEqualTo("alerts at acme");
        shot(ana, "create-organization-errors");
    }

    @Test
    @Order(30)
    void ana_creates_acme_and_it_shows_on_the_overview_with_her_as_admin() throws IOException {
        ana.fill("Legal name", "Acme SAS");
        ana.fill("Alerting email", "alerts@acme.example");
        ana.click("Create organization");

        assertThat(ana.h1()).isEqualTo("Organizations");
        assertThat(ana.notice()).hasValue("Organization Acme created.");
        assertThat(ana.row("account", "Acme").getText()).contains("Admin");
        shot(ana, "organizations");
    }

    @Test
    @Order(40)
    void switch_lands_on_the_apis_hub_and_the_header_shows_acme() {
        ana.clickIn(ana.row("account", "Acme"), "Switch");
        acme = ana.driver.getCurrentUrl().replaceAll(".*/accounts/([^/]+)/.*", "$1");

        assertThat(ana.h1()).isEqualTo("API keys");
        assertThat(ana.headerAccount()).isEqualTo("Acme");
    }

    @Test
    @Order(50)
    void ana_edits_the_profile_saves_and_discards_changes() throws IOException {
        ana.click("Account");
        assertThat(ana.valueOf("Legal name")).isEqualTo("Acme SAS");
        ana.fill("Legal name", "Acme Holding SAS");
        ana.fill("Invoicing email", "ap@acme.example");
        ana.click("Save changes");

        assertThat(ana.notice()).hasValue("Changes saved.");
        assertThat(ana.valueOf("Legal name")).isEqualTo("Acme Holding SAS");
        assertThat(ana.valueOf("Invoicing email")).isEqualTo("ap@acme.example");

        ana.fill("Legal name", "Typo Inc");
        ana.click("Discard changes");
        assertThat(ana.valueOf("Legal name")).isEqualTo("Acme Holding SAS");
        shot(ana, "settings-account");
    }

    @Test
    @Order(60)
    void a_stale_edit_is_refused_with_a_clear_message_and_the_input_kept() {
        String first = ana.driver.getWindowHandle();
        ana.driver.switchTo().newWindow(WindowType.TAB);
        ana.open("/accounts/" + acme + "/settings");
        ana.fill("Alerting email", "oncall@acme.example");
        ana.click("Save changes");
        ana.driver.close();
        ana.driver.switchTo().window(first);

        ana.fill("Legal name", "Acme Group SAS");
        ana.click("Save changes");

        assertThat(ana.refusals()).anySatisfy(refusal -> assertThat(refusal)
                .contains("It was changed by someone else since you read it.", "Reload and try again."));
        assertThat(ana.valueOf("Legal name")).isEqualTo("Acme Group SAS");
        ana.click("Discard changes");
        assertThat(ana.valueOf("Alerting email")).isEqualTo("oncall@acme.example");
        assertThat(ana.valueOf("Legal name")).isEqualTo("Acme Holding SAS");
    }

    @Test
    @Order(65)
    void the_header_drop_down_switches_accounts_and_a_personal_account_explains_it_has_no_members() {
        ana.driver.findElement(By.cssSelector(".switcher summary")).click();
        ana.clickIn(ana.driver.findElement(By.cssSelector(".switcher .menu")), "Personal account");
        assertThat(ana.h1()).isEqualTo("API keys");
        assertThat(ana.headerAccount()).isEqualTo("Personal account");

        ana.click("Members");
        assertThat(ana.offers("Add a member")).isFalse();
        assertThat(ana.text()).contains("A personal account cannot have members or invitations.",
                "Create an organization and invite members there.");

        ana.driver.findElement(By.cssSelector(".switcher summary")).click();
        ana.clickIn(ana.driver.findElement(By.cssSelector(".switcher .menu")), "Acme");
        assertThat(ana.headerAccount()).isEqualTo("Acme");
    }

    @Test
    @Order(70)
    void ana_invites_bob_and_is_told_the_invitation_was_sent() throws IOException {
        ana.click("Members");
        ana.fill("Email address", "bob@example");
        ana.click("Add a member");
        assertThat(ana.fieldError("Email address")).hasValue("Must be a well-formed email address.");
        assertThat(ana.valueOf("Email address")).isEqualTo("bob@example");

        ana.fill("Email address", "bob@example.com");
        ana.choose("Role", "Member");
        ana.click("Add a member");
        assertThat(ana.notice()).hasValue("Your invitation has been sent to bob@example.com.");
        assertThat(ana.row("invitation", "bob@example.com").getText()).contains("Member", "ana@example.com");

        ana.fill("Email address", "bob@example.com");
        ana.click("Add a member");
        assertThat(ana.refusals()).singleElement().asString()
                .contains("This email already has a pending invitation.", "Resend the existing invitation.");
        shot(ana, "members-invited");
    }

    @Test
    @Order(80)
    void bob_accepts_from_the_link_in_the_development_mailbox() throws IOException {
        bob.signIn("bob@example.com");
        bob.open("/dev/mailbox");
        WebElement mail = bob.row("to", "bob@example.com");
        assertThat(mail.getText()).contains("ana@example.com invited you to join Acme", "Member");
        invitationLinks.add(mail.findElement(By.tagName("a")).getAttribute("href"));
        shot(bob, "dev-mailbox");
        bob.clickIn(mail, "Open the invitation to Acme");

        assertThat(bob.h1()).isEqualTo("Invitation to join Acme");
        assertThat(bob.text()).contains("ana@example.com invites bob@example.com to join Acme as a Member.");
        assertThat(bob.driver.getCurrentUrl()).doesNotContain(token(invitationLinks.get(0)));
        shot(bob, "invitation");
        bob.click("Accept");

        assertThat(bob.notice()).hasValue("You joined Acme as a Member.");
        assertThat(bob.row("account", "Acme").getText()).contains("Member");
        ana.open("/accounts/" + acme + "/members");
        assertThat(ana.row("member", "bob@example.com").getText()).contains("Member");
        assertThat(ana.rows("invitation", "bob@example.com")).isEmpty();
    }

    @Test
    @Order(90)
    void a_member_sees_the_members_but_no_admin_controls() {
        bob.open("/accounts/" + acme + "/members");
        assertThat(bob.h1()).isEqualTo("Members");
        assertThat(bob.row("member", "ana@example.com").getText()).contains("Admin");
        assertThat(bob.offers("Add a member")).isFalse();
        assertThat(bob.offers("Edit")).isFalse();
        assertThat(bob.offers("Audit trail")).isFalse();
        assertThat(bob.text()).contains("Only an admin of the organization can do this.", "Ask an admin.");
    }

    @Test
    @Order(100)
    void ana_promotes_bob_to_admin() {
        ana.clickIn(ana.row("member", "bob@example.com"), "Edit");
        assertThat(ana.h1()).isEqualTo("Edit member");
        ana.choose("Role", "Admin");
        ana.click("Save changes");

        assertThat(ana.notice()).hasValue("bob@example.com is now an Admin.");
        assertThat(ana.row("member", "bob@example.com").getText()).contains("Admin");
    }

    @Test
    @Order(110)
    void demoting_an_admin_is_refused_and_ana_files_a_support_request() throws IOException {
        ana.clickIn(ana.row("member", "bob@example.com"), "Edit");
        assertThat(ana.field("Role").isEnabled()).isFalse();
        assertThat(ana.refusals()).first().asString()
                .contains("Demoting or removing an admin is done by support.", "File a support request.");
        shot(ana, "member-demotion-needs-support");

        ana.click("File a support request");
        assertThat(ana.fieldError("Why should this admin become a Member?")).hasValue("Must not be blank.");
        ana.fill("Why should this admin become a Member?", "Bob moved to the data team.");
        ana.click("File a support request");

        assertThat(ana.notice()).hasValue("Your request to demote bob@example.com was sent to the support team.");
        assertThat(ana.row("member", "bob@example.com").getText()).contains("Admin");
    }

    @Test
    @Order(120)
    void the_support_agent_approves_the_request_with_a_ticket() throws IOException {
        bob.signOut();
        bob.signIn("sam@support.example");
        assertThat(bob.h1()).isEqualTo("Support console");
        WebElement request = bob.row("request", "bob@example.com");
        assertThat(request.getText()).contains("Make an admin a Member in Acme", "ana@example.com",
                "Bob moved to the data team.");
        shot(bob, "support-console");

        bob.clickIn(request, "Approve");
        assertThat(bob.fieldError("Ticket")).hasValue("Must not be blank.");
        bob.fill("Ticket", "SUP-1042");
        bob.clickIn(bob.row("request", "bob@example.com"), "Approve");

        assertThat(bob.notice()).hasValue("Request approved under ticket SUP-1042; the change was made.");
        assertThat(bob.rows("request", "bob@example.com")).isEmpty();
        bob.signOut();

        ana.open("/accounts/" + acme + "/members");
        assertThat(ana.row("member", "bob@example.com").getText()).contains("Member");
    }

    @Test
    @Order(130)
    void removing_bob_needs_his_email_typed_exactly() throws IOException {
        ana.clickIn(ana.row("member", "bob@example.com"), "Remove");
        assertThat(ana.h1()).isEqualTo("Remove member");
        ana.fill("Type the email address", "bob@exmaple.com");
        ana.click("Remove member");

        assertThat(ana.refusals()).singleElement().asString()
                .contains("The confirmation typed does not match.", "Type it again.");
        assertThat(ana.valueOf("Type the email address")).isEqualTo("bob@exmaple.com");
        shot(ana, "remove-member-typo");

        ana.fill("Type the email address", "bob@example.com");
        ana.click("Remove member");
        assertThat(ana.notice()).hasValue("bob@example.com was removed from Acme.");
        assertThat(ana.rows("member", "bob@example.com")).isEmpty();
    }

    @Test
    @Order(140)
    void an_api_key_is_shown_once_counted_rolled_with_overlap_and_revoked() throws Exception {
        ana.click("API keys");
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
        ana.open("/accounts/" + acme + "/api-keys");
        assertThat(ana.source()).doesNotContain(secret);

        assertThat(ping(secret)).isEqualTo(200);
        assertThat(ping(secret)).isEqualTo(200);
        assertThat(ping(secret)).isEqualTo(200);
        app.kit().apiKeys().flushUsage();
        ana.open("/accounts/" + acme + "/api-keys");
        assertThat(ana.row("key", hintOf(secret)).getText()).doesNotContain("Never");

        ana.click("Usage");
        assertThat(ana.text()).contains("3 calls in total");
        assertThat(ana.driver.findElements(By.cssSelector("svg.chart rect"))).isNotEmpty();
        assertThat(ana.text()).contains("ci (" + hintOf(secret) + "): 3");
        shot(ana, "usage");
        ana.open("/accounts/" + acme + "/usage?month=2026-13");
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
    @Order(150)
    void the_audit_trail_filters_by_action_and_by_who_acted() throws IOException {
        ana.click("Audit trail");
        assertThat(ana.text()).contains("ORGANIZATION_CREATED", "MEMBER_INVITED", "API_KEY_ROLLED");
        shot(ana, "audit-trail");

        ana.choose("Action", "Member removed");
        ana.click("Filter");
        assertThat(ana.rows("action", "MEMBER_REMOVED")).hasSize(1);
        assertThat(ana.rows("action", "MEMBER_INVITED")).isEmpty();

        ana.choose("Action", "Any action");
        ana.choose("Who", "Support");
        ana.click("Filter");
        assertThat(ana.row("action", "SUPPORT_REQUEST_APPROVED").getText())
                .contains("sam@support.example", "SUP-1042", "bob@example.com");
        assertThat(ana.rows("action", "MEMBER_INVITED")).isEmpty();
    }

    @Test
    @Order(160)
    void bob_opens_a_new_invitation_signed_out_signs_in_accepts_and_leaves_by_typing_the_name()
            throws IOException {
        ana.open("/accounts/" + acme + "/members");
        ana.fill("Email address", "bob@example.com");
        ana.click("Add a member");
        bob.open("/dev/mailbox");
        String link = bob.row("to", "bob@example.com").findElement(By.tagName("a")).getAttribute("href");
        invitationLinks.add(link);

        bob.open(link);
        assertThat(bob.text()).contains("ana@example.com invites bob@example.com to join Acme as a Member.");
        bob.click("Sign in to accept");
        bob.fill("Email", "bob@example.com");
        bob.fill("Password", "orgkit-demo");
        bob.click("Sign in");
        assertThat(bob.h1()).isEqualTo("Invitation to join Acme");
        bob.click("Accept");
        assertThat(bob.notice()).hasValue("You joined Acme as a Member.");

        bob.clickIn(bob.row("account", "Acme"), "Leave organization");
        assertThat(bob.text()).contains("Once this action is carried out, you'll no longer have access to the organization.");
        bob.fill("Type Acme to confirm", "acme");
        bob.click("Leave organization");
        assertThat(bob.refusals()).singleElement().asString()
                .contains("The confirmation typed does not match.", "Type it again.");
        shot(bob, "leave-organization");

        bob.fill("Type Acme to confirm", "Acme");
        bob.click("Leave organization");
        assertThat(bob.notice()).hasValue("You left Acme.");
        assertThat(bob.rows("account", "Acme")).isEmpty();
    }

    @Test
    @Order(170)
    void the_last_admin_cannot_leave() {
        ana.open("/organizations");
        WebElement row = ana.row("account", "Acme");
        WebElement leave = row.findElement(By.xpath(".//button[normalize-space()='Leave organization']"));
        assertThat(leave.isEnabled()).isFalse();
        assertThat(row.getText()).contains("An organization must keep at least one admin.", "Promote another member first.");

        ana.open("/accounts/" + acme + "/leave");
        assertThat(ana.refusals()).singleElement().asString().contains("An organization must keep at least one admin.");
        assertThat(ana.offers("Leave organization")).isFalse();
    }

    @Test
    @Order(180)
    void an_accepted_link_says_it_was_already_used() {
        bob.open(invitationLinks.get(0));
        assertThat(bob.text()).contains("This invitation was already used: it has been accepted.",
                "Ask for a new invitation.");
        assertThat(bob.offers("Accept")).isFalse();
    }

    @Test
    @Order(190)
    void a_link_opened_by_someone_with_another_email_says_so_and_cannot_be_accepted() throws IOException {
        ana.open("/accounts/" + acme + "/members");
        ana.fill("Email address", "carol@example.com");
        ana.click("Add a member");
        bob.open("/dev/mailbox");
        String link = bob.row("to", "carol@example.com").findElement(By.tagName("a")).getAttribute("href");
        invitationLinks.add(link);

        bob.open(link);
        assertThat(bob.text()).contains("This invitation was sent to another email address.",
                "Sign in with the invited address, or ask for a new invitation.", "You are signed in as bob@example.com");
        assertThat(bob.offers("Accept")).isFalse();
        shot(bob, "invitation-other-email");
    }

    @Test
    @Order(200)
    void a_revoked_link_no_longer_works() {
        ana.open("/accounts/" + acme + "/members");
        ana.clickIn(ana.row("invitation", "carol@example.com"), "Revoke");
        assertThat(ana.notice()).hasValue("The invitation to carol@example.com was revoked.");

        bob.open(invitationLinks.get(invitationLinks.size() - 1));
        assertThat(bob.h1()).isEqualTo("This invitation link no longer works");
        assertThat(bob.text()).contains("The invitation was revoked");
    }

    @Test
    @Order(210)
    void a_declined_invitation_says_so() {
        ana.fill("Email address", "bob@example.com");
        ana.click("Add a member");
        bob.open("/dev/mailbox");
        bob.clickIn(bob.row("to", "bob@example.com"), "Open the invitation to Acme");
        bob.click("Decline");
        assertThat(bob.notice()).hasValue("You declined the invitation.");
        assertThat(bob.text()).contains("This invitation was declined.");
        assertThat(bob.offers("Accept")).isFalse();
    }

    @Test
    @Order(220)
    void pages_fit_a_400_pixel_wide_screen() throws IOException {
        ana.driver.manage().window().setSize(new Dimension(400, 860));
        try {
            for (String page : List.of("/organizations", "/accounts/" + acme + "/settings",
                    "/accounts/" + acme + "/members", "/accounts/" + acme + "/api-keys",
                    "/accounts/" + acme + "/usage", "/accounts/" + acme + "/audit")) {
                ana.open(page);
                assertThat(ana.fitsWidth()).as("%s fits 400 px", page).isTrue();
            }
            ana.open("/accounts/" + acme + "/members");
            shot(ana, "members-400px");
        } finally {
            ana.driver.manage().window().setSize(Browser.DESKTOP);
        }
    }

    @Test
    @Order(230)
    void no_secret_reaches_the_logs_or_any_page_but_its_one_time_display() throws IOException {
        List<Browser.Visit> visits = new ArrayList<>(ana.visits);
        visits.addAll(bob.visits);
        for (String secret : apiKeySecrets) {
            assertThat(visits).filteredOn(v -> v.html().contains(secret)).as("pages showing an API key").hasSize(1);
        }
        for (String link : invitationLinks) {
            String token = token(link);
            assertThat(visits).filteredOn(v -> v.html().contains(token))
                    .allSatisfy(v -> assertThat(v.url()).endsWith("/dev/mailbox"));
        }
        String log = app.logText();
        assertThat(log).contains("Tomcat started on port");
        apiKeySecrets.forEach(secret -> assertThat(log).doesNotContain(secret));
        invitationLinks.forEach(link -> assertThat(log).doesNotContain(token(link)));
    }

    @Test
    @Order(240)
    void an_expired_link_says_when_it_expired_and_what_to_do() throws IOException {
        ana.open("/accounts/" + acme + "/members");
        ana.fill("Email address", "carol@example.com");
        ana.click("Add a member");
        bob.open("/dev/mailbox");
        String link = bob.row("to", "carol@example.com").findElement(By.tagName("a")).getAttribute("href");

        app.clock.advance(Duration.ofDays(8));
        bob.open(link);
        assertThat(bob.text()).contains("This invitation expired on", "This invitation has expired.",
                "Ask for a new invitation.");
        assertThat(bob.offers("Accept")).isFalse();
        ana.open("/accounts/" + acme + "/members");
        assertThat(ana.row("invitation", "carol@example.com").getText()).contains("Expired on");

        ana.clickIn(ana.row("invitation", "carol@example.com"), "Resend");
        assertThat(ana.notice()).hasValue(
                "The invitation has been sent again to carol@example.com. The previous link no longer works.");
        assertThat(ana.row("invitation", "carol@example.com").getText()).contains("Expires on");
        bob.open(link);
        assertThat(bob.h1()).isEqualTo("This invitation link no longer works");
    }

    @Test
    @Order(250)
    void sign_up_shows_each_message_next_to_its_field_and_keeps_the_email() {
        bob.signOut();
        bob.click("Sign up");
        bob.fill("Email", "dave@");
        bob.fill("Password", "short");
        bob.click("Sign up");
        assertThat(bob.fieldError("Email")).hasValue("Must be a well-formed email address.");
        assertThat(bob.fieldError("Password")).hasValue("Must be 8 to 72 characters.");
        assertThat(bob.valueOf("Email")).isEqualTo("dave@");
        assertThat(bob.valueOf("Password")).isEmpty();

        bob.fill("Email", "dave@example.com");
        bob.fill("Password", "dave-password");
        bob.click("Sign up");
        assertThat(bob.notice()).hasValue("Your account was created. Sign in with dave@example.com.");
        bob.fill("Email", "dave@example.com");
        bob.fill("Password", "dave-password");
        bob.click("Sign in");
        assertThat(bob.h1()).isEqualTo("Organizations");
        assertThat(bob.row("account", "Personal account").getText()).contains("Owner");
    }

    @Test
    @Order(260)
    void a_form_posted_without_its_csrf_token_is_refused() throws Exception {
        var request = HttpRequest.newBuilder(URI.create(app.baseUrl + "/organizations"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("accountName=Evil&legalName=Evil")).build();
        assertThat(http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(403);
    }

    private int ping(String secret) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(app.baseUrl + "/api/ping"))
                .header("Authorization", "Bearer " + secret).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The hint the app shows for a key: prefix and environment, the first and last four characters of the rest. */
    private static String hintOf(String secret) {
        String rest = secret.substring("ok_live_".length());
        return "ok_live_" + rest.substring(0, 4) + "..." + rest.substring(rest.length() - 4);
    }

    private static String token(String link) {
        return link.substring(link.lastIndexOf('/') + 1);
    }

    private static void shot(Browser browser, String name) throws IOException {
        if (SCREENSHOTS) {
            browser.screenshot(IMAGES, name);
        }
    }
}
