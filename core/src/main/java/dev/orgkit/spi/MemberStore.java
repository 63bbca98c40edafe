package dev.orgkit.spi;

import dev.orgkit.UserId;
import dev.orgkit.account.AccountId;
import dev.orgkit.member.Membership;
import dev.orgkit.member.Role;

/**
 * The reads and writes of memberships in a read-write transaction. Callers hold the organization's
 * lock ({@link AccountStore#lock}). Obtained from {@link WriteTransaction#members()}.
 *
 * @since 0.2.0
 */
public interface MemberStore extends MemberReads {

    /**
     * Inserts a membership. There is at most one per (organization, user), which the storage
     * enforces: a second one throws {@link dev.orgkit.StorageException}.
     */
    void insert(Membership membership);

    /** Changes the role of an existing membership; does nothing if there is none. */
    void updateRole(AccountId organizationId, UserId userId, Role role);

    /** Deletes a membership; returns whether one existed. */
    boolean delete(AccountId organizationId, UserId userId);
}
