package dev.orgkit.mail;

import dev.orgkit.EmailAddress;

/**
 * A mail orgkit asks the host's {@link dev.orgkit.spi.Mailer} to send. Sealed, so that a mailer
 * handles every kind with an exhaustive {@code switch} and the compiler says when a release adds
 * one:
 *
 * <pre>{@code
 * Mailer mailer = mail -> {
 *     switch (mail) {
 *         case InvitationMail m -> ...;
 *         case UsageAlertMail m -> ...;
 *         case UsageStatementMail m -> ...;
 *         case KeyExpiryNoticeMail m -> ...;
 *     }
 * };
 * }</pre>
 *
 * (On Java 17, where pattern matching for {@code switch} is a preview, use {@code instanceof}.)
 *
 * @since 0.2.0
 */
public sealed interface OrgKitMail permits InvitationMail, UsageAlertMail, UsageStatementMail, KeyExpiryNoticeMail {

    /**
     * A stable id for this mail, the same for every copy of one attempt and different for each new
     * attempt, so that a receiving system can de-duplicate (SMTP: the {@code Message-ID}). Only
     * letters, digits, {@code .}, {@code _} and {@code -}.
     */
    String messageId();

    /** The address it goes to. */
    EmailAddress recipient();
}
