package dev.orgkit.inmemory;

import dev.orgkit.EmailAddress;
import dev.orgkit.OrgKitException;
import dev.orgkit.StorageException;
import dev.orgkit.UserId;
import dev.orgkit.account.Account;
import dev.orgkit.account.AccountId;
import dev.orgkit.account.Organization;
import dev.orgkit.account.PersonalAccount;
import dev.orgkit.apikey.ApiKey;
import dev.orgkit.apikey.ApiKeyId;
import dev.orgkit.apikey.KeyUsage;
import dev.orgkit.audit.AuditEvent;
import dev.orgkit.audit.AuditQuery;
import dev.orgkit.invitation.Invitation;
import dev.orgkit.invitation.InvitationId;
import dev.orgkit.invitation.InvitationStatus;
import dev.orgkit.member.Membership;
import dev.orgkit.member.Role;
import dev.orgkit.spi.ApiKeyRecord;
import dev.orgkit.spi.DeliveryRecord;
import dev.orgkit.spi.ReadTransaction;
import dev.orgkit.spi.SecretHash;
import dev.orgkit.spi.Storage;
import dev.orgkit.spi.UsageIncrement;
import dev.orgkit.spi.WriteTransaction;
import dev.orgkit.support.SupportAction;
import dev.orgkit.support.SupportRequest;
import dev.orgkit.support.SupportRequestId;
import dev.orgkit.support.SupportRequestStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * orgkit's state in memory. Thread-safe: write transactions are serialized by one lock (which
 * serializes commands on every account, not only on one), read transactions share it. A write
 * transaction that throws is undone entry by entry, so a rejected command leaves no trace; readers
 * never see a write transaction in progress.
 *
 * <p>API key verification ({@link #apiKeyByHash}) takes no lock: it reads an index of keys by hash
 * that a write transaction updates only when it commits, before {@code write} returns.
 *
 * <p>Meant for tests, examples and small hosts that run one JVM: nothing survives a restart, and
 * two JVMs do not share it.
 *
 * @since 0.1.0
 */
public final class InMemoryStorage implements Storage {
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);
    private final State state = new State();

    private InMemoryStorage() {}

    /** A new, empty storage. */
    public static InMemoryStorage create() {
        return new InMemoryStorage();
    }

    @Override
    public <T> T read(Function<? super ReadTransaction, ? extends T> work) {
        lock.readLock().lock();
        try {
            return work.apply(new Transaction(state, null, null));
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public <T> T write(Function<? super WriteTransaction, ? extends T> work) {
        lock.writeLock().lock();
        Deque<Runnable> undo = new ArrayDeque<>();
        List<Runnable> onCommit = new ArrayList<>();
        try {
            T result = work.apply(new Transaction(state, undo, onCommit));
            onCommit.forEach(Runnable::run);
            undo.clear();
            return result;
        } catch (OrgKitException e) {
            rollBack(undo);
            throw e;
        } catch (RuntimeException e) {
            rollBack(undo);
            throw new StorageException("the in-memory transaction failed and was rolled back", e);
        } catch (Error e) {
            rollBack(undo);
            throw e;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * The key whose secret has this hash, from an index that holds committed keys only: no lock,
     * one {@link ConcurrentHashMap} read. A revocation is in it once {@code write} has returned.
     */
    @Override
    public Optional<ApiKeyRecord> apiKeyByHash(SecretHash hash) {
        return Optional.ofNullable(state.committedKeysByHash.get(hash));
    }

    private static void rollBack(Deque<Runnable> undo) {
        while (!undo.isEmpty()) {
            undo.pop().run();
        }
    }

    /** Every table, as plain maps guarded by the storage's lock. */
    private static final class State {
        final Map<AccountId, Account> accounts = new HashMap<>();
        final Map<UserId, AccountId> personalByOwner = new HashMap<>();
        final Map<AccountId, NavigableMap<UserId, Membership>> members = new HashMap<>();
        final Map<UserId, Map<AccountId, Membership>> membershipsByUser = new HashMap<>();
        final Map<InvitationId, Invitation> invitations = new HashMap<>();
        final Map<InvitationId, SecretHash> tokenOfInvitation = new HashMap<>();
        final Map<SecretHash, InvitationId> invitationOfToken = new HashMap<>();
        final Map<AccountId, NavigableMap<InvitationId, Invitation>> pendingByAccount = new HashMap<>();
        final Map<AccountId, NavigableMap<String, AuditEvent>> audit = new HashMap<>();
        final Map<UserId, AccountId> active = new HashMap<>();
        final Map<ApiKeyId, ApiKeyRecord> apiKeys = new HashMap<>();
        final Map<SecretHash, ApiKeyId> keyOfHash = new HashMap<>();
        final Map<AccountId, NavigableMap<ApiKeyId, ApiKeyId>> keysByAccount = new HashMap<>();
        final Map<AccountId, NavigableMap<LocalDate, NavigableMap<ApiKeyId, Long>>> usage = new HashMap<>();
        /** Committed keys by hash, for lock-free verification; written only when a transaction commits. */
        final Map<SecretHash, ApiKeyRecord> committedKeysByHash = new ConcurrentHashMap<>();
        final Map<SupportRequestId, SupportRequest> supportRequests = new HashMap<>();
        final Map<SupportRequestStatus, NavigableMap<SupportRequestId, SupportRequest>> supportByStatus =
                new EnumMap<>(SupportRequestStatus.class);
        final Map<PendingKey, SupportRequestId> pendingSupport = new HashMap<>();
        final Map<InvitationId, DeliveryRecord> deliveries = new HashMap<>();
    }

    /** What at most one stored PENDING support request has. */
    private record PendingKey(AccountId organizationId, UserId targetUserId, SupportAction action) {
        static PendingKey of(SupportRequest request) {
            return new PendingKey(request.organizationId(), request.targetUserId(), request.action());
        }
    }

    /** One transaction's view; {@code undo} and {@code onCommit} are null for read transactions. */
    private static final class Transaction implements WriteTransaction {
        private final State s;
        private final @Nullable Deque<Runnable> undo;
        private final @Nullable List<Runnable> onCommit;

        Transaction(State state, @Nullable Deque<Runnable> undo, @Nullable List<Runnable> onCommit) {
            this.s = state;
            this.undo = undo;
            this.onCommit = onCommit;
        }

        // ---- writes record how to undo themselves ----

        private <K, V> void put(Map<K, V> map, K key, V value) {
            V previous = map.put(key, value);
            undo.push(() -> restore(map, key, previous));
        }

        private <K, V> void remove(Map<K, V> map, K key) {
            if (map.containsKey(key)) {
                V previous = map.remove(key);
                undo.push(() -> map.put(key, previous));
            }
        }

        private static <K, V> void restore(Map<K, V> map, K key, V previous) {
            if (previous == null) {
                map.remove(key);
            } else {
                map.put(key, previous);
            }
        }

        private <K, K2, V> NavigableMap<K2, V> tree(Map<K, NavigableMap<K2, V>> map, K key) {
            NavigableMap<K2, V> tree = map.get(key);
            if (tree == null) {
                tree = new TreeMap<>();
                put(map, key, tree);
            }
            return tree;
        }

        private <K, K2, V> Map<K2, V> hash(Map<K, Map<K2, V>> map, K key) {
            Map<K2, V> inner = map.get(key);
            if (inner == null) {
                inner = new HashMap<>();
                put(map, key, inner);
            }
            return inner;
        }

        private WriteTransaction writable() {
            if (undo == null) {
                throw new IllegalStateException("a read transaction cannot write");
            }
            return this;
        }

        // ---- reads ----

        @Override
        public Optional<Account> account(AccountId id) {
            return Optional.ofNullable(s.accounts.get(id));
        }

        @Override
        public Optional<PersonalAccount> personalAccountOf(UserId owner) {
            return Optional.ofNullable(s.personalByOwner.get(owner)).map(id -> (PersonalAccount) s.accounts.get(id));
        }

        @Override
        public Optional<Membership> membership(AccountId organizationId, UserId userId) {
            return Optional.ofNullable(s.members.getOrDefault(organizationId, Collections.emptyNavigableMap()).get(userId));
        }

        @Override
        public boolean hasMemberWithEmail(AccountId organizationId, EmailAddress email) {
            return s.members.getOrDefault(organizationId, Collections.emptyNavigableMap()).values().stream()
                    .anyMatch(m -> m.email().equals(email));
        }

        @Override
        public List<Membership> memberships(AccountId organizationId, Optional<UserId> after, int limit) {
            NavigableMap<UserId, Membership> all = s.members.getOrDefault(organizationId, Collections.emptyNavigableMap());
            return first(after.map(key -> all.tailMap(key, false)).orElse(all), limit);
        }

        @Override
        public List<Membership> membershipsOf(UserId userId) {
            return List.copyOf(s.membershipsByUser.getOrDefault(userId, Map.of()).values());
        }

        @Override
        public long countMembers(AccountId organizationId, Role role) {
            return s.members.getOrDefault(organizationId, Collections.emptyNavigableMap()).values().stream()
                    .filter(m -> m.role() == role)
                    .count();
        }

        @Override
        public Optional<Invitation> invitation(InvitationId id) {
            return Optional.ofNullable(s.invitations.get(id));
        }

        @Override
        public Optional<Invitation> invitationByTokenHash(SecretHash tokenHash) {
            return Optional.ofNullable(s.invitationOfToken.get(tokenHash)).map(s.invitations::get);
        }

        @Override
        public Optional<Invitation> pendingInvitation(AccountId organizationId, EmailAddress email) {
            return s.pendingByAccount.getOrDefault(organizationId, Collections.emptyNavigableMap()).values().stream()
                    .filter(invitation -> invitation.email().equals(email))
                    .findFirst();
        }

        @Override
        public List<Invitation> pendingInvitations(AccountId organizationId, Optional<InvitationId> after, int limit) {
            NavigableMap<InvitationId, Invitation> all =
                    s.pendingByAccount.getOrDefault(organizationId, Collections.emptyNavigableMap());
            return first(after.map(key -> all.tailMap(key, false)).orElse(all), limit);
        }

        @Override
        public Optional<AccountId> activeAccount(UserId userId) {
            return Optional.ofNullable(s.active.get(userId));
        }

        @Override
        public Optional<SupportRequest> supportRequest(SupportRequestId id) {
            return Optional.ofNullable(s.supportRequests.get(id));
        }

        @Override
        public Optional<SupportRequest> pendingSupportRequest(AccountId organizationId, UserId targetUserId,
                SupportAction action) {
            return Optional.ofNullable(s.pendingSupport.get(new PendingKey(organizationId, targetUserId, action)))
                    .map(s.supportRequests::get);
        }

        @Override
        public List<SupportRequest> supportRequests(SupportRequestStatus status, Instant now,
                Optional<SupportRequestId> after, int limit) {
            List<SupportRequest> found = new ArrayList<>();
            if (status == SupportRequestStatus.EXPIRED) {
                found.addAll(first(stored(SupportRequestStatus.EXPIRED, after), limit));
                found.addAll(first(stored(SupportRequestStatus.PENDING, after), limit, r -> r.isExpiredAt(now)));
                found.sort(Comparator.comparing(SupportRequest::id));
                return found.size() > limit ? List.copyOf(found.subList(0, limit)) : found;
            }
            if (status == SupportRequestStatus.PENDING) {
                return first(stored(status, after), limit, r -> !r.isExpiredAt(now));
            }
            return first(stored(status, after), limit);
        }

        private NavigableMap<SupportRequestId, SupportRequest> stored(SupportRequestStatus status,
                Optional<SupportRequestId> after) {
            NavigableMap<SupportRequestId, SupportRequest> all =
                    s.supportByStatus.getOrDefault(status, Collections.emptyNavigableMap());
            return after.map(key -> all.tailMap(key, false)).orElse(all);
        }

        @Override
        public List<AuditEvent> auditEvents(AccountId accountId, AuditQuery query, Optional<String> before, int limit) {
            NavigableMap<String, AuditEvent> all =
                    s.audit.getOrDefault(accountId, Collections.emptyNavigableMap()).descendingMap();
            return first(before.map(key -> all.tailMap(key, false)).orElse(all), limit, query::matches);
        }

        @Override
        public Optional<DeliveryRecord> delivery(InvitationId invitationId) {
            return Optional.ofNullable(s.deliveries.get(invitationId));
        }

        @Override
        public List<DeliveryRecord> dueDeliveries(Instant now, int limit) {
            return s.deliveries.values().stream()
                    .filter(delivery -> delivery.isClaimableAt(now))
                    .sorted(Comparator.comparing(DeliveryRecord::nextAttemptAt)
                            .thenComparing(DeliveryRecord::invitationId))
                    .limit(limit)
                    .toList();
        }

        private static <V> List<V> first(NavigableMap<?, V> map, int limit) {
            return first(map, limit, value -> true);
        }

        private static <V> List<V> first(NavigableMap<?, V> map, int limit, Predicate<V> keep) {
            List<V> page = new ArrayList<>(Math.min(limit, map.size()));
            for (V value : map.values()) {
                if (page.size() == limit) {
                    break;
                }
                if (keep.test(value)) {
                    page.add(value);
                }
            }
            return page;
        }

        // ---- writes ----

        @Override
        public Optional<Account> lockAccount(AccountId id) {
            writable();
            // The storage's write lock already serializes every write transaction.
            return account(id);
        }

        @Override
        public boolean insertPersonalAccount(PersonalAccount account) {
            writable();
            if (s.personalByOwner.containsKey(account.owner())) {
                return false;
            }
            requireNewAccount(account.id());
            put(s.accounts, account.id(), account);
            put(s.personalByOwner, account.owner(), account.id());
            return true;
        }

        @Override
        public void insertOrganization(Organization organization) {
            writable();
            requireNewAccount(organization.id());
            put(s.accounts, organization.id(), organization);
        }

        private void requireNewAccount(AccountId id) {
            if (s.accounts.containsKey(id)) {
                throw new StorageException("duplicate account id " + id);
            }
        }

        @Override
        public boolean updateOrganization(Organization updated, long expectedVersion) {
            writable();
            if (!(s.accounts.get(updated.id()) instanceof Organization current) || current.version() != expectedVersion) {
                return false;
            }
            put(s.accounts, updated.id(), updated);
            return true;
        }

        @Override
        public void insertMembership(Membership membership) {
            writable();
            if (membership(membership.organizationId(), membership.userId()).isPresent()) {
                throw new StorageException("duplicate membership of " + membership.userId()
                        + " in " + membership.organizationId());
            }
            putMembership(membership);
        }

        private void putMembership(Membership membership) {
            put(tree(s.members, membership.organizationId()), membership.userId(), membership);
            put(hash(s.membershipsByUser, membership.userId()), membership.organizationId(), membership);
        }

        @Override
        public void updateRole(AccountId organizationId, UserId userId, Role role) {
            writable();
            membership(organizationId, userId).ifPresent(m -> putMembership(m.withRole(role)));
        }

        @Override
        public boolean deleteMembership(AccountId organizationId, UserId userId) {
            writable();
            if (membership(organizationId, userId).isEmpty()) {
                return false;
            }
            remove(s.members.get(organizationId), userId);
            remove(s.membershipsByUser.get(userId), organizationId);
            return true;
        }

        @Override
        public void insertInvitation(Invitation invitation, SecretHash tokenHash) {
            writable();
            if (s.invitations.containsKey(invitation.id()) || s.invitationOfToken.containsKey(tokenHash)) {
                throw new StorageException("duplicate invitation id or token hash");
            }
            if (invitation.status() == InvitationStatus.PENDING
                    && pendingInvitation(invitation.organizationId(), invitation.email()).isPresent()) {
                throw new StorageException("a pending invitation of this email already exists");
            }
            put(s.invitations, invitation.id(), invitation);
            put(s.tokenOfInvitation, invitation.id(), tokenHash);
            put(s.invitationOfToken, tokenHash, invitation.id());
            indexPending(invitation);
        }

        private void indexPending(Invitation invitation) {
            NavigableMap<InvitationId, Invitation> pending = tree(s.pendingByAccount, invitation.organizationId());
            if (invitation.status() == InvitationStatus.PENDING) {
                put(pending, invitation.id(), invitation);
            } else {
                remove(pending, invitation.id());
            }
        }

        @Override
        public boolean updateInvitationStatus(Invitation invitation, InvitationStatus from, InvitationStatus to) {
            writable();
            Invitation current = s.invitations.get(invitation.id());
            if (current == null || current.status() != from) {
                return false;
            }
            Invitation updated = current.withStatus(to);
            put(s.invitations, updated.id(), updated);
            indexPending(updated);
            return true;
        }

        @Override
        public void replaceInvitationToken(InvitationId id, SecretHash tokenHash) {
            writable();
            SecretHash previous = s.tokenOfInvitation.get(id);
            if (previous == null || previous.equals(tokenHash)) {
                return;
            }
            if (s.invitationOfToken.containsKey(tokenHash)) {
                throw new StorageException("duplicate invitation token hash");
            }
            remove(s.invitationOfToken, previous);
            put(s.invitationOfToken, tokenHash, id);
            put(s.tokenOfInvitation, id, tokenHash);
        }

        @Override
        public void updateInvitationExpiry(InvitationId id, Instant expiresAt) {
            writable();
            Invitation current = s.invitations.get(id);
            if (current != null) {
                Invitation updated = current.withExpiresAt(expiresAt);
                put(s.invitations, id, updated);
                indexPending(updated);
            }
        }

        @Override
        public void putDelivery(DeliveryRecord delivery) {
            writable();
            put(s.deliveries, delivery.invitationId(), delivery);
        }

        @Override
        public boolean claimDelivery(InvitationId invitationId, String claimId, Instant now, Instant claimedUntil) {
            writable();
            DeliveryRecord current = s.deliveries.get(invitationId);
            if (current == null || !current.isClaimableAt(now)) {
                return false;
            }
            put(s.deliveries, invitationId, current.claimed(claimId, now, claimedUntil));
            return true;
        }

        @Override
        public boolean settleDelivery(DeliveryRecord settled, String claimId) {
            writable();
            DeliveryRecord current = s.deliveries.get(settled.invitationId());
            if (current == null || !current.claimId().equals(Optional.of(claimId))) {
                return false;
            }
            put(s.deliveries, settled.invitationId(), settled);
            return true;
        }

        @Override
        public void appendAudit(AuditEvent event) {
            writable();
            NavigableMap<String, AuditEvent> trail = tree(s.audit, event.accountId());
            if (trail.containsKey(event.id())) {
                throw new StorageException("duplicate audit event id " + event.id());
            }
            put(trail, event.id(), event);
        }

        @Override
        public void insertSupportRequest(SupportRequest request) {
            writable();
            if (s.supportRequests.containsKey(request.id())) {
                throw new StorageException("duplicate support request id " + request.id());
            }
            if (request.status() == SupportRequestStatus.PENDING && s.pendingSupport.containsKey(PendingKey.of(request))) {
                throw new StorageException("a pending support request for this target and action already exists");
            }
            put(s.supportRequests, request.id(), request);
            indexSupport(null, request);
        }

        @Override
        public boolean updateSupportRequest(SupportRequest updated, SupportRequestStatus from) {
            writable();
            SupportRequest current = s.supportRequests.get(updated.id());
            if (current == null || current.status() != from) {
                return false;
            }
            if (updated.status() == SupportRequestStatus.PENDING && from != SupportRequestStatus.PENDING
                    && s.pendingSupport.containsKey(PendingKey.of(updated))) {
                throw new StorageException("a pending support request for this target and action already exists");
            }
            put(s.supportRequests, updated.id(), updated);
            indexSupport(current, updated);
            return true;
        }

        private void indexSupport(@Nullable SupportRequest previous, SupportRequest request) {
            if (previous != null) {
                remove(tree(s.supportByStatus, previous.status()), previous.id());
                if (previous.status() == SupportRequestStatus.PENDING) {
                    remove(s.pendingSupport, PendingKey.of(previous));
                }
            }
            put(tree(s.supportByStatus, request.status()), request.id(), request);
            if (request.status() == SupportRequestStatus.PENDING) {
                put(s.pendingSupport, PendingKey.of(request), request.id());
            }
        }

        @Override
        public void setActiveAccount(UserId userId, Optional<AccountId> accountId) {
            writable();
            if (accountId.isPresent()) {
                put(s.active, userId, accountId.get());
            } else {
                remove(s.active, userId);
            }
        }

        // ---- API keys ----

        @Override
        public Optional<ApiKey> apiKey(ApiKeyId id) {
            return Optional.ofNullable(s.apiKeys.get(id)).map(ApiKeyRecord::apiKey);
        }

        @Override
        public Optional<ApiKeyRecord> apiKeyByHash(SecretHash hash) {
            return Optional.ofNullable(s.keyOfHash.get(hash)).map(s.apiKeys::get);
        }

        @Override
        public List<ApiKey> apiKeys(AccountId accountId, Optional<ApiKeyId> after, int limit) {
            NavigableMap<ApiKeyId, ApiKeyId> all = s.keysByAccount.getOrDefault(accountId, Collections.emptyNavigableMap());
            return first(after.map(key -> all.tailMap(key, false)).orElse(all), limit).stream()
                    .map(id -> s.apiKeys.get(id).apiKey())
                    .toList();
        }

        @Override
        public List<KeyUsage> keyUsage(AccountId accountId, LocalDate from, LocalDate to) {
            List<KeyUsage> rows = new ArrayList<>();
            s.usage.getOrDefault(accountId, Collections.emptyNavigableMap()).subMap(from, true, to, true)
                    .forEach((day, keys) -> keys.forEach((keyId, requests) ->
                            rows.add(new KeyUsage(keyId, day, requests))));
            return rows;
        }

        @Override
        public void insertApiKey(ApiKey key, SecretHash hash) {
            writable();
            if (s.apiKeys.containsKey(key.id()) || s.keyOfHash.containsKey(hash)) {
                throw new StorageException("duplicate API key id or hash");
            }
            put(s.keyOfHash, hash, key.id());
            put(tree(s.keysByAccount, key.accountId()), key.id(), key.id());
            putKey(new ApiKeyRecord(key, hash));
        }

        @Override
        public boolean revokeApiKey(ApiKeyId id, Instant at) {
            writable();
            ApiKeyRecord current = s.apiKeys.get(id);
            if (current == null || current.apiKey().isRevoked()) {
                return false;
            }
            putKey(new ApiKeyRecord(current.apiKey().withRevokedAt(at), current.hash()));
            return true;
        }

        @Override
        public boolean markApiKeyRolled(ApiKeyId id, ApiKeyId successor, Instant expiresAt) {
            writable();
            ApiKeyRecord current = s.apiKeys.get(id);
            if (current == null || current.apiKey().rolledTo().isPresent()) {
                return false;
            }
            putKey(new ApiKeyRecord(current.apiKey().rolledTo(successor, expiresAt), current.hash()));
            return true;
        }

        @Override
        public void addUsage(List<UsageIncrement> batch) {
            writable();
            for (UsageIncrement increment : batch) {
                ApiKeyRecord current = s.apiKeys.get(increment.keyId());
                if (current == null) {
                    continue;
                }
                NavigableMap<ApiKeyId, Long> day = tree(tree(s.usage, current.apiKey().accountId()), increment.day());
                put(day, increment.keyId(), day.getOrDefault(increment.keyId(), 0L) + increment.requests());
                putKey(new ApiKeyRecord(current.apiKey().withLastUsedAt(increment.lastUsedAt()), current.hash()));
            }
        }

        /** Stores the key, and publishes it to the lock-free index once (and only if) the transaction commits. */
        private void putKey(ApiKeyRecord record) {
            put(s.apiKeys, record.apiKey().id(), record);
            ApiKeyId id = record.apiKey().id();
            onCommit.add(() -> s.committedKeysByHash.put(record.hash(), s.apiKeys.get(id)));
        }
    }
}
