package dev.orgkit.inmemory;

import dev.orgkit.StorageException;
import dev.orgkit.UserId;
import dev.orgkit.account.AccountId;
import dev.orgkit.spi.SupportStore;
import dev.orgkit.support.SupportAction;
import dev.orgkit.support.SupportRequest;
import dev.orgkit.support.SupportRequestId;
import dev.orgkit.support.SupportRequestStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Support requests in memory, by id, by stored status (sorted by id), and the one stored PENDING
 * request per (organization, target, action).
 */
final class InMemorySupportStore implements SupportStore {

    /** The support requests' tables, guarded by the storage's lock. */
    static final class State {
        final Map<SupportRequestId, SupportRequest> requests = new HashMap<>();
        final Map<SupportRequestStatus, NavigableMap<SupportRequestId, SupportRequest>> byStatus =
                new EnumMap<>(SupportRequestStatus.class);
        final Map<PendingKey, SupportRequestId> pending = new HashMap<>();
    }

    /** What at most one stored PENDING support request has. */
    private record PendingKey(AccountId organizationId, UserId targetUserId, SupportAction action) {
        static PendingKey of(SupportRequest request) {
            return new PendingKey(request.organizationId(), request.targetUserId(), request.action());
        }
    }

    private final State s;
    private final Journal journal;

    InMemorySupportStore(State state, Journal journal) {
        this.s = state;
        this.journal = journal;
    }

    @Override
    public Optional<SupportRequest> find(SupportRequestId id) {
        return Optional.ofNullable(s.requests.get(id));
    }

    @Override
    public Optional<SupportRequest> pending(AccountId organizationId, UserId targetUserId, SupportAction action) {
        return Optional.ofNullable(s.pending.get(new PendingKey(organizationId, targetUserId, action)))
                .map(s.requests::get);
    }

    @Override
    public List<SupportRequest> list(SupportRequestStatus status, Instant now, Optional<SupportRequestId> after,
            int limit) {
        if (status == SupportRequestStatus.EXPIRED) {
            // Stored EXPIRED ones and stored PENDING ones past their expiry, merged by id.
            List<SupportRequest> found = new ArrayList<>();
            found.addAll(Pages.first(stored(SupportRequestStatus.EXPIRED, after), limit));
            found.addAll(Pages.first(stored(SupportRequestStatus.PENDING, after), limit, r -> r.isExpiredAt(now)));
            found.sort(Comparator.comparing(SupportRequest::id));
            return found.size() > limit ? List.copyOf(found.subList(0, limit)) : found;
        }
        if (status == SupportRequestStatus.PENDING) {
            return Pages.first(stored(status, after), limit, r -> !r.isExpiredAt(now));
        }
        return Pages.first(stored(status, after), limit);
    }

    private NavigableMap<SupportRequestId, SupportRequest> stored(SupportRequestStatus status,
            Optional<SupportRequestId> after) {
        return Pages.after(Pages.under(s.byStatus, status), after);
    }

    @Override
    public void insert(SupportRequest request) {
        journal.requireWritable();
        if (s.requests.containsKey(request.id())) {
            throw new StorageException("duplicate support request id " + request.id());
        }
        if (request.status() == SupportRequestStatus.PENDING && s.pending.containsKey(PendingKey.of(request))) {
            throw new StorageException("a pending support request for this target and action already exists");
        }
        journal.put(s.requests, request.id(), request);
        index(null, request);
    }

    @Override
    public boolean update(SupportRequest updated, SupportRequestStatus from) {
        journal.requireWritable();
        SupportRequest current = s.requests.get(updated.id());
        if (current == null || current.status() != from) {
            return false;
        }
        if (updated.status() == SupportRequestStatus.PENDING && from != SupportRequestStatus.PENDING
                && s.pending.containsKey(PendingKey.of(updated))) {
            throw new StorageException("a pending support request for this target and action already exists");
        }
        journal.put(s.requests, updated.id(), updated);
        index(current, updated);
        return true;
    }

    /** Deletes every support request of the organization (purging it). */
    void purge(AccountId organizationId) {
        journal.requireWritable();
        for (SupportRequest request : List.copyOf(s.requests.values())) {
            if (request.organizationId().equals(organizationId)) {
                journal.remove(s.requests, request.id());
                journal.remove(journal.tree(s.byStatus, request.status()), request.id());
                if (request.status() == SupportRequestStatus.PENDING) {
                    journal.remove(s.pending, PendingKey.of(request));
                }
            }
        }
    }

    private void index(@Nullable SupportRequest previous, SupportRequest request) {
        if (previous != null) {
            journal.remove(journal.tree(s.byStatus, previous.status()), previous.id());
            if (previous.status() == SupportRequestStatus.PENDING) {
                journal.remove(s.pending, PendingKey.of(previous));
            }
        }
        journal.put(journal.tree(s.byStatus, request.status()), request.id(), request);
        if (request.status() == SupportRequestStatus.PENDING) {
            journal.put(s.pending, PendingKey.of(request), request.id());
        }
    }
}
