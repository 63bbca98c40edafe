package dev.orgkit.spring.boot.autoconfigure.internal;

import dev.orgkit.mail.OrgKitMail;
import dev.orgkit.smtp.MailRenderer;
import dev.orgkit.spi.Mailer;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * A {@link Mailer} on Spring's {@link JavaMailSender} (configured by {@code spring.mail.*}): every kind
 * of mail orgkit writes, as the same message as {@code SmtpMailer} (rendered by the same
 * {@link MailRenderer}, written by the same {@code RenderedMail.writeTo}), with the {@code Message-ID}
 * {@code <messageId@domain of the sender>}
 * so that a receiving system can de-duplicate. A subject or address with a line break is refused.
 * Never logs a token or a link. Thread-safe when the sender is (Spring's is).
 */
public final class JavaMailSenderMailer implements Mailer {
    private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9._-]{1,200}");

    private final JavaMailSender sender;
    private final MailRenderer renderer;
    private final InternetAddress from;
    private final String messageIdDomain;

    /**
     * Sends through {@code sender} as {@code from} (with {@code fromName} as its display name, if any).
     *
     * @throws IllegalArgumentException if {@code from} is not one valid address
     */
    public JavaMailSenderMailer(JavaMailSender sender, MailRenderer renderer, String from,
            @Nullable String fromName) {
        this.sender = sender;
        this.renderer = renderer;
        this.from = address(from, fromName);
        this.messageIdDomain = from.substring(from.lastIndexOf('@') + 1);
    }

    private static InternetAddress address(String address, @Nullable String name) {
        try {
            var parsed = new InternetAddress(oneLine("sender", address), true);
            parsed.validate();
            if (name != null && !name.isBlank()) {
                parsed.setPersonal(oneLine("sender's name", name), StandardCharsets.UTF_8.name());
            }
            return parsed;
        } catch (AddressException | UnsupportedEncodingException e) {
            throw new IllegalArgumentException("the sender is not a valid address: " + e.getMessage(), e);
        }
    }

    @Override
    public void send(OrgKitMail mail) {
        MimeMessage message = sender.createMimeMessage();
        try {
            if (!MESSAGE_ID.matcher(mail.messageId()).matches()) {
                throw new IllegalArgumentException("a message id is 1 to 200 letters, digits, '.', '_' or '-'");
            }
            message.setFrom(from);
            var to = new InternetAddress(oneLine("recipient", mail.recipient().value()), true);
            to.validate();
            message.setRecipient(Message.RecipientType.TO, to);
            renderer.render(mail).writeTo(message);
            // JavaMailSenderImpl keeps a Message-ID set before it sends.
            message.setHeader("Message-ID", "<" + mail.messageId() + "@" + messageIdDomain + ">");
        } catch (MessagingException e) {
            throw new IllegalArgumentException("The mail " + mail.messageId() + " could not be composed", e);
        }
        try {
            sender.send(message);
        } catch (MailException e) {
            // orgkit records this with the token redacted from the whole chain of causes.
            throw new IllegalStateException("Sending the mail " + mail.messageId() + " failed", e);
        }
    }

    private static String oneLine(String what, String value) {
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("the " + what + " must not contain a line break");
        }
        return value;
    }
}
