package dev.orgkit.smtp;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * A mail rendered for sending: a one-line subject, a plain-text part, an HTML part with every value
 * escaped, and attachments (a statement's CSV). What {@link MailRenderer} makes of an
 * {@link dev.orgkit.mail.OrgKitMail}, for {@link SmtpMailer} or any other transport (a Spring
 * {@code JavaMailSender}, an HTTP mail API).
 *
 * @param subject the subject, without line breaks
 * @param text the plain-text part
 * @param html the HTML part
 * @param attachments files to attach, possibly none
 * @since 0.2.0
 */
public record RenderedMail(String subject, String text, String html, List<Attachment> attachments) {

    /**
     * A file to attach.
     *
     * @param fileName its name, such as {@code usage-2026-11.csv}
     * @param contentType its MIME type, such as {@code text/csv; charset=UTF-8}
     * @param content its text
     * @since 0.2.0
     */
    public record Attachment(String fileName, String contentType, String content) {
        /** Rejects missing parts. */
        public Attachment {
            Objects.requireNonNull(fileName, "fileName");
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(content, "content");
        }
    }

    /** Rejects missing parts and a subject with a line break; copies the attachments. */
    public RenderedMail {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(html, "html");
        attachments = List.copyOf(attachments);
        if (subject.indexOf('\r') >= 0 || subject.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("the subject must not contain a line break");
        }
    }

    /**
     * Writes the subject and body into {@code message}: the text and HTML parts as
     * {@code multipart/alternative}, inside a {@code multipart/mixed} with the attachments when there
     * are some. The same MIME structure whatever transport sends it.
     *
     * @throws MessagingException if the message refuses a part
     * @throws IllegalArgumentException if an attachment's name has a line break
     */
    public void writeTo(MimeMessage message) throws MessagingException {
        message.setSubject(subject, StandardCharsets.UTF_8.name());
        var textPart = new MimeBodyPart();
        textPart.setText(text, StandardCharsets.UTF_8.name(), "plain");
        var htmlPart = new MimeBodyPart();
        htmlPart.setText(html, StandardCharsets.UTF_8.name(), "html");
        var alternatives = new MimeMultipart("alternative");
        alternatives.addBodyPart(textPart);
        alternatives.addBodyPart(htmlPart);
        if (attachments.isEmpty()) {
            message.setContent(alternatives);
            return;
        }
        var mixed = new MimeMultipart("mixed");
        var body = new MimeBodyPart();
        body.setContent(alternatives);
        mixed.addBodyPart(body);
        for (Attachment attachment : attachments) {
            if (attachment.fileName().indexOf('\r') >= 0 || attachment.fileName().indexOf('\n') >= 0) {
                throw new IllegalArgumentException("the attachment name must not contain a line break");
            }
            var part = new MimeBodyPart();
            part.setContent(attachment.content(), attachment.contentType());
            part.setFileName(attachment.fileName());
            part.setDisposition(Part.ATTACHMENT);
            mixed.addBodyPart(part);
        }
        message.setContent(mixed);
    }
}
