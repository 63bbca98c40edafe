package dev.orgkit.inmemory;

import dev.orgkit.StorageException;
import dev.orgkit.UserId;
import dev.orgkit.account.Account;
import dev.orgkit.account.AccountId;
import dev.orgkit.account.Organization;
import dev.orgkit.account.PersonalAccount;
import dev.orgkit.spi.AccountStore;
import dev.orgkit.spi.DeletedAccount;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Accounts, and the account each user works in, in memory. */
final class InMemoryAccountStore implements AccountStore {

    /** The accounts' tables, guarded by the storage's lock. */
    static final class State {
        final Map<AccountId, Account> accounts = new HashMap<>();
        final Map<UserId, AccountId> personalByOwner = new HashMap<>();
        final Map<UserId, AccountId> active = new HashMap<>();
        /** The deleted accounts, purged or not; they stay in {@link #accounts} too. */
        final Map<AccountId, DeletedAccount> deleted = new HashMap<>();
    }

    private final State s;
    private final Journal journal;
    private final InMemoryTransaction transaction;

    InMemoryAccountStore(State state, Journal journal, InMemoryTransaction transaction) {
        this.s = state;
        this.journal = journal;
        this.transaction = transaction;
    }

    @Override
    public Optional<Account> find(AccountId id) {
        if (s.deleted.containsKey(id)) {
            return Optional.empty();
        }
        return Optional.ofNullable(s.accounts.get(id));
    }

    @Override
    public Optional<DeletedAccount> findDeleted(AccountId id) {
        return Optional.ofNullable(s.deleted.get(id));
    }

    @Override
    public List<AccountId> purgeable(Instant now, int limit) {
        return s.deleted.values().stream()
                .filter(deleted -> !deleted.purged() && !deleted.restoreUntil().isAfter(now))
                .map(deleted -> deleted.account().id())
                .sorted(Comparator.comparing(AccountId::value))
                .limit(limit)
                .toList();
    }

    @Override
    public Optional<PersonalAccount> personalAccountOf(UserId owner) {
        return Optional.ofNullable(s.personalByOwner.get(owner)).flatMap(this::find).map(PersonalAccount.class::cast);
    }

    @Override
    public Optional<AccountId> activeAccountOf(UserId userId) {
        return Optional.ofNullable(s.active.get(userId));
    }

    @Override
    public Optional<Account> lock(AccountId id) {
        journal.requireWritable();
        // The storage's write lock already serializes every write transaction.
        return find(id);
    }

    @Override
    public Optional<DeletedAccount> lockDeleted(AccountId id) {
        journal.requireWritable();
        return findDeleted(id);
    }

    @Override
    public boolean markDeleted(AccountId id, Instant deletedAt, Instant restoreUntil) {
        journal.requireWritable();
        Optional<Account> live = find(id);
        if (live.isEmpty()) {
            return false;
        }
        journal.put(s.deleted, id, new DeletedAccount(live.get(), deletedAt, restoreUntil, false));
        if (live.get() instanceof PersonalAccount personal) {
            journal.remove(s.personalByOwner, personal.owner());
        }
        return true;
    }

    @Override
    public boolean restore(AccountId id) {
        journal.requireWritable();
        Optional<DeletedAccount> deleted = findDeleted(id).filter(account -> !account.purged());
        if (!(deleted.map(DeletedAccount::account).orElse(null) instanceof Organization)) {
            return false;
        }
        journal.remove(s.deleted, id);
        return true;
    }

    @Override
    public int forgetActiveAccount(AccountId id) {
        journal.requireWritable();
        List<UserId> users = s.active.entrySet().stream()
                .filter(entry -> entry.getValue().equals(id))
                .map(Map.Entry::getKey)
                .toList();
        users.forEach(user -> journal.remove(s.active, user));
        return users.size();
    }

    @Override
    public void purge(AccountId id) {
        journal.requireWritable();
        DeletedAccount deleted = s.deleted.get(id);
        if (deleted == null || deleted.purged()) {
            return;
        }
        transaction.usage().purge(id);
        transaction.apiKeys().purge(id);
        transaction.deliveries().purge(id);
        transaction.invitations().purge(id);
        transaction.members().purge(id);
        transaction.support().purge(id);
        transaction.plans().purge(id);
        transaction.notices().purge(id);
        journal.put(s.deleted, id, new DeletedAccount(deleted.account(), deleted.deletedAt(), deleted.restoreUntil(), true));
    }

    @Override
    public boolean insertPersonalAccount(PersonalAccount account) {
        journal.requireWritable();
        if (s.personalByOwner.containsKey(account.owner())) {
            return false;
        }
        requireNewAccount(account.id());
        journal.put(s.accounts, account.id(), account);
        journal.put(s.personalByOwner, account.owner(), account.id());
        return true;
    }

    @Override
    public void insertOrganization(Organization organization) {
        journal.requireWritable();
        requireNewAccount(organization.id());
        journal.put(s.accounts, organization.id(), organization);
    }

    private void requireNewAccount(AccountId id) {
        if (s.accounts.containsKey(id)) {
            throw new StorageException("duplicate account id " + id);
        }
    }

    @Override
    public boolean updateOrganization(Organization updated, long expectedVersion) {
        journal.requireWritable();
        if (!(s.accounts.get(updated.id()) instanceof Organization current) || current.version() != expectedVersion) {
            return false;
        }
        journal.put(s.accounts, updated.id(), updated);
        return true;
    }

    @Override
    public void setActiveAccount(UserId userId, Optional<AccountId> accountId) {
        journal.requireWritable();
        if (accountId.isPresent()) {
            journal.put(s.active, userId, accountId.get());
        } else {
            journal.remove(s.active, userId);
        }
    }
}
