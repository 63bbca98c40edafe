package dev.orgkit.internal;

import dev.orgkit.NotFoundException;
import dev.orgkit.Page;
import dev.orgkit.PageRequest;
import dev.orgkit.Principal;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.Account;
import dev.orgkit.account.AccountId;
import dev.orgkit.audit.Actor;
import dev.orgkit.audit.AuditAction;
import dev.orgkit.delivery.InvitationDelivery;
import dev.orgkit.invitation.Invitation;
import dev.orgkit.invitation.InvitationId;
import dev.orgkit.invitation.InvitationPreview;
import dev.orgkit.invitation.InvitationStatus;
import dev.orgkit.invitation.Invitations;
import dev.orgkit.member.Membership;
import dev.orgkit.policy.DenialCode;
import dev.orgkit.policy.Permission;
import dev.orgkit.policy.Policy;
import dev.orgkit.spi.DeliveryRecord;
import dev.orgkit.spi.SecretHash;
import dev.orgkit.spi.WriteTransaction;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link Invitations} on the kernel. */
public final class InvitationsService implements Invitations {
    static final String PENDING_CURSOR = "invitations";
    /** Longer than any token we mint; anything longer is not one of ours. */
    private static final int MAX_TOKEN_LENGTH = 128;

    private final Kernel kernel;
    private final DeliveryService deliveries;

    /** Creates the service; resent invitations go out through {@code deliveries}. */
    public InvitationsService(Kernel kernel, DeliveryService deliveries) {
        this.kernel = kernel;
        this.deliveries = deliveries;
    }

    @Override
    public InvitationPreview preview(String token) {
        SecretHash hash = tokenHash(token);
        return kernel.storage.read(tx -> {
            Invitation invitation = tx.invitations().findByTokenHash(hash).orElseThrow(InvitationsService::unknownToken);
            Account account = Kernel.account(tx, invitation.organizationId());
            Invitation seen = invitation.asOf(kernel.now());
            return new InvitationPreview(account.displayName(), seen.inviterEmail(), seen.email(), seen.role(),
                    seen.expiresAt(), seen.status());
        });
    }

    @Override
    public Membership accept(UserPrincipal invitee, String token) {
        Check.nulls("invitee", invitee).add("token", tokenProblem(token)).throwIfAny();
        SecretHash hash = Secrets.sha256(token);
        return kernel.storage.write(tx -> {
            Invitation invitation = lockedByToken(tx, hash);
            InvitationId id = invitation.id();
            Instant now = kernel.now();
            Denials.require(Policy.invitationAcceptable(invitation, invitee.verifiedEmail(), now));
            AccountId organizationId = invitation.organizationId();
            Denials.require(Policy.notAlreadyAMember(tx.members().find(organizationId, invitee.userId()).isPresent()));
            // R14: the invitation holds a seat, which the membership takes over; refused only while the
            // organization uses more seats than its plan has (the plan was lowered after inviting).
            Denials.require(Seats.of(tx, organizationId, now).toAccept());
            if (!tx.invitations().updateStatus(invitation, InvitationStatus.PENDING, InvitationStatus.ACCEPTED)) {
                throw Denials.raise(DenialCode.INVITATION_NOT_PENDING);
            }
            DeliveryService.cancel(tx, id, InvitationStatus.ACCEPTED);
            var membership = new Membership(organizationId, invitee.userId(), invitation.email(), invitation.role(), now);
            tx.members().insert(membership);
            kernel.audit(tx, organizationId, Actor.of(invitee), AuditAction.INVITATION_ACCEPTED,
                    invitee.userId().value(), Map.of("invitation", id.value(), "email", invitation.email().value(),
                            "role", invitation.role().name()));
            return membership;
        });
    }

    @Override
    public void decline(UserPrincipal invitee, String token) {
        Check.nulls("invitee", invitee).add("token", tokenProblem(token)).throwIfAny();
        SecretHash hash = Secrets.sha256(token);
        kernel.storage.write(tx -> {
            Invitation invitation = lockedByToken(tx, hash);
            Denials.require(Policy.invitationAcceptable(invitation, invitee.verifiedEmail(), kernel.now()));
            if (!tx.invitations().updateStatus(invitation, InvitationStatus.PENDING, InvitationStatus.DECLINED)) {
                throw Denials.raise(DenialCode.INVITATION_NOT_PENDING);
            }
            // The link now leads to a declined invitation, and no mail for it goes out any more.
            DeliveryService.cancel(tx, invitation.id(), InvitationStatus.DECLINED);
            kernel.audit(tx, invitation.organizationId(), Actor.of(invitee), AuditAction.INVITATION_DECLINED,
                    invitation.id().value(), Map.of("email", invitation.email().value(),
                            "role", invitation.role().name()));
            return null;
        });
    }

    @Override
    public Invitation resend(UserPrincipal admin, InvitationId invitationId) {
        Check.notNull("admin", admin, "invitationId", invitationId);
        Invitation resent = kernel.storage.write(tx -> {
            Invitation invitation = managed(tx, admin, invitationId);
            Instant now = kernel.now();
            Denials.require(Policy.notAlreadyAMember(
                    tx.members().hasMemberWithEmail(invitation.organizationId(), invitation.email())));
            if (invitation.isExpiredAt(now)) {
                // R14: an expired invitation holds no seat; renewed, it takes one again.
                Denials.require(Seats.of(tx, invitation.organizationId(), now).oneMore());
            }
            Instant expiresAt = now.plus(kernel.invitationTimeToLive);
            tx.invitations().updateExpiry(invitationId, expiresAt);
            Invitation renewed = invitation.withExpiresAt(expiresAt);
            // Seals the link (the old one stops working now) and starts a new delivery.
            deliveries.schedule(tx, renewed, now);
            kernel.audit(tx, invitation.organizationId(), Actor.of(admin), AuditAction.INVITATION_RESENT,
                    invitationId.value(), Map.of("email", invitation.email().value(),
                            "expiresAt", expiresAt.toString()));
            return renewed;
        });
        deliveries.dispatchAfterCommit(resent.organizationId(), resent.id());
        return resent;
    }

    @Override
    public Invitation revoke(UserPrincipal admin, InvitationId invitationId) {
        Check.notNull("admin", admin, "invitationId", invitationId);
        return kernel.storage.write(tx -> {
            Invitation invitation = managed(tx, admin, invitationId);
            if (!tx.invitations().updateStatus(invitation, InvitationStatus.PENDING, InvitationStatus.REVOKED)) {
                throw Denials.raise(DenialCode.INVITATION_NOT_PENDING);
            }
            // Nobody holds a token of this hash: the link that was mailed stops working.
            tx.invitations().replaceToken(invitationId, deliveries.sealedLink());
            DeliveryService.cancel(tx, invitationId, InvitationStatus.REVOKED);
            kernel.audit(tx, invitation.organizationId(), Actor.of(admin), AuditAction.INVITATION_REVOKED,
                    invitationId.value(), Map.of("email", invitation.email().value(),
                            "role", invitation.role().name()));
            return invitation.withStatus(InvitationStatus.REVOKED);
        });
    }

    @Override
    public InvitationDelivery delivery(Principal principal, InvitationId invitationId) {
        Check.notNull("principal", principal, "invitationId", invitationId);
        return kernel.storage.read(tx -> {
            Invitation invitation = tx.invitations().find(invitationId).orElseThrow(() -> Denials.raise(DenialCode.NOT_FOUND));
            Account account = Kernel.account(tx, invitation.organizationId());
            kernel.require(tx, principal, account, Permission.INVITE_MEMBERS);
            return tx.deliveries().find(invitationId).map(DeliveryRecord::view)
                    .orElseThrow(() -> Denials.raise(DenialCode.NOT_FOUND));
        });
    }

    /**
     * The invitation, read under its organization's lock, after checking that {@code admin} manages
     * its invitations (R2) and that its stored status is still pending (expired or not).
     */
    private Invitation managed(WriteTransaction tx, UserPrincipal admin, InvitationId invitationId) {
        Invitation found = tx.invitations().find(invitationId).orElseThrow(() -> Denials.raise(DenialCode.NOT_FOUND));
        Account account = Kernel.lock(tx, found.organizationId());
        kernel.require(tx, admin, account, Permission.INVITE_MEMBERS);
        Invitation invitation = tx.invitations().find(invitationId).orElseThrow(() -> Denials.raise(DenialCode.NOT_FOUND));
        if (invitation.status() != InvitationStatus.PENDING) {
            throw Denials.raise(DenialCode.INVITATION_NOT_PENDING);
        }
        return invitation;
    }

    @Override
    public Page<Invitation> pending(Principal principal, AccountId organizationId, PageRequest page) {
        Check.notNull("principal", principal, "organizationId", organizationId, "page", page);
        Optional<InvitationId> after = Cursors.keyOf(page, PENDING_CURSOR).map(InvitationId::of);
        return kernel.storage.read(tx -> {
            Account account = Kernel.account(tx, organizationId);
            kernel.require(tx, principal, account, Permission.INVITE_MEMBERS);
            Instant now = kernel.now();
            List<Invitation> rows = tx.invitations().listPending(organizationId, after, page.size() + 1).stream()
                    .map(invitation -> invitation.asOf(now))
                    .toList();
            return Cursors.page(rows, page, PENDING_CURSOR, invitation -> invitation.id().value());
        });
    }

    private static SecretHash tokenHash(String token) {
        Check.single("token", tokenProblem(token));
        return Secrets.sha256(token);
    }

    private static Optional<String> tokenProblem(String token) {
        return Check.identifierProblem(token, MAX_TOKEN_LENGTH);
    }

    /**
     * The invitation whose link has this token, read under its organization's lock. It is found by the
     * token twice, before and after the lock: a resend or a dispatch that committed while we waited
     * replaced the token, and then the link is dead, as if it never existed.
     */
    private static Invitation lockedByToken(WriteTransaction tx, SecretHash hash) {
        Invitation found = tx.invitations().findByTokenHash(hash).orElseThrow(InvitationsService::unknownToken);
        Kernel.lock(tx, found.organizationId());
        return tx.invitations().findByTokenHash(hash)
                .filter(again -> again.id().equals(found.id()))
                .orElseThrow(InvitationsService::unknownToken);
    }

    private static NotFoundException unknownToken() {
        return new NotFoundException("No invitation has this link.");
    }
}
