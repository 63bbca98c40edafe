package dev.orgkit.internal;

import dev.orgkit.EmailAddress;
import dev.orgkit.Page;
import dev.orgkit.PageRequest;
import dev.orgkit.Principal;
import dev.orgkit.UserId;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.Account;
import dev.orgkit.account.AccountId;
import dev.orgkit.account.Organization;
import dev.orgkit.audit.Actor;
import dev.orgkit.audit.AuditAction;
import dev.orgkit.invitation.Invitation;
import dev.orgkit.invitation.InvitationId;
import dev.orgkit.invitation.InvitationStatus;
import dev.orgkit.member.Members;
import dev.orgkit.member.Membership;
import dev.orgkit.member.Role;
import dev.orgkit.policy.Permission;
import dev.orgkit.policy.Policy;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link Members} on the kernel. */
public final class MembersService implements Members {
    static final String MEMBERS_CURSOR = "members";

    private final Kernel kernel;
    private final DeliveryService deliveries;

    /** Creates the service; invitation mails go out through {@code deliveries}. */
    public MembersService(Kernel kernel, DeliveryService deliveries) {
        this.kernel = kernel;
        this.deliveries = deliveries;
    }

    @Override
    public Invitation invite(UserPrincipal admin, AccountId organizationId, String email, Role role) {
        Check.nulls("admin", admin, "organizationId", organizationId, "role", role)
                .add("email", EmailAddress.problem(email))
                .throwIfAny();
        EmailAddress invitee = EmailAddress.of(email);
        Invitation invited = kernel.storage.write(tx -> {
            Account account = Kernel.lock(tx, organizationId);
            kernel.require(tx, admin, account, Permission.INVITE_MEMBERS);
            OrganizationsService.organization(account);
            Instant now = kernel.now();
            Denials.require(Policy.notAlreadyAMember(tx.members().hasMemberWithEmail(organizationId, invitee)));
            Optional<Invitation> pending = tx.invitations().pending(organizationId, invitee);
            Denials.require(Policy.noPendingInvitation(pending, now));
            Map<String, String> details = new LinkedHashMap<>();
            details.put("email", invitee.value());
            details.put("role", role.name());
            if (pending.isPresent()) {
                // R7 allowed it, so it has expired: it makes way for the new one.
                tx.invitations().updateStatus(pending.get(), InvitationStatus.PENDING, InvitationStatus.EXPIRED);
                DeliveryService.cancel(tx, pending.get().id(), InvitationStatus.EXPIRED);
                details.put("replaces", pending.get().id().value());
            }
            var invitation = new Invitation(InvitationId.of(kernel.secrets.newId("inv")), organizationId, invitee,
                    role, admin.userId(), admin.verifiedEmail(), InvitationStatus.PENDING, now,
                    now.plus(kernel.invitationTimeToLive));
            // No token yet: it is minted when the mail is dispatched, and only its hash is stored.
            tx.invitations().insert(invitation, deliveries.sealedLink());
            deliveries.schedule(tx, invitation, now);
            kernel.audit(tx, organizationId, Actor.of(admin), AuditAction.MEMBER_INVITED, invitation.id().value(),
                    details);
            return invitation;
        });
        // After commit, before returning: the mail goes out at once; a failure leaves it due for a retry.
        deliveries.dispatchAfterCommit(organizationId, invited.id());
        return invited;
    }

    @Override
    public Page<Membership> list(Principal principal, AccountId organizationId, PageRequest page) {
        Check.notNull("principal", principal, "organizationId", organizationId, "page", page);
        Optional<UserId> after = Cursors.keyOf(page, MEMBERS_CURSOR).map(UserId::of);
        return kernel.storage.read(tx -> {
            Account account = Kernel.visible(tx, principal, organizationId, false);
            kernel.require(tx, principal, account, Permission.VIEW_ACCOUNT);
            if (!(account instanceof Organization)) {
                return new Page<Membership>(List.of(), Optional.empty());
            }
            List<Membership> rows = tx.members().list(organizationId, after, page.size() + 1);
            return Cursors.page(rows, page, MEMBERS_CURSOR, m -> m.userId().value());
        });
    }

    @Override
    public Membership changeRole(UserPrincipal admin, AccountId organizationId, UserId memberId, Role newRole) {
        Check.notNull("admin", admin, "organizationId", organizationId, "memberId", memberId, "newRole", newRole);
        return kernel.storage.write(tx -> {
            Account account = Kernel.lock(tx, organizationId);
            kernel.require(tx, admin, account, Permission.PROMOTE_MEMBER);
            Membership target = Kernel.member(tx, organizationId, memberId);
            if (target.role() == newRole) {
                return target;
            }
            Denials.require(Policy.userMayChangeRole(target.role(), newRole));
            tx.members().updateRole(organizationId, memberId, newRole);
            kernel.audit(tx, organizationId, Actor.of(admin), AuditAction.MEMBER_ROLE_CHANGED, memberId.value(),
                    Map.of("role.before", target.role().name(), "role.after", newRole.name()));
            return target.withRole(newRole);
        });
    }

    @Override
    public void remove(UserPrincipal admin, AccountId organizationId, UserId memberId, String typedEmail) {
        Check.nulls("admin", admin, "organizationId", organizationId, "memberId", memberId)
                .add("typedEmail", Check.textProblem(typedEmail, OrganizationsService.MAX_TYPED))
                .throwIfAny();
        kernel.storage.write(tx -> {
            Account account = Kernel.lock(tx, organizationId);
            kernel.require(tx, admin, account, Permission.REMOVE_MEMBER);
            Denials.require(Policy.notYourself(admin.userId(), memberId));
            Membership target = Kernel.member(tx, organizationId, memberId);
            Denials.require(Policy.userMayRemove(target.role()));
            Denials.require(Policy.emailConfirmed(target.email(), typedEmail));
            Kernel.endMembership(tx, organizationId, memberId);
            kernel.audit(tx, organizationId, Actor.of(admin), AuditAction.MEMBER_REMOVED, memberId.value(),
                    Map.of("email", target.email().value(), "role", target.role().name()));
            return null;
        });
    }

}
