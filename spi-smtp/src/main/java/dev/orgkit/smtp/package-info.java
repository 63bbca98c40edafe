/**
 * An SMTP {@link dev.orgkit.spi.Mailer} for invitation mails, on Jakarta Mail (Eclipse Angus):
 * {@link dev.orgkit.smtp.SmtpMailer}. It sends; it decides nothing.
 */
@NullMarked
package dev.orgkit.smtp;

import org.jspecify.annotations.NullMarked;
