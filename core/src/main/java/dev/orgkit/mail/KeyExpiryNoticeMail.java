package dev.orgkit.mail;

import dev.orgkit.EmailAddress;
import dev.orgkit.account.AccountId;
import dev.orgkit.apikey.ApiKeyId;
import dev.orgkit.internal.Check;
import java.time.Instant;

/**
 * Tells an account that one of its API keys expires soon, so that someone rolls it in time. Sent once
 * per key, to the organization's alerting email (a personal account: its owner's). Holds the key's
 * hint, never its secret.
 *
 * @param messageId a stable id of this attempt (see {@link OrgKitMail#messageId()})
 * @param recipient the alerting email
 * @param accountId the key's account
 * @param accountName the organization's account name, or "Personal account"
 * @param keyId the key
 * @param keyName the key's name
 * @param keyHint the key's display hint
 * @param expiresAt when the key stops working
 * @since 0.2.0
 */
public record KeyExpiryNoticeMail(
        String messageId,
        EmailAddress recipient,
        AccountId accountId,
        String accountName,
        ApiKeyId keyId,
        String keyName,
        String keyHint,
        Instant expiresAt) implements OrgKitMail {

    /** Rejects missing parts. */
    public KeyExpiryNoticeMail {
        Check.notNull("messageId", messageId, "recipient", recipient, "accountId", accountId,
                "accountName", accountName, "keyId", keyId, "keyName", keyName, "keyHint", keyHint,
                "expiresAt", expiresAt);
    }
}
