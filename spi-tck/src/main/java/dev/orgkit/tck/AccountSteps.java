package dev.orgkit.tck;

import static dev.orgkit.tck.World.INVALID_INPUT;
import static dev.orgkit.tck.World.access;
import static dev.orgkit.tck.World.memberAccess;
import static dev.orgkit.tck.World.rules;

import dev.orgkit.EmailAddress;
import dev.orgkit.OrgKit;
import dev.orgkit.Principal;
import dev.orgkit.SupportPrincipal;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.AccountId;
import dev.orgkit.account.NewOrganization;
import dev.orgkit.account.ProfileUpdate;
import dev.orgkit.apikey.NewApiKey;
import dev.orgkit.invitation.InvitationStatus;
import dev.orgkit.member.Role;
import dev.orgkit.policy.DenialCode;
import dev.orgkit.tck.Model.Member;
import dev.orgkit.tck.Model.ModelOrganization;
import dev.orgkit.tck.World.Access;
import dev.orgkit.tck.World.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The steps of a {@link World} on accounts: create an organization, open the personal account,
 * edit the profile, switch to an account, leave an organization. Each says which refusals the
 * model expects and, on success, updates the model.
 */
final class AccountSteps {
    private static final SupportPrincipal AGENT = Principal.support("agent-stateful");
    /** The kit's default restore window. */
    private static final Duration RESTORE_WINDOW = Duration.ofDays(30);
    private final World world;
    private final OrgKit kit;
    private final Model model;

    AccountSteps(World world) {
        this.world = world;
        this.kit = world.kit;
        this.model = world.model;
    }

    void createOrganization(Step.CreateOrganization s) {
        UserPrincipal actor = World.user(s.actor());
        String name = "Org" + s.name();
        var form = new NewOrganization(s.valid() ? name : " ", name + " SAS", "alerts@" + name + ".example",
                "billing@" + name + ".example");
        world.attempt(actor.userId() + " creates " + (s.valid() ? name : "an organization with a blank name"),
                s.valid() ? Set.of() : Set.of(INVALID_INPUT),
                () -> kit.organizations().create(actor, form),
                created -> {
                    world.checker.check(created.accountName().equals(name) && created.version() == 1
                            && created.createdBy().equals(actor.userId()), () -> "created " + created);
                    var org = new ModelOrganization(model.organizations.size(), created);
                    org.members.put(actor.userId(), new Member(actor.verifiedEmail(), Role.ADMIN));
                    model.organizations.add(org);
                });
    }

    void openPersonal(Step.OpenPersonal s) {
        UserPrincipal actor = World.user(s.actor());
        world.attempt(actor.userId() + " opens the personal account", Set.of(),
                () -> kit.accounts().personal(actor),
                account -> {
                    AccountId known = model.personal.putIfAbsent(actor.userId(), account.id());
                    world.checker.check(known == null || known.equals(account.id()), () ->
                            "the personal account changed from " + known + " to " + account.id());
                    world.checker.check(account.owner().equals(actor.userId()), () -> "owner of " + account);
                });
    }

    void leave(Step.Leave s) {
        Target t = world.target(s.actor(), s.account());
        String name = t.org() != null ? t.org().accountName : "Personal account";
        String typed = switch (s.typed()) {
            case EXACT -> name;
            case LOOSE -> " " + name + "  ";
            case WRONG -> name.toLowerCase(Locale.ROOT) + "?";
            case BLANK -> " ";
        };
        Set<String> refusals = s.typed() == Step.Typed.BLANK ? Set.of(INVALID_INPUT)
                : memberAccess(t, DenialCode.CANNOT_LEAVE_PERSONAL_ACCOUNT);
        if (refusals.isEmpty()) {
            ModelOrganization org = Objects.requireNonNull(t.org());
            refusals = rules(
                    t.access() == Access.ADMIN && org.admins() == 1 ? DenialCode.LAST_ADMIN : null,
                    s.typed() == Step.Typed.WRONG ? DenialCode.CONFIRMATION_MISMATCH : null);
        }
        world.attempt(t.describe() + " leaves typing '" + typed + "'", refusals,
                () -> {
                    kit.organizations().leave(t.actor(), t.account(), typed);
                    return Boolean.TRUE;
                },
                done -> {
                    ModelOrganization org = Objects.requireNonNull(t.org());
                    org.members.remove(t.actor().userId());
                    model.active.remove(t.actor().userId(), org.id);
                    org.auditEvents++;
                });
    }

    /**
     * Deletes an account typing its name (R13, R5). An admin first creates an API key, so that the
     * model can check the delete revoked it.
     */
    void delete(Step.Delete s) {
        Target t = world.target(s.actor(), s.account());
        String name = t.org() != null ? t.org().accountName : "Personal account";
        String typed = switch (s.typed()) {
            case EXACT -> name;
            case LOOSE -> " " + name + "  ";
            case WRONG -> name.toLowerCase(Locale.ROOT) + "?";
            case BLANK -> " ";
        };
        List<String> created = new ArrayList<>();
        if (t.access() == Access.ADMIN) {
            ModelOrganization org = Objects.requireNonNull(t.org());
            world.attempt(t.describe() + " creates an API key", Set.of(),
                    () -> kit.apiKeys().create(t.actor(), t.account(), new NewApiKey("before delete")),
                    key -> {
                        created.add(key.secret());
                        org.auditEvents++;
                    });
        }
        Set<String> refusals = s.typed() == Step.Typed.BLANK ? Set.of(INVALID_INPUT)
                : access(t, DenialCode.ORGANIZATION_ONLY);
        if (refusals.isEmpty()) {
            ModelOrganization org = Objects.requireNonNull(t.org());
            refusals = rules(org.admins() > 1 ? DenialCode.SOLE_ADMIN_REQUIRED : null,
                    s.typed() == Step.Typed.WRONG ? DenialCode.CONFIRMATION_MISMATCH : null);
        }
        world.attempt(t.describe() + " deletes it typing '" + typed + "'", refusals,
                () -> {
                    kit.organizations().delete(t.actor(), t.account(), typed);
                    return Boolean.TRUE;
                },
                done -> {
                    ModelOrganization org = Objects.requireNonNull(t.org());
                    org.deleted = true;
                    org.deletedAt = world.clock.instant();
                    org.revokedKeys.addAll(created);
                    model.invitations.stream()
                            .filter(i -> i.organization == org && i.stored == InvitationStatus.PENDING)
                            .forEach(i -> i.stored = InvitationStatus.REVOKED);
                    model.active.values().removeIf(org.id::equals);
                    org.auditEvents++;
                });
    }

    /** Support restores an organization: only a deleted one, within its window (R13). */
    void restore(Step.Restore s) {
        if (model.organizations.isEmpty()) {
            world.attempt("support restores an unknown organization", Set.of(DenialCode.NOT_FOUND.name()),
                    () -> kit.support().restoreOrganization(AGENT, World.UNKNOWN, "TICKET-1"), restored -> { });
            return;
        }
        // Mostly a deleted one: the interesting restorations.
        List<ModelOrganization> deleted = model.organizations.stream().filter(o -> o.deleted).toList();
        List<ModelOrganization> choices = Math.floorMod(s.account(), 4) != 0 && !deleted.isEmpty()
                ? deleted : model.organizations;
        ModelOrganization org = choices.get(Math.floorMod(s.account() / 4, choices.size()));
        Set<String> refusals = !org.deleted ? Set.of(DenialCode.NOT_FOUND.name())
                : world.clock.instant().isBefore(Objects.requireNonNull(org.deletedAt).plus(RESTORE_WINDOW))
                ? Set.of() : Set.of(DenialCode.RESTORE_WINDOW_PASSED.name());
        world.attempt("support restores " + org, refusals,
                () -> kit.support().restoreOrganization(AGENT, org.id, "TICKET-1"),
                restored -> {
                    world.checker.check(restored.id().equals(org.id), () -> "restored " + restored);
                    org.deleted = false;
                    org.auditEvents++;
                });
    }

    void updateProfile(Step.UpdateProfile s) {
        Target t = world.target(s.actor(), s.account());
        ModelOrganization org = t.org();
        long version = org == null ? 1 : org.version;
        ProfileUpdate update = switch (s.edit()) {
            case CHANGE -> new ProfileUpdate("Legal " + s.values(), "alerts" + s.values() + "@example.org",
                    "billing" + s.values() + "@example.org");
            case SAME -> org == null ? new ProfileUpdate("Legal", "a@example.org", "b@example.org")
                    : new ProfileUpdate(" " + org.legalName + " ", org.alertingEmail.value().toUpperCase(Locale.ROOT),
                            org.invoicingEmail.value()).expectingVersion(version);
            case STALE -> new ProfileUpdate("Legal " + s.values(), "stale@example.org", "stale@example.org")
                    .expectingVersion(version + 1);
            case INVALID -> new ProfileUpdate("", "not-an-email", "billing@");
        };
        Set<String> refusals = s.edit() == Step.Edit.INVALID ? Set.of(INVALID_INPUT)
                : access(t, DenialCode.ORGANIZATION_ONLY);
        if (refusals.isEmpty() && s.edit() == Step.Edit.STALE) {
            refusals = rules(DenialCode.STALE_VERSION);
        }
        world.attempt(t.describe() + " edits the profile (" + s.edit() + ")", refusals,
                () -> kit.organizations().updateProfile(t.actor(), t.account(), update),
                updated -> {
                    ModelOrganization edited = Objects.requireNonNull(org);
                    String legal = update.legalName().strip();
                    EmailAddress alerting = EmailAddress.of(update.alertingEmail());
                    EmailAddress invoicing = EmailAddress.of(update.invoicingEmail());
                    boolean changes = !legal.equals(edited.legalName) || !alerting.equals(edited.alertingEmail)
                            || !invoicing.equals(edited.invoicingEmail);
                    if (changes) {
                        edited.legalName = legal;
                        edited.alertingEmail = alerting;
                        edited.invoicingEmail = invoicing;
                        edited.version++;
                        edited.auditEvents++;
                    }
                    world.checker.check(updated.legalName().equals(edited.legalName)
                            && updated.version() == edited.version
                            && updated.accountName().equals(edited.accountName), () -> "updated to " + updated);
                });
    }

    void switchTo(Step.SwitchTo s) {
        Target t = world.target(s.actor(), s.account());
        Set<String> refusals = t.access() == Access.HIDDEN ? Set.of(DenialCode.NOT_FOUND.name()) : Set.of();
        world.attempt(t.describe() + " switches to it", refusals,
                () -> kit.accounts().switchTo(t.actor(), t.account()),
                context -> {
                    world.checker.check(context.accountId().equals(t.account()), () -> "switched to " + context);
                    Optional<Role> role = t.org() == null ? Optional.empty()
                            : Optional.of(t.org().members.get(t.actor().userId()).role());
                    world.checker.check(context.role().equals(role), () -> "the role in " + context);
                    model.active.put(t.actor().userId(), t.account());
                });
    }
}
