package dev.orgkit.mail;

import dev.orgkit.EmailAddress;
import dev.orgkit.account.AccountId;
import dev.orgkit.internal.Check;
import java.time.YearMonth;

/**
 * Tells an account that its API usage in a month reached one of its alert thresholds (a percentage
 * of the calls its plan includes). Sent once per threshold per month, to the organization's alerting
 * email (a personal account: its owner's).
 *
 * @param messageId a stable id of this attempt ({@code <accountId>.<attemptId>}, see {@link OrgKitMail#messageId()})
 * @param recipient the alerting email
 * @param accountId the account
 * @param accountName the organization's account name, or "Personal account"
 * @param thresholdPercent the threshold reached, 1 to 1000
 * @param period the month (UTC)
 * @param used the calls of the month when the mail was written, as flushed
 * @param included the calls the plan includes per month
 * @since 0.2.0
 */
public record UsageAlertMail(
        String messageId,
        EmailAddress recipient,
        AccountId accountId,
        String accountName,
        int thresholdPercent,
        YearMonth period,
        long used,
        long included) implements OrgKitMail {

    /** Rejects missing parts. */
    public UsageAlertMail {
        Check.notNull("messageId", messageId, "recipient", recipient, "accountId", accountId,
                "accountName", accountName, "period", period);
    }
}
