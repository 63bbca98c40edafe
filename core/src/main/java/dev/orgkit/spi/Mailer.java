package dev.orgkit.spi;

import dev.orgkit.invitation.InvitationMail;

/**
 * Sends invitation mails. orgkit calls it after the invitation and its delivery record are
 * committed, never inside a transaction; an exception it throws is recorded on the delivery and
 * logged (both with the token redacted), the mail is retried later with a new token, and the
 * invitation is never undone. Each call carries a fresh token: a mail that failed never needs to be
 * sent again as it was.
 *
 * <p>Implementations must be thread-safe and must not log or store {@link InvitationMail#token()}
 * or {@link InvitationMail#acceptLink()}.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface Mailer {
    /** Sends the mail, or throws if it could not. */
    void send(InvitationMail mail);
}
