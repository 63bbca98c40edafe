package dev.orgkit.examples.webapp.accounts;

import dev.orgkit.account.NewOrganization;
import org.jspecify.annotations.Nullable;

/**
 * The "Create organization" form as typed; orgkit validates it.
 *
 * @param accountName Organization account name
 * @param legalName Legal name
 * @param alertingEmail Alerting email
 * @param invoicingEmail Invoicing email
 */
public record OrganizationForm(@Nullable String accountName, @Nullable String legalName,
        @Nullable String alertingEmail, @Nullable String invoicingEmail) {

    /** An empty form. */
    public static OrganizationForm empty() {
        return new OrganizationForm("", "", "", "");
    }

    NewOrganization toCommand() {
        return new NewOrganization(text(accountName), text(legalName), text(alertingEmail), text(invoicingEmail));
    }

    static String text(@Nullable String typed) {
        return typed == null ? "" : typed.strip();
    }
}
