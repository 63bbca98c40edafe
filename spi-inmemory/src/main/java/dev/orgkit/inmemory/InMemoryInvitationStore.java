package dev.orgkit.inmemory;

import dev.orgkit.EmailAddress;
import dev.orgkit.StorageException;
import dev.orgkit.UserId;
import dev.orgkit.account.AccountId;
import dev.orgkit.invitation.Invitation;
import dev.orgkit.invitation.InvitationId;
import dev.orgkit.invitation.InvitationStatus;
import dev.orgkit.spi.InvitationStore;
import dev.orgkit.spi.SecretHash;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;

/**
 * Invitations in memory, with the hash of each one's current token (both ways) and, per
 * organization, the ones whose stored status is PENDING.
 */
final class InMemoryInvitationStore implements InvitationStore {

    /** The invitations' tables, guarded by the storage's lock. */
    static final class State {
        final Map<InvitationId, Invitation> invitations = new HashMap<>();
        final Map<InvitationId, SecretHash> tokenOfInvitation = new HashMap<>();
        final Map<SecretHash, InvitationId> invitationOfToken = new HashMap<>();
        final Map<AccountId, NavigableMap<InvitationId, Invitation>> pendingByOrganization = new HashMap<>();
    }

    private final State s;
    private final Journal journal;

    InMemoryInvitationStore(State state, Journal journal) {
        this.s = state;
        this.journal = journal;
    }

    private NavigableMap<InvitationId, Invitation> pendingOf(AccountId organizationId) {
        return Pages.under(s.pendingByOrganization, organizationId);
    }

    @Override
    public Optional<Invitation> find(InvitationId id) {
        return Optional.ofNullable(s.invitations.get(id));
    }

    @Override
    public Optional<Invitation> findByTokenHash(SecretHash tokenHash) {
        return Optional.ofNullable(s.invitationOfToken.get(tokenHash)).map(s.invitations::get);
    }

    @Override
    public Optional<Invitation> pending(AccountId organizationId, EmailAddress email) {
        return pendingOf(organizationId).values().stream()
                .filter(invitation -> invitation.email().equals(email))
                .findFirst();
    }

    @Override
    public List<Invitation> listPending(AccountId organizationId, Optional<InvitationId> after, int limit) {
        return Pages.first(Pages.after(pendingOf(organizationId), after), limit);
    }

    @Override
    public long countPending(AccountId organizationId, Instant now) {
        return pendingOf(organizationId).values().stream().filter(invitation -> !invitation.isExpiredAt(now)).count();
    }

    @Override
    public void insert(Invitation invitation, SecretHash tokenHash) {
        journal.requireWritable();
        if (s.invitations.containsKey(invitation.id()) || s.invitationOfToken.containsKey(tokenHash)) {
            throw new StorageException("duplicate invitation id or token hash");
        }
        if (invitation.status() == InvitationStatus.PENDING
                && pending(invitation.organizationId(), invitation.email()).isPresent()) {
            throw new StorageException("a pending invitation of this email already exists");
        }
        journal.put(s.invitations, invitation.id(), invitation);
        journal.put(s.tokenOfInvitation, invitation.id(), tokenHash);
        journal.put(s.invitationOfToken, tokenHash, invitation.id());
        indexPending(invitation);
    }

    private void indexPending(Invitation invitation) {
        NavigableMap<InvitationId, Invitation> pending = journal.tree(s.pendingByOrganization, invitation.organizationId());
        if (invitation.status() == InvitationStatus.PENDING) {
            journal.put(pending, invitation.id(), invitation);
        } else {
            journal.remove(pending, invitation.id());
        }
    }

    @Override
    public boolean updateStatus(Invitation invitation, InvitationStatus from, InvitationStatus to) {
        journal.requireWritable();
        Invitation current = s.invitations.get(invitation.id());
        if (current == null || current.status() != from) {
            return false;
        }
        Invitation updated = current.withStatus(to);
        journal.put(s.invitations, updated.id(), updated);
        indexPending(updated);
        return true;
    }

    @Override
    public int revokeAllPending(AccountId organizationId) {
        journal.requireWritable();
        List<Invitation> pending = List.copyOf(pendingOf(organizationId).values());
        for (Invitation invitation : pending) {
            updateStatus(invitation, InvitationStatus.PENDING, InvitationStatus.REVOKED);
        }
        return pending.size();
    }

    @Override
    public int pseudonymize(UserId inviter, Set<EmailAddress> emails, EmailAddress pseudonym) {
        journal.requireWritable();
        int changed = 0;
        for (Invitation i : List.copyOf(s.invitations.values())) {
            boolean sent = i.invitedBy().equals(inviter);
            boolean received = i.status() != InvitationStatus.PENDING && emails.contains(i.email());
            if (sent || received) {
                Invitation updated = new Invitation(i.id(), i.organizationId(), received ? pseudonym : i.email(), i.role(),
                        i.invitedBy(), sent ? pseudonym : i.inviterEmail(), i.status(), i.createdAt(), i.expiresAt());
                journal.put(s.invitations, updated.id(), updated);
                indexPending(updated);
                changed++;
            }
        }
        return changed;
    }

    /** Deletes every invitation of the organization (purging it). */
    void purge(AccountId organizationId) {
        journal.requireWritable();
        for (Invitation invitation : List.copyOf(s.invitations.values())) {
            if (invitation.organizationId().equals(organizationId)) {
                SecretHash token = s.tokenOfInvitation.get(invitation.id());
                journal.remove(s.invitations, invitation.id());
                journal.remove(s.tokenOfInvitation, invitation.id());
                if (token != null) {
                    journal.remove(s.invitationOfToken, token);
                }
            }
        }
        journal.remove(s.pendingByOrganization, organizationId);
    }

    @Override
    public void replaceToken(InvitationId id, SecretHash tokenHash) {
        journal.requireWritable();
        SecretHash previous = s.tokenOfInvitation.get(id);
        if (previous == null || previous.equals(tokenHash)) {
            return;
        }
        if (s.invitationOfToken.containsKey(tokenHash)) {
            throw new StorageException("duplicate invitation token hash");
        }
        journal.remove(s.invitationOfToken, previous);
        journal.put(s.invitationOfToken, tokenHash, id);
        journal.put(s.tokenOfInvitation, id, tokenHash);
    }

    @Override
    public void updateExpiry(InvitationId id, Instant expiresAt) {
        journal.requireWritable();
        Invitation current = s.invitations.get(id);
        if (current != null) {
            Invitation updated = current.withExpiresAt(expiresAt);
            journal.put(s.invitations, id, updated);
            indexPending(updated);
        }
    }
}
