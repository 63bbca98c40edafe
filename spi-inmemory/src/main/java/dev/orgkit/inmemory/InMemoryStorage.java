package dev.orgkit.inmemory;

import dev.orgkit.OrgKitException;
import dev.orgkit.StorageException;
import dev.orgkit.spi.ApiKeyRecord;
import dev.orgkit.spi.ReadTransaction;
import dev.orgkit.spi.SecretHash;
import dev.orgkit.spi.Storage;
import dev.orgkit.spi.WriteTransaction;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

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
    private final Tables tables = new Tables();

    private InMemoryStorage() {}

    /** A new, empty storage. */
    public static InMemoryStorage create() {
        return new InMemoryStorage();
    }

    @Override
    public <T> T read(Function<? super ReadTransaction, ? extends T> work) {
        lock.readLock().lock();
        try {
            return work.apply(new InMemoryTransaction(tables, Journal.READ_ONLY));
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public <T> T write(Function<? super WriteTransaction, ? extends T> work) {
        lock.writeLock().lock();
        Journal journal = Journal.forWrites();
        try {
            T result = work.apply(new InMemoryTransaction(tables, journal));
            journal.commit();
            return result;
        } catch (OrgKitException e) {
            journal.rollBack();
            throw e;
        } catch (RuntimeException e) {
            journal.rollBack();
            throw new StorageException("the in-memory transaction failed and was rolled back", e);
        } catch (Error e) {
            journal.rollBack();
            throw e;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * The key whose secret has this hash, from an index that holds committed keys only: no lock,
     * one {@link java.util.concurrent.ConcurrentHashMap} read. A revocation is in it once
     * {@code write} has returned.
     */
    @Override
    public Optional<ApiKeyRecord> apiKeyByHash(SecretHash hash) {
        return tables.apiKeys.committed(hash);
    }

    /** Every feature's tables: the whole state, guarded by the storage's lock (but for the committed-key index). */
    static final class Tables {
        final InMemoryAccountStore.State accounts = new InMemoryAccountStore.State();
        final InMemoryMemberStore.State members = new InMemoryMemberStore.State();
        final InMemoryInvitationStore.State invitations = new InMemoryInvitationStore.State();
        final InMemoryDeliveryStore.State deliveries = new InMemoryDeliveryStore.State();
        final InMemoryApiKeyStore.State apiKeys = new InMemoryApiKeyStore.State();
        final InMemoryUsageStore.State usage = new InMemoryUsageStore.State();
        final InMemorySupportStore.State support = new InMemorySupportStore.State();
        final InMemoryAuditStore.State audit = new InMemoryAuditStore.State();
        final InMemoryPlanStore.State plans = new InMemoryPlanStore.State();
        final InMemoryNoticeStore.State notices = new InMemoryNoticeStore.State();
    }
}
