package dev.orgkit.spring.boot.autoconfigure;

import static dev.orgkit.spring.boot.autoconfigure.Fixtures.ACME;
import static dev.orgkit.spring.boot.autoconfigure.Fixtures.ANA;
import static dev.orgkit.spring.boot.autoconfigure.StorageAutoConfigurationTest.findStartupException;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orgkit.OrgKit;
import dev.orgkit.member.Role;
import dev.orgkit.spi.Mailer;
import dev.orgkit.spring.boot.autoconfigure.internal.JavaMailSenderMailer;
import dev.orgkit.spring.boot.autoconfigure.internal.OrgKitFailureAnalyzer;
import dev.orgkit.spring.boot.autoconfigure.internal.OrgKitStartupException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mail.javamail.JavaMailSender;

/** Which mailer the kit gets: the application's, else one on JavaMailSender, else start-up fails and says why. */
class MailAutoConfigurationTest {
    /** orgkit and Boot's mail auto-configuration, without the recording mailer of the other tests. */
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MailSenderAutoConfiguration.class, OrgKitAutoConfiguration.class))
            .withPropertyValues(Fixtures.LINK);

    @Test
    void the_applications_mailer_sends_the_invitations() {
        var mailer = new Fixtures.RecordingMailer();
        runner.withPropertyValues("spring.mail.host=localhost", "orgkit.mail.from=invitations@app.example")
                .withBean("myMailer", Mailer.class, () -> mailer).run(context -> {
                    assertThat(context).hasSingleBean(Mailer.class).doesNotHaveBean(JavaMailSenderMailer.class);
                    OrgKit kit = context.getBean(OrgKit.class);
                    var org = kit.organizations().create(ANA, ACME);
                    kit.members().invite(ANA, org.id(), "bob@example.com", Role.MEMBER);
                    assertThat(mailer.sent).singleElement().satisfies(mail ->
                            assertThat(mail.acceptLink().toString()).startsWith("https://app.example/invitations/"));
                });
    }

    @Test
    void with_spring_mail_configured_the_kit_sends_through_java_mail_sender() {
        runner.withPropertyValues("spring.mail.host=localhost", "orgkit.mail.from=invitations@app.example")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(JavaMailSender.class);
                    assertThat(context.getBean(Mailer.class)).isInstanceOf(JavaMailSenderMailer.class);
                });
    }

    @Test
    void mail_through_java_mail_sender_needs_a_sender_address() {
        runner.withPropertyValues("spring.mail.host=localhost").run(context -> {
            assertThat(context).hasFailed();
            assertThat(findStartupException(context.getStartupFailure()).action()).contains("orgkit.mail.from");
        });
    }

    @Test
    void without_any_way_to_send_mail_start_up_fails_and_names_what_to_add() {
        runner.run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new OrgKitFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).contains("no way to send invitation mails");
            assertThat(analysis.getAction()).contains("spring.mail.host").contains("dev.orgkit.spi.Mailer bean");
        });
    }

    @Test
    void spring_mail_host_without_spring_mail_on_the_classpath_fails_and_names_the_starter() {
        runner.withClassLoader(new FilteredClassLoader(JavaMailSender.class))
                .withPropertyValues("spring.mail.host=localhost", "orgkit.mail.from=invitations@app.example")
                .run(context -> {
                    assertThat(context).hasFailed();
                    OrgKitStartupException failure = findStartupException(context.getStartupFailure());
                    assertThat(failure.getMessage()).contains("spring.mail.host is set");
                    assertThat(failure.action()).contains("spring-boot-starter-mail");
                });
    }

    @Test
    void the_invitation_link_is_required_once_mail_is_on() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(OrgKitAutoConfiguration.class))
                .withBean(Mailer.class, () -> mail -> { }).run(context -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis analysis = new OrgKitFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).contains("orgkit.invitation-link is not set");
                    assertThat(analysis.getAction()).contains("https://app.example/invitations/{token}");
                });
    }
}
