package dev.orgkit.spi;

import dev.orgkit.EmailAddress;
import dev.orgkit.UserId;
import dev.orgkit.account.AccountId;
import dev.orgkit.member.Membership;
import dev.orgkit.member.Role;
import java.util.List;
import java.util.Optional;

/**
 * The reads of organization memberships. Obtained from {@link ReadTransaction#members()}; valid only
 * inside that transaction. Nothing found is an empty {@code Optional} or an empty list, never null.
 *
 * @since 0.2.0
 */
public interface MemberReads {

    /** The membership of {@code userId} in the organization. */
    Optional<Membership> find(AccountId organizationId, UserId userId);

    /** Whether a member of the organization joined with {@code email}. */
    boolean hasMemberWithEmail(AccountId organizationId, EmailAddress email);

    /**
     * At most {@code limit} memberships of the organization, ordered by user id, starting after
     * {@code after} (exclusive) if given: a keyset page, whose cost does not grow with the number of
     * members before {@code after}.
     */
    List<Membership> list(AccountId organizationId, Optional<UserId> after, int limit);

    /** Every membership of {@code userId}, in any order. A user belongs to few organizations. */
    List<Membership> ofUser(UserId userId);

    /** How many members of the organization have {@code role}. */
    long count(AccountId organizationId, Role role);

    /**
     * How many members the organization has, whatever their role: with {@link InvitationReads#countPending}
     * the seats it uses. One query whose cost grows with the organization's members, not with others'.
     */
    long count(AccountId organizationId);
}
