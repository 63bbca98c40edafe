package dev.orgkit.account;

import dev.orgkit.EmailAddress;
import dev.orgkit.UserId;
import dev.orgkit.internal.Check;
import java.time.Instant;

/**
 * An account with members: its profile, who created it, and a version that grows with every
 * profile change so that concurrent edits cannot silently overwrite each other.
 *
 * @param id the account's id
 * @param accountName the name members see and type to leave; fixed at creation
 * @param legalName the legal name, for invoices
 * @param alertingEmail where operational alerts go
 * @param invoicingEmail where invoices go
 * @param createdBy the user who created it, its first admin
 * @param createdAt when it was created
 * @param version 1 at creation, plus one per profile update
 * @since 0.1.0
 */
public record Organization(
        AccountId id,
        String accountName,
        String legalName,
        EmailAddress alertingEmail,
        EmailAddress invoicingEmail,
        UserId createdBy,
        Instant createdAt,
        long version) implements Account {

    /** Rejects missing parts. */
    public Organization {
        Check.notNull("id", id, "accountName", accountName, "legalName", legalName,
                "alertingEmail", alertingEmail, "invoicingEmail", invoicingEmail,
                "createdBy", createdBy, "createdAt", createdAt);
    }

    @Override
    public AccountKind kind() {
        return AccountKind.ORGANIZATION;
    }

    @Override
    public String displayName() {
        return accountName;
    }

    /** This organization with the profile changed and the version incremented. */
    public Organization withProfile(String newLegalName, EmailAddress newAlertingEmail,
            EmailAddress newInvoicingEmail) {
        return new Organization(id, accountName, newLegalName, newAlertingEmail, newInvoicingEmail,
                createdBy, createdAt, version + 1);
    }
}
