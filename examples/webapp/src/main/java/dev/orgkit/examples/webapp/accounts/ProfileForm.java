package dev.orgkit.examples.webapp.accounts;

import dev.orgkit.account.Organization;
import dev.orgkit.account.ProfileUpdate;
import org.jspecify.annotations.Nullable;

/**
 * The Settings › Account form as typed, with the version of the organization it was loaded from, so
 * that saving over someone else's newer change is refused instead of silently undoing it.
 *
 * @param legalName Legal name
 * @param alertingEmail Alerting email
 * @param invoicingEmail Invoicing email
 * @param version the organization's version when the form was shown
 */
public record ProfileForm(@Nullable String legalName, @Nullable String alertingEmail,
        @Nullable String invoicingEmail, long version) {

    /** The form showing the organization's current profile. */
    public static ProfileForm of(Organization organization) {
        return new ProfileForm(organization.legalName(), organization.alertingEmail().value(),
                organization.invoicingEmail().value(), organization.version());
    }

    ProfileUpdate toCommand() {
        return new ProfileUpdate(OrganizationForm.text(legalName), OrganizationForm.text(alertingEmail),
                OrganizationForm.text(invoicingEmail)).expectingVersion(version);
    }
}
