package dev.orgkit.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.orgkit.mail.UsageStatementMail;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Usage mails over SMTP, against GreenMail. */
class NoticeMailDeliveryTest {
    @RegisterExtension
    final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private SmtpMailer mailer() {
        return SmtpMailer.builder().host("127.0.0.1").port(greenMail.getSmtp().getPort()).security(SmtpSecurity.NONE)
                .from("billing@app.example", "Example App").connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(5)).build();
    }

    @Test
    void a_usage_alert_arrives_with_its_message_id_and_both_parts() throws Exception {
        mailer().send(MailRendererTest.alert("Acme"));

        MimeMessage message = greenMail.getReceivedMessages()[0];
        assertThat(message.getMessageID()).isEqualTo("<org_1.ntc_1@app.example>");
        assertThat(message.getAllRecipients()[0].toString()).isEqualTo("alerts@acme.example");
        Multipart parts = (Multipart) message.getContent();
        assertThat(parts.getContentType()).startsWith("multipart/alternative");
        assertThat(parts.getCount()).isEqualTo(2);
    }

    @Test
    void a_statement_arrives_with_its_csv_attached() throws Exception {
        UsageStatementMail statement = MailRendererTest.statement("Acme, SAS", "=cmd");

        mailer().send(statement);

        MimeMessage message = greenMail.getReceivedMessages()[0];
        assertThat(message.getSubject()).isEqualTo("API usage statement of Acme, SAS for October 2026");
        Multipart mixed = (Multipart) message.getContent();
        assertThat(mixed.getContentType()).startsWith("multipart/mixed");
        BodyPart attachment = mixed.getBodyPart(1);
        assertThat(attachment.getDisposition()).isEqualTo(Part.ATTACHMENT);
        assertThat(attachment.getFileName()).isEqualTo("usage-2026-10.csv");
        var content = new ByteArrayOutputStream();
        attachment.getDataHandler().writeTo(content);
        assertThat(content.toString(StandardCharsets.UTF_8)).isEqualTo(statement.statement().toCsv())
                .contains("\"Acme, SAS\"").contains(",'=cmd,");
    }
}
