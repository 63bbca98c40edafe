package dev.orgkit.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.orgkit.EmailAddress;
import dev.orgkit.OrgKit;
import dev.orgkit.Principal;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.NewOrganization;
import dev.orgkit.account.Organization;
import dev.orgkit.delivery.DeliveryStatus;
import dev.orgkit.delivery.DispatchSummary;
import dev.orgkit.delivery.InvitationDelivery;
import dev.orgkit.inmemory.InMemoryStorage;
import dev.orgkit.invitation.Invitation;
import dev.orgkit.invitation.InvitationId;
import dev.orgkit.mail.InvitationMail;
import dev.orgkit.member.Membership;
import dev.orgkit.member.Role;
import dev.orgkit.tck.MutableClock;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SMTP mailer against GreenMail, an SMTP server in the test's JVM. */
class SmtpMailerTest {
    private static final Pattern LINK = Pattern.compile("https://app\\.example/invitations/([A-Za-z0-9_-]+)");
    private static final UserPrincipal ANA = Principal.user("u-ana", "ana@example.com");
    private static final UserPrincipal BOB = Principal.user("u-bob", "bob@example.com");

    @RegisterExtension
    final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("orgkit", "s3cret"));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T09:00:00Z"));

    private SmtpMailer.Builder mailerTo(int port) {
        return SmtpMailer.builder().host("127.0.0.1").port(port).security(SmtpSecurity.NONE)
                .from("invitations@app.example", "Example App").clock(clock)
                .connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(5));
    }

    private OrgKit kit(SmtpMailer mailer) {
        return OrgKit.builder().storage(InMemoryStorage.create()).mailer(mailer).clock(clock)
                .invitationLink(token -> URI.create("https://app.example/invitations/" + token)).build();
    }

    private static Organization organization(OrgKit kit, String name) {
        return kit.organizations().create(ANA,
                new NewOrganization(name, "Acme SAS", "alerts@acme.example", "billing@acme.example"));
    }

    @Test
    void an_invitation_arrives_with_a_text_and_an_html_part_its_message_id_and_a_working_link() throws Exception {
        OrgKit kit = kit(mailerTo(greenMail.getSmtp().getPort()).credentials("orgkit", "s3cret").build());
        Organization org = organization(kit, "Acme");

        Invitation invitation = kit.members().invite(ANA, org.id(), "bob@example.com", Role.ADMIN);

        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage message = received[0];
        assertThat(message.getSubject()).isEqualTo("ana@example.com invited you to join Acme");
        assertThat(message.getFrom()[0].toString()).isEqualTo("Example App <invitations@app.example>");
        assertThat(message.getAllRecipients()[0].toString()).isEqualTo("bob@example.com");
        assertThat(message.getMessageID()).matches("<" + invitation.id().value() + "\\.dlv_[0-9a-f]+@app\\.example>");
        assertThat(message.getContentType()).startsWith("multipart/alternative");
        String text = part(message, "text/plain");
        String html = part(message, "text/html");
        for (String body : new String[] {text, html}) {
            assertThat(body).contains("ana@example.com", "Acme", "an admin", "12 January 2026, 09:00 UTC");
        }
        String token = tokenIn(text);
        assertThat(html).contains("href=\"https://app.example/invitations/" + token + "\"");

        Membership joined = kit.invitations().accept(BOB, token);
        assertThat(joined.role()).isEqualTo(Role.ADMIN);
        assertThat(kit.invitations().delivery(ANA, invitation.id()).status()).isEqualTo(DeliveryStatus.SENT);
    }

    @Test
    void an_organization_name_with_markup_is_escaped_in_the_html_part() throws Exception {
        OrgKit kit = kit(mailerTo(greenMail.getSmtp().getPort()).build());
        Organization org = organization(kit, "<script>alert('x')</script> & Co");

        kit.members().invite(ANA, org.id(), "bob@example.com", Role.MEMBER);

        MimeMessage message = greenMail.getReceivedMessages()[0];
        String html = part(message, "text/html");
        assertThat(html).doesNotContain("<script>").doesNotContain("alert('x')")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co");
        assertThat(part(message, "text/plain")).contains("<script>alert('x')</script> & Co");
        assertThat(message.getSubject()).isEqualTo("ana@example.com invited you to join <script>alert('x')</script> & Co");
    }

    @Test
    void an_invitation_survives_an_smtp_outage_and_a_retry_delivers_a_working_link() throws Exception {
        int port = freePort();
        OrgKit kit = kit(mailerTo(port).build());
        Organization org = organization(kit, "Acme");

        Invitation invitation = kit.members().invite(ANA, org.id(), "bob@example.com", Role.MEMBER);

        InvitationDelivery failed = kit.invitations().delivery(ANA, invitation.id());
        assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(failed.lastError()).hasValueSatisfying(error -> assertThat(error)
                .contains("SMTP delivery of " + invitation.id().value()).contains("127.0.0.1:" + port));

        var server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        try {
            clock.advance(Duration.ofMinutes(1));
            assertThat(kit.deliveries().dispatchPending()).isEqualTo(new DispatchSummary(1, 0, 0));
            MimeMessage[] received = server.getReceivedMessages();
            assertThat(received).hasSize(1);
            String token = tokenIn(part(received[0], "text/plain"));
            kit.invitations().accept(BOB, token);
        } finally {
            server.stop();
        }
        InvitationDelivery sent = kit.invitations().delivery(ANA, invitation.id());
        assertThat(sent.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(sent.attempts()).isEqualTo(2);
    }

    @Test
    void a_line_break_in_the_subject_is_refused_and_nothing_is_sent() {
        SmtpMailer mailer = mailerTo(greenMail.getSmtp().getPort()).build();
        var mail = new InvitationMail("inv_1.dlv_1", InvitationId.of("inv_1"), EmailAddress.of("bob@example.com"),
                "Acme\r\nBcc: eve@example.com", EmailAddress.of("ana@example.com"), Role.MEMBER,
                URI.create("https://app.example/invitations/t"), "t", Instant.parse("2026-01-12T09:00:00Z"));

        assertThatThrownBy(() -> mailer.send(mail)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line break");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void a_builder_names_every_missing_or_wrong_setting() {
        assertThatThrownBy(() -> SmtpMailer.builder().port(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("host is required").hasMessageContaining("port must be")
                .hasMessageContaining("from is required");
        assertThatThrownBy(() -> SmtpMailer.builder().host("smtp.example").from("a@b.example", "X\nBcc: e@x").build())
                .hasMessageContaining("line break");
        assertThatThrownBy(() -> SmtpMailer.builder().host("smtp.example").from("not an address").build())
                .hasMessageContaining("not a valid address");
    }

    @Test
    void starttls_is_required_and_implicit_tls_is_enabled_when_asked() {
        Properties starttls = SmtpMailer.sessionProperties(mailerTo(587).security(SmtpSecurity.STARTTLS));
        assertThat(starttls).containsEntry("mail.smtp.starttls.enable", "true")
                .containsEntry("mail.smtp.starttls.required", "true")
                .containsEntry("mail.smtp.ssl.checkserveridentity", "true")
                .doesNotContainKey("mail.smtp.ssl.enable");
        Properties tls = SmtpMailer.sessionProperties(mailerTo(465).security(SmtpSecurity.TLS)
                .credentials("user", "pw"));
        assertThat(tls).containsEntry("mail.smtp.ssl.enable", "true").containsEntry("mail.smtp.auth", "true")
                .containsEntry("mail.smtp.port", "465").doesNotContainKey("mail.smtp.starttls.enable");
        assertThat(SmtpMailer.sessionProperties(mailerTo(25))).containsEntry("mail.smtp.auth", "false")
                .containsEntry("mail.smtp.connectiontimeout", "5000").containsEntry("mail.smtp.timeout", "5000");
    }

    private static String part(MimeMessage message, String type) throws Exception {
        Multipart parts = (Multipart) message.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (part.isMimeType(type)) {
                return (String) part.getContent();
            }
        }
        throw new AssertionError("no " + type + " part");
    }

    private static String tokenIn(String text) {
        Matcher matcher = LINK.matcher(text);
        assertThat(matcher.find()).as("the mail holds an accept link").isTrue();
        return matcher.group(1);
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
