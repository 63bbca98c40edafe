package dev.orgkit.internal;

import dev.orgkit.account.AccountId;
import dev.orgkit.plan.Plan;
import dev.orgkit.policy.Decision;
import dev.orgkit.policy.Policy;
import dev.orgkit.spi.ReadTransaction;
import java.time.Instant;
import java.util.OptionalInt;

/**
 * The seats of one organization in one command (R14): its plan's limit and how many seats are used
 * (members plus pending, unexpired invitations), read in the command's transaction under the
 * organization's lock, so that concurrent commands never share out more seats than there are. Without
 * a seat limit nothing is counted. Not thread-safe: one command's.
 */
final class Seats {
    private final OptionalInt limit;
    private long used;

    private Seats(OptionalInt limit, long used) {
        this.limit = limit;
        this.used = used;
    }

    /** The organization's seats now; the caller holds its lock. */
    static Seats of(ReadTransaction tx, AccountId organizationId, Instant now) {
        OptionalInt limit = tx.plans().find(organizationId).map(Plan::seats).orElse(OptionalInt.empty());
        long used = limit.isPresent()
                ? tx.members().count(organizationId) + tx.invitations().countPending(organizationId, now) : 0;
        return new Seats(limit, used);
    }

    /** Whether one more seat is free (a new invitation, or an expired one resent). */
    Decision oneMore() {
        return Policy.seatsAvailable(limit, used, 1);
    }

    /** Counts a seat just taken by a new invitation of this command. */
    void take() {
        used++;
    }

    /** Whether an invitation that holds a seat may become a membership: unless the organization is over its limit. */
    Decision toAccept() {
        return Policy.seatsAvailable(limit, used, 0);
    }
}
