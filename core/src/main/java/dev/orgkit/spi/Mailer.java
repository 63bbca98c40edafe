package dev.orgkit.spi;

import dev.orgkit.mail.InvitationMail;
import dev.orgkit.mail.OrgKitMail;

/**
 * Sends the mails orgkit writes: every kind of the sealed {@link OrgKitMail}. orgkit calls it after
 * the mail's outbox record is committed, never inside a transaction; an exception it throws is
 * recorded on the delivery and logged (with any token redacted), the mail is retried later with
 * backoff, and the change that caused it is never undone. An invitation's retry carries a fresh
 * token: a mail that failed never needs to be sent again as it was.
 *
 * <p>Implementations must be thread-safe, should handle every kind (a kind they throw for is
 * retried and in the end given up), and must not log or store {@link InvitationMail#token()} or
 * {@link InvitationMail#acceptLink()}.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface Mailer {
    /**
     * Sends the mail, or throws if it could not.
     *
     * @since 0.2.0 (0.1 took an {@code InvitationMail})
     */
    void send(OrgKitMail mail);
}
