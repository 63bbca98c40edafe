package dev.orgkit.examples.webapp;

import static dev.orgkit.examples.webapp.Fixtures.shot;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;

/**
 * The guide's story of an organization and its members, clicked through in headless Chromium by two
 * people in two browsers: Ana signs in, creates Acme, edits its profile (and loses a stale edit),
 * switches accounts and invites Bob, who accepts from the development mailbox; Ana promotes him, is
 * refused his demotion and asks support, whose agent approves it in the console; Ana removes Bob after
 * a typo. Each step asserts what the person sees. With {@code -Dorgkit.screenshots=true} the main
 * pages are written to {@code docs/images/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(BrowserSession.Resolver.class)
@EnabledIf(value = "dev.orgkit.examples.webapp.Browser#installed",
        disabledReason = "/usr/bin/chromedriver or /usr/bin/chromium is missing: apt-get install -y chromium chromium-driver")
@Order(1)
class GuideStoryBrowserTest {
    private RunningApp app;
    private Browser ana;
    private Browser bob;
    private String acme;
    private final List<String> invitationLinks = new ArrayList<>();

    @BeforeAll
    void share(BrowserSession session) {
        app = session.app;
        ana = session.ana;
        bob = session.bob;
        ana.signOutIfSignedIn();
        bob.signOutIfSignedIn();
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
        ana.open("/accounts/" + acme + "/audit");
        ana.choose("Who", "Support");
        ana.click("Filter");
        assertThat(ana.row("action", "SUPPORT_REQUEST_APPROVED").getText())
                .contains("sam@support.example", "SUP-1042", "bob@example.com");
        assertThat(ana.rows("action", "MEMBER_INVITED")).isEmpty();
    }
    @Test
    @Order(130)
    void removing_bob_needs_his_email_typed_exactly() throws IOException {
        ana.open("/accounts/" + acme + "/members");
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
    void no_invitation_token_reaches_the_logs_or_a_page_but_the_mailbox() throws IOException {
        List<Browser.Visit> visits = new ArrayList<>(ana.visits);
        visits.addAll(bob.visits);
        assertThat(invitationLinks).isNotEmpty();
        for (String link : invitationLinks) {
            String token = token(link);
            assertThat(visits).filteredOn(v -> v.html().contains(token))
                    .allSatisfy(v -> assertThat(v.url()).endsWith("/dev/mailbox"));
            assertThat(app.logText()).contains("Tomcat started on port").doesNotContain(token);
        }
    }

    private static String token(String link) {
        return link.substring(link.lastIndexOf('/') + 1);
    }
}
