package dev.orgkit.invitation;

import dev.orgkit.internal.Check;
import java.util.List;

/**
 * The result of {@code kit.members().inviteAll}: one outcome per row, in the order of the rows. The
 * invited rows were committed together, in one transaction; their mails go out after it.
 *
 * <pre>{@code
 * BulkInvitation bulk = kit.members().inviteAll(ana, org.id(), rows);
 * List<Invitation> sent = bulk.invitations();               // the rows that were invited
 * long refused = bulk.outcomes().stream().filter(o -> !o.isInvited()).count();
 * }</pre>
 *
 * @param outcomes one outcome per row of the request, in its order
 * @since 0.2.0
 */
public record BulkInvitation(List<InviteOutcome> outcomes) {
    /** Rejects a missing list; copies it. */
    public BulkInvitation {
        Check.notNull("outcomes", outcomes);
        outcomes = List.copyOf(outcomes);
    }

    /** The invitations made, in the order of their rows. */
    public List<Invitation> invitations() {
        return outcomes.stream().flatMap(outcome -> outcome.invitation().stream()).toList();
    }
}
