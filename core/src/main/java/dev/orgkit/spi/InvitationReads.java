package dev.orgkit.spi;

import dev.orgkit.EmailAddress;
import dev.orgkit.account.AccountId;
import dev.orgkit.invitation.Invitation;
import dev.orgkit.invitation.InvitationId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The reads of invitations. Obtained from {@link ReadTransaction#invitations()}; valid only inside
 * that transaction. Nothing found is an empty {@code Optional} or an empty list, never null.
 *
 * @since 0.2.0
 */
public interface InvitationReads {

    /** The invitation with this id. */
    Optional<Invitation> find(InvitationId id);

    /** The invitation whose current token has this hash; an older token of it finds nothing. */
    Optional<Invitation> findByTokenHash(SecretHash tokenHash);

    /** The invitation of {@code email} to the organization whose stored status is PENDING, expired or not. */
    Optional<Invitation> pending(AccountId organizationId, EmailAddress email);

    /**
     * How many invitations of the organization have the stored status PENDING and expire after
     * {@code now} (those that can still be accepted, each holding a seat). One query whose cost grows
     * with the organization's pending invitations, not with others'.
     */
    long countPending(AccountId organizationId, Instant now);

    /**
     * At most {@code limit} invitations of the organization whose stored status is PENDING, ordered
     * by id, starting after {@code after} (exclusive) if given: a keyset page.
     */
    List<Invitation> listPending(AccountId organizationId, Optional<InvitationId> after, int limit);
}
