package dev.orgkit.smtp;

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
}
