package dev.orgkit.smtp;

import dev.orgkit.mail.InvitationMail;
import dev.orgkit.member.Role;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Renders an invitation mail as a subject, a plain-text part and an HTML part. Every value that
 * comes from users (organization name, addresses, link) is HTML-escaped in the HTML part. Subclass
 * it for other wording or languages, escaping every value of the HTML with {@link #escape}; the
 * mailer refuses a subject with a line break. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public class InvitationMailRenderer {
    private static final DateTimeFormatter EXPIRY =
            DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** A renderer with orgkit's default English wording. */
    public InvitationMailRenderer() {}

    /** The subject line; one line, as the organization name has no line breaks (the mailer checks). */
    public String subject(InvitationMail mail) {
        return mail.inviterEmail().value() + " invited you to join " + mail.organizationName();
    }

    /** The plain-text part. */
    public String text(InvitationMail mail) {
        return """
                Hello,

                %s invited you to join %s as %s.

                Accept the invitation:
                %s

                The link works until %s. If you did not expect this invitation, you can ignore this mail.
                """.formatted(mail.inviterEmail().value(), mail.organizationName(), roleName(mail.role()),
                mail.acceptLink(), EXPIRY.format(mail.expiresAt()));
    }

    /** The HTML part, with every value escaped. */
    public String html(InvitationMail mail) {
        String link = escape(mail.acceptLink().toString());
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head><meta charset="UTF-8"><title>%s</title></head>
                <body>
                <p>Hello,</p>
                <p><strong>%s</strong> invited you to join <strong>%s</strong> as %s.</p>
                <p><a href="%s">Accept the invitation</a></p>
                <p>Or open this link: %s</p>
                <p>The link works until %s. If you did not expect this invitation, you can ignore this mail.</p>
                </body>
                </html>
                """.formatted(escape(subject(mail)), escape(mail.inviterEmail().value()),
                escape(mail.organizationName()), escape(roleName(mail.role())), link, link,
                escape(EXPIRY.format(mail.expiresAt())));
    }

    private static String roleName(Role role) {
        return role == Role.ADMIN ? "an admin" : "a member";
    }

    /** {@code text} safe in HTML element content and in quoted attribute values. */
    public static String escape(String text) {
        var out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
