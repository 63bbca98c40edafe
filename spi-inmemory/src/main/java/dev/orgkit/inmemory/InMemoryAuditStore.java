package dev.orgkit.inmemory;

import dev.orgkit.EmailAddress;
import dev.orgkit.StorageException;
import dev.orgkit.account.AccountId;
import dev.orgkit.audit.AuditAction;
import dev.orgkit.audit.AuditEvent;
import dev.orgkit.audit.AuditQuery;
import dev.orgkit.spi.AuditStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;

/** The audit trail in memory: each account's events, sorted by id. */
final class InMemoryAuditStore implements AuditStore {

    /** The trails, guarded by the storage's lock. */
    static final class State {
        final Map<AccountId, NavigableMap<String, AuditEvent>> trails = new HashMap<>();
    }

    private final State s;
    private final Journal journal;

    InMemoryAuditStore(State state, Journal journal) {
        this.s = state;
        this.journal = journal;
    }

    @Override
    public List<AuditEvent> list(AccountId accountId, AuditQuery query, Optional<String> before, int limit) {
        NavigableMap<String, AuditEvent> newestFirst =
                Pages.under(s.trails, accountId).descendingMap();
        return Pages.first(Pages.after(newestFirst, before), limit, query::matches);
    }

    @Override
    public List<AuditEvent> byTarget(String target, Set<AuditAction> actions) {
        return s.trails.values().stream().flatMap(trail -> trail.values().stream())
                .filter(event -> event.target().equals(target) && actions.contains(event.action()))
                .toList();
    }

    @Override
    public int pseudonymize(EmailAddress email, String pseudonym) {
        journal.requireWritable();
        int changed = 0;
        for (NavigableMap<String, AuditEvent> trail : s.trails.values()) {
            for (AuditEvent event : List.copyOf(trail.values())) {
                if (event.details().values().stream().noneMatch(value -> Erasure.mentions(value, email))) {
                    continue;
                }
                Map<String, String> details = new HashMap<>();
                event.details().forEach((name, value) -> details.put(name, Erasure.pseudonymize(value, email, pseudonym)));
                journal.put(trail, event.id(), new AuditEvent(event.id(), event.accountId(), event.actor(), event.action(),
                        event.target(), details, event.at()));
                changed++;
            }
        }
        return changed;
    }

    @Override
    public void append(AuditEvent event) {
        journal.requireWritable();
        NavigableMap<String, AuditEvent> trail = journal.tree(s.trails, event.accountId());
        if (trail.containsKey(event.id())) {
            throw new StorageException("duplicate audit event id " + event.id());
        }
        journal.put(trail, event.id(), event);
    }
}
