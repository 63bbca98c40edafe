package dev.orgkit.inmemory;

import dev.orgkit.EmailAddress;
import dev.orgkit.StorageException;
import dev.orgkit.UserId;
import dev.orgkit.account.AccountId;
import dev.orgkit.member.Membership;
import dev.orgkit.member.Role;
import dev.orgkit.spi.MemberStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;

/** Memberships of organizations in memory, by organization (sorted by user) and by user. */
final class InMemoryMemberStore implements MemberStore {

    /** The memberships' tables, guarded by the storage's lock. */
    static final class State {
        final Map<AccountId, NavigableMap<UserId, Membership>> byOrganization = new HashMap<>();
        final Map<UserId, Map<AccountId, Membership>> byUser = new HashMap<>();
    }

    private final State s;
    private final Journal journal;

    InMemoryMemberStore(State state, Journal journal) {
        this.s = state;
        this.journal = journal;
    }

    private NavigableMap<UserId, Membership> of(AccountId organizationId) {
        return Pages.under(s.byOrganization, organizationId);
    }

    @Override
    public Optional<Membership> find(AccountId organizationId, UserId userId) {
        return Optional.ofNullable(of(organizationId).get(userId));
    }

    @Override
    public boolean hasMemberWithEmail(AccountId organizationId, EmailAddress email) {
        return of(organizationId).values().stream().anyMatch(m -> m.email().equals(email));
    }

    @Override
    public List<Membership> list(AccountId organizationId, Optional<UserId> after, int limit) {
        return Pages.first(Pages.after(of(organizationId), after), limit);
    }

    @Override
    public List<Membership> ofUser(UserId userId) {
        return List.copyOf(s.byUser.getOrDefault(userId, Map.of()).values());
    }

    @Override
    public long count(AccountId organizationId, Role role) {
        return of(organizationId).values().stream().filter(m -> m.role() == role).count();
    }

    @Override
    public long count(AccountId organizationId) {
        return of(organizationId).size();
    }

    @Override
    public void insert(Membership membership) {
        journal.requireWritable();
        if (find(membership.organizationId(), membership.userId()).isPresent()) {
            throw new StorageException("duplicate membership of " + membership.userId()
                    + " in " + membership.organizationId());
        }
        put(membership);
    }

    private void put(Membership membership) {
        journal.put(journal.tree(s.byOrganization, membership.organizationId()), membership.userId(), membership);
        journal.put(journal.hash(s.byUser, membership.userId()), membership.organizationId(), membership);
    }

    @Override
    public void updateRole(AccountId organizationId, UserId userId, Role role) {
        journal.requireWritable();
        find(organizationId, userId).ifPresent(m -> put(m.withRole(role)));
    }

    /** Deletes every membership of the organization (purging it). */
    void purge(AccountId organizationId) {
        for (UserId userId : List.copyOf(of(organizationId).keySet())) {
            delete(organizationId, userId);
        }
    }

    @Override
    public boolean delete(AccountId organizationId, UserId userId) {
        journal.requireWritable();
        if (find(organizationId, userId).isEmpty()) {
            return false;
        }
        journal.remove(s.byOrganization.get(organizationId), userId);
        journal.remove(s.byUser.get(userId), organizationId);
        return true;
    }
}
