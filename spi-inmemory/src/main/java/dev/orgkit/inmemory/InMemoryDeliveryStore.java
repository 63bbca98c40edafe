package dev.orgkit.inmemory;

import dev.orgkit.EmailAddress;
import dev.orgkit.account.AccountId;
import dev.orgkit.delivery.DeliveryStatus;
import dev.orgkit.invitation.InvitationId;
import dev.orgkit.spi.DeliveryRecord;
import dev.orgkit.spi.DeliveryStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The invitation mail outbox in memory: one delivery record per invitation. */
final class InMemoryDeliveryStore implements DeliveryStore {

    /** The outbox's table, guarded by the storage's lock. */
    static final class State {
        final Map<InvitationId, DeliveryRecord> deliveries = new HashMap<>();
    }

    private final State s;
    private final Journal journal;

    InMemoryDeliveryStore(State state, Journal journal) {
        this.s = state;
        this.journal = journal;
    }

    @Override
    public Optional<DeliveryRecord> find(InvitationId invitationId) {
        return Optional.ofNullable(s.deliveries.get(invitationId));
    }

    @Override
    public List<DeliveryRecord> due(Instant now, int limit) {
        return s.deliveries.values().stream()
                .filter(delivery -> delivery.isClaimableAt(now))
                .sorted(Comparator.comparing(DeliveryRecord::nextAttemptAt)
                        .thenComparing(DeliveryRecord::invitationId))
                .limit(limit)
                .toList();
    }

    @Override
    public void put(DeliveryRecord delivery) {
        journal.requireWritable();
        journal.put(s.deliveries, delivery.invitationId(), delivery);
    }

    @Override
    public int cancelAll(AccountId organizationId, String why) {
        journal.requireWritable();
        int cancelled = 0;
        for (DeliveryRecord delivery : List.copyOf(s.deliveries.values())) {
            if (delivery.organizationId().equals(organizationId)
                    && (delivery.status() == DeliveryStatus.PENDING || delivery.status() == DeliveryStatus.FAILED)) {
                journal.put(s.deliveries, delivery.invitationId(),
                        delivery.settled(DeliveryStatus.GIVEN_UP, delivery.nextAttemptAt(), Optional.of(why)));
                cancelled++;
            }
        }
        return cancelled;
    }

    @Override
    public int pseudonymizeErrors(EmailAddress email, String pseudonym) {
        journal.requireWritable();
        int changed = 0;
        for (DeliveryRecord d : List.copyOf(s.deliveries.values())) {
            if (d.lastError().filter(error -> Erasure.mentions(error, email)).isPresent()) {
                journal.put(s.deliveries, d.invitationId(), new DeliveryRecord(d.invitationId(), d.organizationId(),
                        d.status(), d.attempts(), d.nextAttemptAt(), d.lastAttemptAt(),
                        Erasure.pseudonymize(d.lastError(), email, pseudonym), d.claimId(), d.claimedUntil()));
                changed++;
            }
        }
        return changed;
    }

    /** Deletes every delivery of the organization's invitations (purging it). */
    void purge(AccountId organizationId) {
        journal.requireWritable();
        for (DeliveryRecord delivery : List.copyOf(s.deliveries.values())) {
            if (delivery.organizationId().equals(organizationId)) {
                journal.remove(s.deliveries, delivery.invitationId());
            }
        }
    }

    @Override
    public boolean claim(InvitationId invitationId, String claimId, Instant now, Instant claimedUntil) {
        journal.requireWritable();
        DeliveryRecord current = s.deliveries.get(invitationId);
        if (current == null || !current.isClaimableAt(now)) {
            return false;
        }
        journal.put(s.deliveries, invitationId, current.claimed(claimId, now, claimedUntil));
        return true;
    }

    @Override
    public boolean settle(DeliveryRecord settled, String claimId) {
        journal.requireWritable();
        DeliveryRecord current = s.deliveries.get(settled.invitationId());
        if (current == null || !current.claimId().equals(Optional.of(claimId))) {
            return false;
        }
        journal.put(s.deliveries, settled.invitationId(), settled);
        return true;
    }
}
