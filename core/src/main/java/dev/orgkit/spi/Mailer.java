package dev.orgkit.spi;

import dev.orgkit.invitation.InvitationMail;

/**
 * Sends invitation mails. orgkit calls it after the invitation is committed, never inside a
 * transaction; an exception it throws is logged (without the token) and never undoes the
 * invitation.
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
