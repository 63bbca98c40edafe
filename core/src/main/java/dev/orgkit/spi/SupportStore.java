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
     * Records the decision of the stored request with {@code updated}'s id and organization: its status
     * and decision fields ({@code decidedBy}, {@code decidedAt}, {@code ticket}, {@code why}), if its
     * stored status is still {@code from}: the single conditional update that decides a request at most
     * once. The other fields never change. Returns whether it recorded it.
     */
    boolean update(SupportRequest updated, SupportRequestStatus from);
}
