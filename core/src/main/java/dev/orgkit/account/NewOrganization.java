package dev.orgkit.account;

import dev.orgkit.internal.NoControlCharacters;
import dev.orgkit.internal.ValidEmail;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The form that creates an organization, as the guide's "Create organization" page has it.
 * Validated when submitted: {@code organizations().create} lists every violation at once.
 *
 * @param accountName the name members see, and type to leave (at most 100 characters)
 * @param legalName the legal name (at most 200 characters)
 * @param alertingEmail where operational alerts go
 * @param invoicingEmail where invoices go
 * @since 0.1.0
 */
public record NewOrganization(
        @NotBlank @Size(max = 100) @NoControlCharacters String accountName,
        @NotBlank @Size(max = 200) @NoControlCharacters String legalName,
        @ValidEmail String alertingEmail,
        @ValidEmail String invoicingEmail) {}
