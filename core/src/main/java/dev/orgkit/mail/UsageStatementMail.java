package dev.orgkit.mail;

import dev.orgkit.EmailAddress;
import dev.orgkit.internal.Check;
import dev.orgkit.plan.UsageStatement;

/**
 * Carries an account's usage statement of a closed month to its invoicing email (a personal account:
 * its owner's), when the host enabled {@code OrgKit.builder().monthlyStatements(true)}. Sent once per
 * account and month. {@link UsageStatement#toCsv()} makes an attachment.
 *
 * @param messageId a stable id of this attempt ({@code <accountId>.<attemptId>}, see {@link OrgKitMail#messageId()})
 * @param recipient the invoicing email
 * @param statement the statement
 * @since 0.2.0
 */
public record UsageStatementMail(String messageId, EmailAddress recipient, UsageStatement statement)
        implements OrgKitMail {

    /** Rejects missing parts. */
    public UsageStatementMail {
        Check.notNull("messageId", messageId, "recipient", recipient, "statement", statement);
    }
}
