package dev.orgkit.spring.boot.autoconfigure;

import static dev.orgkit.spring.boot.autoconfigure.Fixtures.ACME;
import static dev.orgkit.spring.boot.autoconfigure.Fixtures.ANA;
import static dev.orgkit.spring.boot.autoconfigure.Fixtures.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.orgkit.OrgKit;
import dev.orgkit.account.AccountId;
import dev.orgkit.apikey.DailyUsage;
import dev.orgkit.apikey.NewApiKey;
import dev.orgkit.jdbc.JdbcStorage;
import dev.orgkit.member.Role;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Spring Boot application with the starter, a DataSource and spring.mail.*, and not a line of
 * orgkit wiring: it invites through an SMTP server (GreenMail), the invitee accepts with the token of
 * the mail received, a key is created and verified, and health and metrics show orgkit over HTTP.
 * Once the application stops, the usage it counted is in the database; its log holds neither the
 * invitation token nor the key. One subclass per database.
 */
abstract class HostApplicationScenario {
    private static final Pattern LINK = Pattern.compile("http://localhost/invitations/([A-Za-z0-9_-]+)");

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    /** The JDBC URL of an empty database (or schema) of this test's own. */
    abstract String databaseUrl();

    /** A DataSource on {@link #databaseUrl()}, to read what the application left behind. */
    abstract DataSource dataSource();

    /** The host: nothing but Boot's auto-configuration. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Host {}

    static ConfigurableApplicationContext start(String databaseUrl, int smtpPort, String... more) {
        var application = new SpringApplication(Host.class);
        String[] arguments = {
                "--server.port=0",
                // Flyway is on this module's test classpath for FlywayTest only; this host has no migrations.
                "--spring.flyway.enabled=false",
                "--spring.datasource.url=" + databaseUrl,
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + smtpPort,
                "--orgkit.mail.from=invitations@app.example",
                "--orgkit.invitation-link=http://localhost/invitations/{token}",
                "--orgkit.usage.flush-interval=1h",
                "--management.endpoints.web.exposure.include=health,metrics",
                "--management.endpoint.health.show-details=always"};
        String[] all = new String[arguments.length + more.length];
        System.arraycopy(arguments, 0, all, 0, arguments.length);
        System.arraycopy(more, 0, all, arguments.length, more.length);
        return application.run(all);
    }

    @Test
    void a_boot_application_invites_accepts_and_verifies_and_shows_orgkit_in_health_and_metrics() throws Exception {
        AccountId organization;
        String token;
        String secret;
        var log = new ListAppender<ILoggingEvent>();
        log.start();
        var root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        try (ConfigurableApplicationContext context = start(databaseUrl(), SMTP.getSmtp().getPort(),
                "--logging.level.dev.orgkit=DEBUG")) {
            // Boot has set logging up by now: listen to everything from here on, orgkit's debug lines included.
            root.addAppender(log);
            OrgKit kit = context.getBean(OrgKit.class);
            organization = kit.organizations().create(ANA, ACME).id();
            kit.members().invite(ANA, organization, "bob@example.com", Role.MEMBER);

            assertThat(SMTP.waitForIncomingEmail(10_000, 1)).isTrue();
            MimeMessage mail = SMTP.getReceivedMessages()[0];
            assertThat(mail.getSubject()).isEqualTo("ana@example.com invited you to join Acme");
            assertThat(mail.getFrom()[0].toString()).isEqualTo("invitations@app.example");
            assertThat(mail.getMessageID()).matches("<[A-Za-z0-9._-]+@app\\.example>");
            var parts = (Multipart) mail.getContent();
            assertThat(parts.getContentType()).startsWith("multipart/alternative");
            assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
            String text = (String) parts.getBodyPart(0).getContent();
            Matcher link = LINK.matcher(text);
            assertThat(link.find()).as("the accept link in %s", text).isTrue();
            token = link.group(1);
            assertThat(kit.invitations().accept(BOB, token).role()).isEqualTo(Role.MEMBER);

            secret = kit.apiKeys().create(ANA, organization, new NewApiKey("ci")).secret();
            for (int i = 0; i < 3; i++) {
                assertThat(kit.apiKeys().verify(secret).isValid()).isTrue();
            }
            kit.apiKeys().verify("not-a-key");

            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            JsonNode health = get(port, "/actuator/health");
            assertThat(health.at("/components/orgkit/status").asString()).isEqualTo("UP");
            assertThat(health.at("/components/orgkit/details/storage").asString()).isEqualTo("reachable");
            assertThat(health.at("/components/orgkit/details/deliveriesDue").asInt()).isZero();

            JsonNode valid = get(port, "/actuator/metrics/orgkit.api_keys.verifications?tag=code:VALID");
            assertThat(valid.at("/measurements/0/value").asDouble()).isEqualTo(3.0);
            JsonNode commands = get(port, "/actuator/metrics/orgkit.commands?tag=command:invitations.accept");
            assertThat(commands.at("/measurements/0/value").asDouble()).isEqualTo(1.0);
            JsonNode attempts = get(port, "/actuator/metrics/orgkit.deliveries.attempts?tag=outcome:SENT");
            assertThat(attempts.at("/measurements/0/value").asDouble()).isEqualTo(1.0);
        } finally {
            root.detachAppender(log);
        }
        assertThat(log.list).as("the application's log").isNotEmpty().allSatisfy(event -> assertThat(
                event.getFormattedMessage() + event.getThrowableProxy()).doesNotContain(token).doesNotContain(secret));

        // The flusher's interval is an hour: only the shutdown can have written these.
        OrgKit reader = OrgKit.builder().storage(JdbcStorage.create(dataSource())).mailer(mail -> { }).build();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(reader.usage().daily(ANA, organization, today.minusDays(1), today.plusDays(1)).stream()
                .mapToLong(DailyUsage::requests).sum()).isEqualTo(3);
    }

    private static JsonNode get(int port, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return JsonMapper.builder().build().readTree(response.body());
    }
}
