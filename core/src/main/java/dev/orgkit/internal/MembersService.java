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
import dev.orgkit.invitation.BulkInvitation;
import dev.orgkit.invitation.Invitation;
import dev.orgkit.invitation.InviteOutcome;
import dev.orgkit.invitation.InviteRequest;
import dev.orgkit.invitation.IssuedInvitation;
import dev.orgkit.invitation.InvitationId;
import dev.orgkit.invitation.InvitationStatus;
import dev.orgkit.member.Members;
import dev.orgkit.member.Membership;
import dev.orgkit.member.Role;
import dev.orgkit.policy.Decision;
import dev.orgkit.policy.Permission;
import dev.orgkit.policy.Policy;
import dev.orgkit.spi.SecretHash;
import dev.orgkit.spi.WriteTransaction;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
        EmailAddress invitee = validated(admin, organizationId, email, role);
        Invitation invited = kernel.storage.write(tx -> {
            invitable(tx, admin, organizationId);
            Instant now = kernel.now();
            Optional<Invitation> pending = tx.invitations().pending(organizationId, invitee);
            Denials.require(rules(tx, organizationId, invitee, pending, now)
                    .and(() -> Seats.of(tx, organizationId, now).oneMore()));
            return create(tx, admin, organizationId, invitee, role, pending, now, newInvitationId(), Optional.empty());
        });
        // After commit, before returning: the mail goes out at once; a failure leaves it due for a retry.
        deliveries.dispatchAfterCommit(organizationId, invited.id());
        return invited;
    }

    @Override
    public IssuedInvitation inviteWithLink(UserPrincipal admin, AccountId organizationId, String email, Role role) {
        EmailAddress invitee = validated(admin, organizationId, email, role);
        InvitationId id = newInvitationId();
        String token = kernel.secrets.newToken();
        // Built before anything is written: if the host's function fails, there is no invitation without a link.
        URI acceptLink = deliveries.link(token, id);
        Invitation invited = kernel.storage.write(tx -> {
            invitable(tx, admin, organizationId);
            Instant now = kernel.now();
            Optional<Invitation> pending = tx.invitations().pending(organizationId, invitee);
            Denials.require(rules(tx, organizationId, invitee, pending, now)
                    .and(() -> Seats.of(tx, organizationId, now).oneMore()));
            return create(tx, admin, organizationId, invitee, role, pending, now, id,
                    Optional.of(Secrets.sha256(token)));
        });
        return new IssuedInvitation(invited, token, acceptLink);
    }

    @Override
    public BulkInvitation inviteAll(UserPrincipal admin, AccountId organizationId, List<InviteRequest> invitations) {
        Check check = Check.nulls("admin", admin, "organizationId", organizationId, "invitations", invitations);
        // A copy: the caller's list cannot change under us, and may hold nulls to report.
        List<InviteRequest> rows = invitations == null ? List.of() : new ArrayList<>(invitations);
        if (invitations != null && (rows.isEmpty() || rows.size() > MAX_BULK_INVITATIONS)) {
            check.add("invitations", "must have 1 to " + MAX_BULK_INVITATIONS + " rows");
        }
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i) == null) {
                check.add("invitations[" + i + "]", "must not be null");
            }
        }
        check.throwIfAny();
        // The rows' input, checked before the transaction: a bad row is reported, it refuses nothing else.
        List<Optional<InviteOutcome>> invalid = new ArrayList<>(rows.size());
        List<EmailAddress> emails = new ArrayList<>(rows.size());
        Map<EmailAddress, Integer> firstRow = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            InviteRequest row = rows.get(i);
            Optional<String> problem = EmailAddress.problem(row.email());
            EmailAddress invitee = problem.isEmpty() ? EmailAddress.of(row.email()) : null;
            Integer earlier = invitee == null ? null : firstRow.putIfAbsent(invitee, i);
            if (problem.isPresent()) {
                invalid.add(Optional.of(InviteOutcome.invalid(row.email(), List.of("email " + problem.get()))));
            } else if (earlier != null) {
                invalid.add(Optional.of(InviteOutcome.invalid(row.email(),
                        List.of("email is already in row " + (earlier + 1) + " of this batch"))));
            } else {
                invalid.add(Optional.empty());
            }
            emails.add(invitee);
        }
        BulkInvitation bulk = kernel.storage.write(tx -> {
            invitable(tx, admin, organizationId);
            Instant now = kernel.now();
            Seats seats = Seats.of(tx, organizationId, now);
            List<InviteOutcome> outcomes = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                InviteRequest row = rows.get(i);
                if (invalid.get(i).isPresent()) {
                    outcomes.add(invalid.get(i).get());
                    continue;
                }
                EmailAddress invitee = emails.get(i);
                Optional<Invitation> pending = tx.invitations().pending(organizationId, invitee);
                // The rows in input order take the free seats; once they are gone, the later rows are refused.
                Decision decision = rules(tx, organizationId, invitee, pending, now).and(seats::oneMore);
                if (decision instanceof Decision.Denied denied) {
                    outcomes.add(InviteOutcome.refused(row.email(), denied.code()));
                    continue;
                }
                seats.take();
                outcomes.add(InviteOutcome.invited(row.email(), create(tx, admin, organizationId, invitee,
                        row.role(), pending, now, newInvitationId(), Optional.empty())));
            }
            return new BulkInvitation(outcomes);
        });
        // After commit: each mail goes out now; a failure leaves it due for a retry.
        for (Invitation invited : bulk.invitations()) {
            deliveries.dispatchAfterCommit(organizationId, invited.id());
        }
        return bulk;
    }

    private static EmailAddress validated(UserPrincipal admin, AccountId organizationId, String email, Role role) {
        Check.nulls("admin", admin, "organizationId", organizationId, "role", role)
                .add("email", EmailAddress.problem(email))
                .throwIfAny();
        return EmailAddress.of(email);
    }

    /** Locks the organization and checks that {@code admin} may invite into it (R1, R2); throws if not. */
    private void invitable(WriteTransaction tx, UserPrincipal admin, AccountId organizationId) {
        Account account = Kernel.lock(tx, organizationId);
        kernel.require(tx, admin, account, Permission.INVITE_MEMBERS);
        OrganizationsService.organization(account);
    }

    /** R7 for one address: not a member, no pending unexpired invitation. */
    private static Decision rules(WriteTransaction tx, AccountId organizationId, EmailAddress invitee,
            Optional<Invitation> pending, Instant now) {
        return Policy.notAlreadyAMember(tx.members().hasMemberWithEmail(organizationId, invitee))
                .and(() -> Policy.noPendingInvitation(pending, now));
    }

    private InvitationId newInvitationId() {
        return InvitationId.of(kernel.secrets.newId("inv"));
    }

    /**
     * Writes an invitation the rules allowed, replacing the address's expired one if there is one,
     * and audits it. Without {@code linkToken} its delivery is scheduled (the token is minted when the
     * mail is dispatched); with one, the host delivers the link and no mail is scheduled.
     */
    private Invitation create(WriteTransaction tx, UserPrincipal admin, AccountId organizationId,
            EmailAddress invitee, Role role, Optional<Invitation> pending, Instant now, InvitationId id,
            Optional<SecretHash> linkToken) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("email", invitee.value());
        details.put("role", role.name());
        if (pending.isPresent()) {
            // R7 allowed it, so it has expired: it makes way for the new one.
            tx.invitations().updateStatus(pending.get(), InvitationStatus.PENDING, InvitationStatus.EXPIRED);
            DeliveryService.cancel(tx, pending.get().id(), InvitationStatus.EXPIRED);
            details.put("replaces", pending.get().id().value());
        }
        var invitation = new Invitation(id, organizationId, invitee, role, admin.userId(), admin.verifiedEmail(),
                InvitationStatus.PENDING, now, now.plus(kernel.invitationTimeToLive));
        if (linkToken.isPresent()) {
            // Only the hash of the token the host delivers; no delivery record, so no mail.
            tx.invitations().insert(invitation, linkToken.get());
            details.put("delivery", "link");
        } else {
            // No token yet: it is minted when the mail is dispatched, and only its hash is stored.
            tx.invitations().insert(invitation, deliveries.sealedLink());
            deliveries.schedule(tx, invitation, now);
        }
        kernel.audit(tx, organizationId, Actor.of(admin), AuditAction.MEMBER_INVITED, invitation.id().value(),
                details);
        return invitation;
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
