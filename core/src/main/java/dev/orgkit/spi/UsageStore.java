package dev.orgkit.spi;

import java.time.Instant;

/**
 * The reads and writes of API-key usage in a read-write transaction. Obtained from
 * {@link WriteTransaction#usage()}. Usage is written in batches by the usage flusher, never on the
 * verification path.
 *
 * @since 0.2.0
 */
public interface UsageStore extends UsageReads {

    /**
     * Applies the batch at most once. If no batch with its id was applied, records the id with
     * {@code appliedAt} and, in the same transaction, adds each increment to the stored usage of its
     * (key, day) and moves the key's last-used time forward to the increment's {@code lastUsedAt} if
     * that is later; returns {@code true}. If a batch with this id was applied (and its id not
     * forgotten yet), changes nothing and returns {@code false}. Increments of unknown keys are
     * ignored. Safe when several JVMs add to the same (key, day) at once: no increment is lost; and
     * when a write of the same batch is still in flight in another transaction (a commit whose
     * outcome the client never heard), the storage waits for it rather than counting twice.
     */
    boolean add(UsageBatch batch, Instant appliedAt);

    /**
     * Forgets the ids of batches applied before {@code appliedBefore}, so that the record of applied
     * batches stays bounded; returns how many it forgot. The usage flusher calls it about once an
     * hour with a time seven days in the past: a batch retried later than that would count twice.
     */
    int forgetBatchesAppliedBefore(Instant appliedBefore);
}
