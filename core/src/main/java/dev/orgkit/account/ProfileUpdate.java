package dev.orgkit.account;

import dev.orgkit.internal.NoControlCharacters;
import dev.orgkit.internal.ValidEmail;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.validation.valueextraction.Unwrapping;
import java.util.OptionalLong;

/**
 * The editable part of an organization's profile: legal name, alerting email and invoicing email
 * (the account name is fixed at creation).
 *
 * <p>A form that showed an organization should pass the version it showed
 * ({@link #expectingVersion(long)}): if someone saved in between, the update is refused with
 * {@code STALE_VERSION} instead of silently overwriting their change.
 *
 * @param legalName the new legal name (at most 200 characters)
 * @param alertingEmail the new alerting email
 * @param invoicingEmail the new invoicing email
 * @param expectedVersion the version the change was made against; empty to overwrite whatever is there
 * @since 0.1.0
 */
public record ProfileUpdate(
        @NotBlank @Size(max = 200) @NoControlCharacters String legalName,
        @ValidEmail String alertingEmail,
        @ValidEmail String invoicingEmail,
        @NotNull(payload = Unwrapping.Skip.class) OptionalLong expectedVersion) {

    /** An update that applies whatever the current version is. */
    public ProfileUpdate(String legalName, String alertingEmail, String invoicingEmail) {
        this(legalName, alertingEmail, invoicingEmail, OptionalLong.empty());
    }

    /** This update, refused if the organization's version is no longer {@code version}. */
    public ProfileUpdate expectingVersion(long version) {
        return new ProfileUpdate(legalName, alertingEmail, invoicingEmail, OptionalLong.of(version));
    }
}
