package dev.orgkit.examples.webapp;

import static dev.orgkit.examples.webapp.Fixtures.shot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orgkit.member.Role;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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

/**
 * The page an invitation link opens, in headless Chromium, for every way a link can be: opened by a
 * visitor who signs in and accepts, already used, opened by someone signed in with another email,
 * revoked, declined, expired and sent again; then sign-up's validation and CSRF.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(BrowserSession.Resolver.class)
@EnabledIf(value = "dev.orgkit.examples.webapp.Browser#installed",
        disabledReason = "/usr/bin/chromedriver or /usr/bin/chromium is missing: apt-get install -y chromium chromium-driver")
@Order(3)
class InvitationPageBrowserTest {
    private static final String ANA = "ana@example.com";
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> links = new ArrayList<>();
    private RunningApp app;
    private Fixtures fixtures;
    private Browser ana;
    private Browser bob;
    private String initech;

    @BeforeAll
    void setTheScene(BrowserSession session) {
        app = session.app;
        ana = session.ana;
        bob = session.bob;
        fixtures = new Fixtures(app);
        initech = fixtures.organization(ANA, "Initech");
        ana.signIn(ANA);
    }

    @Test
    @Order(10)
    void a_visitor_sees_who_invites_to_what_signs_in_and_comes_back_to_accept() throws IOException {
        String link = invite("bob@example.com");
        bob.signOutIfSignedIn();
        bob.open(link);
        assertThat(bob.h1()).isEqualTo("Invitation to join Initech");
        assertThat(bob.text()).contains("ana@example.com invites bob@example.com to join Initech as a Member.");
        assertThat(bob.driver.getCurrentUrl()).doesNotContain(token(link));
        shot(bob, "invitation");

        bob.click("Sign in to accept");
        bob.fill("Email", "bob@example.com");
        bob.fill("Password", "orgkit-demo");
        bob.click("Sign in");
        assertThat(bob.h1()).isEqualTo("Invitation to join Initech");
        bob.click("Accept");
        assertThat(bob.notice()).hasValue("You joined Initech as a Member.");
        assertThat(bob.row("account", "Initech").getText()).contains("Member");
    }

    @Test
    @Order(20)
    void an_accepted_link_says_it_was_already_used() {
        bob.open(links.get(0));
        assertThat(bob.text()).contains("This invitation was already used: it has been accepted.",
                "Ask for a new invitation.");
        assertThat(bob.offers("Accept")).isFalse();
    }

    @Test
    @Order(30)
    void a_link_opened_by_someone_with_another_email_says_so_and_cannot_be_accepted() throws IOException {
        bob.open(invite("carol@example.com"));
        assertThat(bob.text()).contains("This invitation was sent to another email address.",
                "Sign in with the invited address, or ask for a new invitation.", "You are signed in as bob@example.com");
        assertThat(bob.offers("Accept")).isFalse();
        shot(bob, "invitation-other-email");
    }

    @Test
    @Order(40)
    void a_revoked_link_no_longer_works() {
        ana.open("/accounts/" + initech + "/members");
        ana.clickIn(ana.row("invitation", "carol@example.com"), "Revoke");
        assertThat(ana.notice()).hasValue("The invitation to carol@example.com was revoked.");

        bob.open(links.get(links.size() - 1));
        assertThat(bob.h1()).isEqualTo("This invitation link no longer works");
        assertThat(bob.text()).contains("The invitation was revoked");
    }

    @Test
    @Order(50)
    void a_declined_invitation_says_so() {
        String link = invite("carol@example.com");
        bob.signIn("carol@example.com");
        bob.open(link);
        bob.click("Decline");
        assertThat(bob.notice()).hasValue("You declined the invitation.");
        assertThat(bob.text()).contains("This invitation was declined.");
        assertThat(bob.offers("Accept")).isFalse();
    }

    @Test
    @Order(60)
    void an_expired_link_says_when_it_expired_and_the_admin_sends_it_again() {
        String link = invite("carol@example.com");
        app.clock.advance(Duration.ofDays(8));
        try {
            bob.open(link);
            assertThat(bob.text()).contains("This invitation expired on", "This invitation has expired.",
                    "Ask for a new invitation.");
            assertThat(bob.offers("Accept")).isFalse();

            ana.open("/accounts/" + initech + "/members");
            assertThat(ana.row("invitation", "carol@example.com").getText()).contains("Expired on");
            ana.clickIn(ana.row("invitation", "carol@example.com"), "Resend");
            assertThat(ana.notice()).hasValue(
                    "The invitation has been sent again to carol@example.com. The previous link no longer works.");
            assertThat(ana.row("invitation", "carol@example.com").getText()).contains("Expires on");
            bob.open(link);
            assertThat(bob.h1()).isEqualTo("This invitation link no longer works");
            links.add(fixtures.lastLinkTo("carol@example.com"));
        } finally {
            app.clock.advance(Duration.ofDays(-8));
        }
    }

    @Test
    @Order(70)
    void sign_up_shows_each_message_next_to_its_field_and_keeps_the_email() {
        bob.signOutIfSignedIn();
        bob.open("/login");
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
    @Order(80)
    void a_form_posted_without_its_csrf_token_is_refused() throws Exception {
        var request = HttpRequest.newBuilder(URI.create(app.baseUrl + "/organizations"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("accountName=Evil&legalName=Evil")).build();
        assertThat(http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(403);
    }
    @Test
    @Order(90)
    void no_invitation_token_reaches_the_logs_or_a_page() throws IOException {
        List<Browser.Visit> visits = new ArrayList<>(ana.visits);
        visits.addAll(bob.visits);
        for (String link : links) {
            assertThat(visits).noneMatch(v -> v.html().contains(token(link)));
            assertThat(app.logText()).contains("Tomcat started on port").doesNotContain(token(link));
        }
    }

    /** Ana invites {@code email} as a Member; the link of the mail it got. */
    private String invite(String email) {
        String link = fixtures.invite(initech, ANA, email, Role.MEMBER);
        links.add(link);
        return link;
    }

    private static String token(String link) {
        return link.substring(link.lastIndexOf('/') + 1);
    }
}
