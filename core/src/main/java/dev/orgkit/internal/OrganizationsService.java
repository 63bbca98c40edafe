package dev.orgkit.internal;

import dev.orgkit.EmailAddress;
import dev.orgkit.NotFoundException;
import dev.orgkit.Principal;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.Account;
import dev.orgkit.account.AccountId;
import dev.orgkit.account.NewOrganization;
import dev.orgkit.account.Organization;
import dev.orgkit.account.Organizations;
import dev.orgkit.account.ProfileUpdate;
import dev.orgkit.audit.Actor;
import dev.orgkit.audit.AuditAction;
import dev.orgkit.member.Membership;
import dev.orgkit.member.Role;
import dev.orgkit.policy.DenialCode;
import dev.orgkit.policy.Permission;
import dev.orgkit.policy.Policy;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@link Organizations} on the kernel. */
public final class OrganizationsService implements Organizations {
    /** The longest confirmation anyone can type. */
    static final int MAX_TYPED = 300;

    private final Kernel kernel;
    private final LifecycleService lifecycle;

    /** Creates the service; {@code lifecycle} deletes organizations. */
    public OrganizationsService(Kernel kernel, LifecycleService lifecycle) {
        this.kernel = kernel;
        this.lifecycle = lifecycle;
    }

    @Override
    public Organization create(UserPrincipal creator, NewOrganization form) {
        Check.nulls("creator", creator).addAll(kernel.validator.violations("form", form)).throwIfAny();
        return kernel.storage.write(tx -> {
            Instant now = kernel.now();
            var organization = new Organization(AccountId.of(kernel.secrets.newId("org")),
                    form.accountName().strip(), form.legalName().strip(), EmailAddress.of(form.alertingEmail()),
                    EmailAddress.of(form.invoicingEmail()), creator.userId(), now, 1);
            tx.accounts().insertOrganization(organization);
            tx.members().insert(new Membership(organization.id(), creator.userId(), creator.verifiedEmail(),
                    Role.ADMIN, now));
            kernel.audit(tx, organization.id(), Actor.of(creator), AuditAction.ORGANIZATION_CREATED,
                    organization.id().value(), Map.of(
                            "accountName", organization.accountName(),
                            "legalName", organization.legalName(),
                            "alertingEmail", organization.alertingEmail().value(),
                            "invoicingEmail", organization.invoicingEmail().value(),
                            "admin", creator.userId().value()));
            return organization;
        });
    }

    @Override
    public Organization get(Principal principal, AccountId organizationId) {
        Check.notNull("principal", principal, "organizationId", organizationId);
        return kernel.storage.read(tx -> {
            Account account = Kernel.visible(tx, principal, organizationId, false);
            kernel.require(tx, principal, account, Permission.VIEW_ACCOUNT);
            return organization(account);
        });
    }

    @Override
    public Organization updateProfile(UserPrincipal admin, AccountId organizationId, ProfileUpdate update) {
        Check.nulls("admin", admin, "organizationId", organizationId)
                .addAll(kernel.validator.violations("update", update))
                .throwIfAny();
        return kernel.storage.write(tx -> {
            Account account = Kernel.lock(tx, organizationId);
            kernel.require(tx, admin, account, Permission.EDIT_PROFILE);
            Organization current = organization(account);
            if (update.expectedVersion().isPresent() && update.expectedVersion().getAsLong() != current.version()) {
                throw Denials.raise(DenialCode.STALE_VERSION);
            }
            Organization updated = current.withProfile(update.legalName().strip(),
                    EmailAddress.of(update.alertingEmail()), EmailAddress.of(update.invoicingEmail()));
            Map<String, String> changes = changes(current, updated);
            if (changes.isEmpty()) {
                return current;
            }
            if (!tx.accounts().updateOrganization(updated, current.version())) {
                throw Denials.raise(DenialCode.STALE_VERSION);
            }
            kernel.audit(tx, organizationId, Actor.of(admin), AuditAction.PROFILE_UPDATED, organizationId.value(), changes);
            return updated;
        });
    }

    private static Map<String, String> changes(Organization before, Organization after) {
        Map<String, String> changes = new LinkedHashMap<>();
        change(changes, "legalName", before.legalName(), after.legalName());
        change(changes, "alertingEmail", before.alertingEmail().value(), after.alertingEmail().value());
        change(changes, "invoicingEmail", before.invoicingEmail().value(), after.invoicingEmail().value());
        return changes;
    }

    private static void change(Map<String, String> changes, String field, String before, String after) {
        if (!before.equals(after)) {
            changes.put(field + ".before", before);
            changes.put(field + ".after", after);
        }
    }

    @Override
    public void leave(UserPrincipal member, AccountId organizationId, String typedAccountName) {
        Check.nulls("member", member, "organizationId", organizationId)
                .add("typedAccountName", Check.textProblem(typedAccountName, MAX_TYPED))
                .throwIfAny();
        kernel.storage.write(tx -> {
            Account account = Kernel.lock(tx, organizationId);
            kernel.require(tx, member, account, Permission.LEAVE);
            Organization organization = organization(account);
            Denials.require(Policy.accountNameConfirmed(organization.accountName(), typedAccountName));
            Membership membership = tx.members().find(organizationId, member.userId()).orElseThrow(Kernel::notFound);
            Kernel.endMembership(tx, organizationId, member.userId());
            kernel.audit(tx, organizationId, Actor.of(member), AuditAction.MEMBER_LEFT, member.userId().value(),
                    Map.of("email", membership.email().value(), "role", membership.role().name()));
            return null;
        });
    }

    @Override
    public void delete(UserPrincipal admin, AccountId organizationId, String typedAccountName) {
        Check.nulls("admin", admin, "organizationId", organizationId)
                .add("typedAccountName", Check.textProblem(typedAccountName, MAX_TYPED))
                .throwIfAny();
        kernel.storage.write(tx -> {
            Account account = Kernel.lock(tx, organizationId);
            kernel.require(tx, admin, account, Permission.DELETE_ORGANIZATION);
            Organization organization = organization(account);
            Denials.require(Policy.accountNameConfirmed(organization.accountName(), typedAccountName));
            lifecycle.deleteOrganization(tx, organization, Actor.of(admin), Map.of());
            return null;
        });
    }

    /** The account as an organization; a personal account is not found here. */
    static Organization organization(Account account) {
        if (account instanceof Organization organization) {
            return organization;
        }
        throw new NotFoundException("No such organization.");
    }
}
