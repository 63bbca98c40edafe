package dev.orgkit.spi;

import java.util.Optional;
import java.util.function.Function;

/**
 * Where orgkit keeps its state: a unit of work. Each command of the services runs in one
 * {@link #write} transaction and checks its rules against state read inside it; each query runs
 * in one {@link #read} transaction.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>Thread-safe: any number of threads call {@code read} and {@code write} at once.</li>
 *   <li>Atomic: if {@code work} returns, everything it wrote is committed; if it throws,
 *       nothing it wrote is visible, ever, and the exception propagates unchanged (an
 *       {@link dev.orgkit.OrgKitException} as it is; a storage failure as a
 *       {@link dev.orgkit.StorageException} with the cause). A storage whose commit itself fails
 *       (the connection died during {@code COMMIT}) cannot know whether it committed; its
 *       exception says that the outcome is unknown. orgkit's writes that may be retried (the usage
 *       flush) are idempotent for this reason.</li>
 *   <li>Serialized per account: {@link AccountStore#lock} holds the account until the
 *       transaction ends, so two commands on one account never interleave, even from several JVMs
 *       sharing one database.</li>
 *   <li>Isolated: a transaction never sees another's uncommitted writes.</li>
 *   <li>{@code work} may run only once; storages do not retry it.</li>
 * </ul>
 *
 * <p>The {@code spi-tck} module holds this contract as tests; every storage passes them.
 *
 * @since 0.1.0
 */
public interface Storage {

    /** Runs {@code work} in a read-only transaction and returns what it returns. */
    <T> T read(Function<? super ReadTransaction, ? extends T> work);

    /** Runs {@code work} in a read-write transaction, committed if it returns, rolled back if it throws. */
    <T> T write(Function<? super WriteTransaction, ? extends T> work);

    /**
     * The API key whose secret has this SHA-256: the lookup of {@code verify}, on every API call.
     * One consistent read of committed state, with no unit of work required; it must reflect every
     * write transaction that committed before it started on this instance (a revoked key answers
     * revoked at once). The default runs {@link ApiKeyReads#findByHash} in a {@link #read};
     * storages override it with something cheaper (an index published on commit, a cache that
     * their own writes invalidate).
     */
    default Optional<ApiKeyRecord> apiKeyByHash(SecretHash hash) {
        return read(tx -> tx.apiKeys().findByHash(hash));
    }
}
