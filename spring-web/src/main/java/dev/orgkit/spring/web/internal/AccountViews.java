package dev.orgkit.spring.web.internal;

import dev.orgkit.account.AccountContext;
import dev.orgkit.account.AccountKind;
import dev.orgkit.account.AccountSummary;
import dev.orgkit.account.Organization;
import dev.orgkit.account.PersonalAccount;
import dev.orgkit.member.Role;
import dev.orgkit.policy.Decision;
import dev.orgkit.policy.Permission;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Accounts, organizations and policy decisions as JSON: the Java API's names, ids as strings. */
public final class AccountViews {
    private AccountViews() {}

    /** One line of the user's account overview. */
    public record AccountSummaryView(String accountId, AccountKind kind, String name, @Nullable Role role) {
        static AccountSummaryView of(AccountSummary summary) {
            return new AccountSummaryView(summary.accountId().value(), summary.kind(), summary.name(),
                    summary.role().orElse(null));
        }
    }

    /** The user's personal account. */
    public record PersonalAccountView(String id, String owner, Instant createdAt) {
        static PersonalAccountView of(PersonalAccount account) {
            return new PersonalAccountView(account.id().value(), account.owner().value(), account.createdAt());
        }
    }

    /** The account a user works in, with what the user may do there. */
    public record AccountContextView(String accountId, AccountKind kind, String name, @Nullable Role role,
            List<Permission> permissions) {
        static AccountContextView of(AccountContext context) {
            return new AccountContextView(context.accountId().value(), context.kind(), context.name(),
                    context.role().orElse(null), context.permissions().stream().sorted().toList());
        }
    }

    /** An organization's profile and version (also sent as the {@code ETag}). */
    public record OrganizationView(String id, String accountName, String legalName, String alertingEmail,
            String invoicingEmail, String createdBy, Instant createdAt, long version) {
        static OrganizationView of(Organization organization) {
            return new OrganizationView(organization.id().value(), organization.accountName(),
                    organization.legalName(), organization.alertingEmail().value(),
                    organization.invoicingEmail().value(), organization.createdBy().value(),
                    organization.createdAt(), organization.version());
        }
    }

    /** Whether the caller may do one thing on an account, and if not, why and what to do instead. */
    public record DecisionView(Permission permission, boolean allowed, @Nullable String code,
            @Nullable String message, @Nullable String remedy) {
        static DecisionView of(Permission permission, Decision decision) {
            if (decision instanceof Decision.Denied denied) {
                return new DecisionView(permission, false, denied.code().name(), denied.message(),
                        denied.remedy().orElse(null));
            }
            return new DecisionView(permission, true, null, null, null);
        }
    }
}
