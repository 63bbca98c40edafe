package dev.orgkit.spi;

import dev.orgkit.support.SupportRequest;
import dev.orgkit.support.SupportRequestStatus;

/**
 * The reads and writes of support requests in a read-write transaction. Callers hold the
 * organization's lock ({@link AccountStore#lock}). Obtained from {@link WriteTransaction#support()}.
 *
 * @since 0.2.0
 */
public interface SupportStore extends SupportReads {

    /**
     * Inserts a support request. Ids are unique; the storage enforces at most one request per
     * (organization, target, action) with the stored status PENDING: a duplicate throws
     * {@link dev.orgkit.StorageException}.
     */
    void insert(SupportRequest request);

    /**
     * Replaces the stored support request with {@code updated} (same id) if its stored status is
     * still {@code from}: the single conditional update that decides a request at most once.
     * Returns whether it replaced it.
     */
    boolean update(SupportRequest updated, SupportRequestStatus from);
}
