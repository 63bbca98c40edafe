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
import dev.orgkit.invitation.Invitation;
import dev.orgkit.invitation.InvitationId;
import dev.orgkit.invitation.InvitationPreview;
import dev.orgkit.invitation.InvitationStatus;
import dev.orgkit.invitation.Invitations;
import dev.orgkit.member.Membership;
import dev.orgkit.policy.DenialCode;
import dev.orgkit.policy.Permission;
import dev.orgkit.policy.Policy;
import dev.orgkit.spi.SecretHash;
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

    /** Creates the service. */
    public InvitationsService(Kernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public InvitationPreview preview(String token) {
        SecretHash hash = tokenHash(token);
        return kernel.storage.read(tx -> {
            Invitation invitation = tx.invitationByTokenHash(hash).orElseThrow(InvitationsService::unknownToken);
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
            Invitation found = tx.invitationByTokenHash(hash).orElseThrow(InvitationsService::unknownToken);
            InvitationId id = found.id();
            Kernel.lock(tx, found.organizationId());
            // Read again under the lock: another acceptance may have committed while we waited for it.
            Invitation invitation = tx.invitation(id).orElseThrow(InvitationsService::unknownToken);
            Instant now = kernel.now();
            Denials.require(Policy.invitationAcceptable(invitation, invitee.verifiedEmail(), now));
            AccountId organizationId = invitation.organizationId();
            Denials.require(Policy.notAlreadyAMember(tx.membership(organizationId, invitee.userId()).isPresent()));
            if (!tx.updateInvitationStatus(invitation, InvitationStatus.PENDING, InvitationStatus.ACCEPTED)) {
                throw Denials.raise(DenialCode.INVITATION_NOT_PENDING);
            }
            var membership = new Membership(organizationId, invitee.userId(), invitation.email(), invitation.role(), now);
            tx.insertMembership(membership);
            kernel.audit(tx, organizationId, Actor.of(invitee), AuditAction.INVITATION_ACCEPTED,
                    invitee.userId().value(), Map.of("invitation", id.value(), "email", invitation.email().value(),
                            "role", invitation.role().name()));
            return membership;
        });
    }

    @Override
    public Page<Invitation> pending(Principal principal, AccountId organizationId, PageRequest page) {
        Check.notNull("principal", principal, "organizationId", organizationId, "page", page);
        Optional<InvitationId> after = Cursors.keyOf(page, PENDING_CURSOR).map(InvitationId::of);
        return kernel.storage.read(tx -> {
            Account account = Kernel.account(tx, organizationId);
            kernel.require(tx, principal, account, Permission.INVITE_MEMBERS);
            Instant now = kernel.now();
            List<Invitation> rows = tx.pendingInvitations(organizationId, after, page.size() + 1).stream()
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

    private static NotFoundException unknownToken() {
        return new NotFoundException("No invitation has this link.");
    }
}
