package dev.orgkit.inmemory;

import dev.orgkit.StorageException;
import dev.orgkit.UserId;
import dev.orgkit.account.Account;
import dev.orgkit.account.AccountId;
import dev.orgkit.account.Organization;
import dev.orgkit.account.PersonalAccount;
import dev.orgkit.spi.AccountStore;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Accounts, and the account each user works in, in memory. */
final class InMemoryAccountStore implements AccountStore {

    /** The accounts' tables, guarded by the storage's lock. */
    static final class State {
        final Map<AccountId, Account> accounts = new HashMap<>();
        final Map<UserId, AccountId> personalByOwner = new HashMap<>();
        final Map<UserId, AccountId> active = new HashMap<>();
    }

    private final State s;
    private final Journal journal;

    InMemoryAccountStore(State state, Journal journal) {
        this.s = state;
        this.journal = journal;
    }

    @Override
    public Optional<Account> find(AccountId id) {
        return Optional.ofNullable(s.accounts.get(id));
    }

    @Override
    public Optional<PersonalAccount> personalAccountOf(UserId owner) {
        return Optional.ofNullable(s.personalByOwner.get(owner)).map(id -> (PersonalAccount) s.accounts.get(id));
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
