package dev.orgkit.smtp;

import dev.orgkit.mail.OrgKitMail;
import dev.orgkit.spi.Mailer;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Sends every kind of orgkit mail over SMTP with Jakarta Mail (Eclipse Angus): a
 * {@code multipart/alternative} message with a plain-text and an HTML part (see {@link MailRenderer}),
 * inside a {@code multipart/mixed} one when it has attachments (a statement's CSV), and the
 * {@code Message-ID} {@code <messageId@domain>} from {@link OrgKitMail#messageId()}, so that a
 * receiving system can de-duplicate.
 *
 * <pre>{@code
 * Mailer mailer = SmtpMailer.builder()
 *     .host("smtp.example.com").port(587).security(SmtpSecurity.STARTTLS)
 *     .credentials("apikey", secret)
 *     .from("invitations@app.example", "Example App")
 *     .build();
 * }</pre>
 *
 * <p>Header injection is impossible: a subject or an address with a line break is refused (the
 * attempt fails and is recorded, nothing is sent). Thread-safe: each mail opens its own connection.
 * It never logs a mail's token or link.
 *
 * @since 0.1.0
 */
public final class SmtpMailer implements Mailer {
    private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9._-]{1,200}");
    private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9.-]{1,253}");

    private final Session session;
    private final String host;
    private final int port;
    private final InternetAddress from;
    private final String messageIdDomain;
    private final @Nullable String username;
    private final @Nullable String password;
    private final MailRenderer renderer;
    private final Clock clock;

    private SmtpMailer(Builder builder, InternetAddress from) {
        this.host = builder.host;
        this.port = builder.port;
        this.from = from;
        this.messageIdDomain = builder.messageIdDomain != null ? builder.messageIdDomain : domainOf(from.getAddress());
        this.username = builder.username;
        this.password = builder.password;
        this.renderer = builder.renderer;
        this.clock = builder.clock;
        this.session = Session.getInstance(sessionProperties(builder));
    }

    /** A builder; {@link Builder#host} and {@link Builder#from} are required. */
    public static Builder builder() {
        return new Builder();
    }

    static Properties sessionProperties(Builder builder) {
        var properties = new Properties();
        properties.setProperty("mail.transport.protocol", "smtp");
        properties.setProperty("mail.smtp.host", builder.host);
        properties.setProperty("mail.smtp.port", Integer.toString(builder.port));
        properties.setProperty("mail.smtp.connectiontimeout", Long.toString(builder.connectTimeout.toMillis()));
        properties.setProperty("mail.smtp.timeout", Long.toString(builder.readTimeout.toMillis()));
        properties.setProperty("mail.smtp.writetimeout", Long.toString(builder.readTimeout.toMillis()));
        properties.setProperty("mail.smtp.auth", Boolean.toString(builder.username != null));
        switch (builder.security) {
            case STARTTLS -> {
                properties.setProperty("mail.smtp.starttls.enable", "true");
                properties.setProperty("mail.smtp.starttls.required", "true");
                properties.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            }
            case TLS -> {
                properties.setProperty("mail.smtp.ssl.enable", "true");
                properties.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            }
            case NONE -> { }
        }
        return properties;
    }

    @Override
    public void send(OrgKitMail mail) {
        MimeMessage message;
        try {
            message = compose(mail);
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new IllegalArgumentException("The mail " + mail.messageId() + " could not be composed", e);
        }
        try {
            if (username != null) {
                Transport.send(message, username, password);
            } else {
                Transport.send(message);
            }
        } catch (MessagingException e) {
            throw new SmtpMailException("SMTP delivery of " + mail.messageId() + " through " + host + ":" + port
                    + " failed: " + e.getMessage(), e);
        }
    }

    /** The message for {@code mail}, ready to send. */
    MimeMessage compose(OrgKitMail mail) throws MessagingException, UnsupportedEncodingException {
        RenderedMail rendered = renderer.render(mail);
        InternetAddress to = address("recipient", mail.recipient().value());
        if (!MESSAGE_ID.matcher(mail.messageId()).matches()) {
            throw new IllegalArgumentException("a message id is 1 to 200 letters, digits, '.', '_' or '-'");
        }
        var message = new FixedIdMessage(session, "<" + mail.messageId() + "@" + messageIdDomain + ">");
        message.setFrom(from);
        message.setRecipient(Message.RecipientType.TO, to);
        message.setSentDate(Date.from(clock.instant()));
        rendered.writeTo(message);
        message.saveChanges();
        return message;
    }

    private static String oneLine(String what, String value) {
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("the " + what + " must not contain a line break");
        }
        return value;
    }

    private static InternetAddress address(String what, String value) {
        oneLine(what, value);
        try {
            var address = new InternetAddress(value, true);
            address.validate();
            return address;
        } catch (AddressException e) {
            throw new IllegalArgumentException("the " + what + " is not a valid address: " + e.getMessage(), e);
        }
    }

    private static String domainOf(String address) {
        return address.substring(address.lastIndexOf('@') + 1);
    }

    /** A message whose Message-ID is ours, not one Jakarta Mail makes up on {@code saveChanges()}. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String messageId;

        FixedIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }

    /**
     * Configures an {@link SmtpMailer}. Not thread-safe; build once at start-up.
     *
     * @since 0.1.0
     */
    public static final class Builder {
        private @Nullable String host;
        private int port = 587;
        private SmtpSecurity security = SmtpSecurity.STARTTLS;
        private @Nullable String username;
        private @Nullable String password;
        private @Nullable String fromAddress;
        private @Nullable String fromName;
        private @Nullable String messageIdDomain;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(30);
        private MailRenderer renderer = new MailRenderer();
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** The SMTP server's host name. */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** The SMTP server's port: 587 by default (STARTTLS); 465 for {@link SmtpSecurity#TLS}; 25 for a relay. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** How the connection is protected: {@link SmtpSecurity#STARTTLS} by default. */
        public Builder security(SmtpSecurity security) {
            this.security = security;
            return this;
        }

        /** Authenticates with this user name and password (SMTP AUTH); none by default. */
        public Builder credentials(String username, String password) {
            this.username = username;
            this.password = password;
            return this;
        }

        /** The sender's address. */
        public Builder from(String address) {
            return from(address, null);
        }

        /** The sender's address and display name (such as the product's name). */
        public Builder from(String address, @Nullable String displayName) {
            this.fromAddress = address;
            this.fromName = displayName;
            return this;
        }

        /** The domain on the right of the Message-ID; the sender's domain by default. */
        public Builder messageIdDomain(String domain) {
            this.messageIdDomain = domain;
            return this;
        }

        /** How long to wait for the connection: 10 seconds by default. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        /** How long to wait for each read and write on the connection: 30 seconds by default. */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = timeout;
            return this;
        }

        /** Renders invitations with {@code renderer}, the other kinds with orgkit's English wording. */
        public Builder renderer(InvitationMailRenderer renderer) {
            this.renderer = new MailRenderer(renderer);
            return this;
        }

        /**
         * Renders every kind of mail; orgkit's English wording by default.
         *
         * @since 0.2.0
         */
        public Builder renderer(MailRenderer renderer) {
            this.renderer = renderer;
            return this;
        }

        /** The clock for the {@code Date} header; the system's by default. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Builds the mailer, or throws {@link IllegalArgumentException} naming every setting that is
         * missing or wrong.
         */
        public SmtpMailer build() {
            var problems = new StringBuilder();
            if (host == null || host.isBlank() || host.chars().anyMatch(Character::isWhitespace)) {
                problems.append("; host is required, without white space");
            }
            if (port < 1 || port > 65535) {
                problems.append("; port must be between 1 and 65535");
            }
            if (security == null) {
                problems.append("; security is required");
            }
            if (username != null && (password == null || username.isBlank())) {
                problems.append("; credentials need a user name and a password");
            }
            if (!positive(connectTimeout) || !positive(readTimeout)) {
                problems.append("; timeouts must be more than zero");
            }
            if (messageIdDomain != null && !DOMAIN.matcher(messageIdDomain).matches()) {
                problems.append("; messageIdDomain must be a domain name");
            }
            if (renderer == null || clock == null) {
                problems.append("; renderer and clock are required");
            }
            Optional<InternetAddress> sender = Optional.empty();
            if (fromAddress == null) {
                problems.append("; from is required");
            } else {
                try {
                    InternetAddress parsed = address("from address", fromAddress);
                    if (fromName != null) {
                        parsed.setPersonal(oneLine("from name", fromName), StandardCharsets.UTF_8.name());
                    }
                    sender = Optional.of(parsed);
                } catch (IllegalArgumentException | UnsupportedEncodingException e) {
                    problems.append("; ").append(e.getMessage());
                }
            }
            if (problems.length() > 0) {
                throw new IllegalArgumentException("SmtpMailer: " + problems.substring(2));
            }
            return new SmtpMailer(this, sender.orElseThrow());
        }

        private static boolean positive(@Nullable Duration duration) {
            return duration != null && !duration.isNegative() && !duration.isZero();
        }
    }
}
