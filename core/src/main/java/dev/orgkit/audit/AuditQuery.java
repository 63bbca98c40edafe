package dev.orgkit.audit;

import dev.orgkit.internal.Check;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Which events of an account's audit trail to list: by action, by actor, and by time. Every part is
 * optional; {@link #all()} matches every event. Immutable; the {@code with...} methods return copies.
 *
 * <pre>{@code
 * AuditQuery q = AuditQuery.all()
 *     .withActions(AuditAction.MEMBER_REMOVED, AuditAction.MEMBER_LEFT)
 *     .withActorKind(Actor.Kind.SUPPORT)
 *     .between(monday, friday);
 * }</pre>
 *
 * @param actions the actions to keep; empty keeps every action
 * @param actorKind only events by this kind of actor
 * @param actorId only events by the actor with this id (a user id, an agent id)
 * @param from only events at or after this instant (inclusive; from year 1000 to 9999)
 * @param until only events before this instant (exclusive; from year 1000 to 9999)
 * @since 0.1.0
 */
public record AuditQuery(
        Set<AuditAction> actions, Optional<Actor.Kind> actorKind, Optional<String> actorId,
        Optional<Instant> from, Optional<Instant> until) {

    /** Copies the actions and validates the actor id and the time range. */
    public AuditQuery {
        Check.notNull("actions", actions, "actorKind", actorKind, "actorId", actorId, "from", from, "until", until);
        for (AuditAction action : actions) {
            Check.notNull("actions[]", action);
        }
        actions = actions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(actions));
        var check = new Check();
        actorId.ifPresent(id -> check.add("actorId", Check.identifierProblem(id, 128)));
        from.ifPresent(at -> check.add("from", Check.instantProblem(at)));
        until.ifPresent(at -> check.add("until", Check.instantProblem(at)));
        if (from.isPresent() && until.isPresent() && !from.get().isBefore(until.get())) {
            check.add("until", "must be after from");
        }
        check.throwIfAny();
    }

    /** Every event. */
    public static AuditQuery all() {
        return new AuditQuery(Set.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** This query keeping only these actions. */
    public AuditQuery withActions(AuditAction... kept) {
        Check.notNull("actions", kept);
        return new AuditQuery(Set.copyOf(Arrays.asList(kept)), actorKind, actorId, from, until);
    }

    /** This query keeping only events by this kind of actor. */
    public AuditQuery withActorKind(Actor.Kind kind) {
        Check.notNull("actorKind", kind);
        return new AuditQuery(actions, Optional.of(kind), actorId, from, until);
    }

    /** This query keeping only events by the actor with this id. */
    public AuditQuery withActorId(String id) {
        Check.notNull("actorId", id);
        return new AuditQuery(actions, actorKind, Optional.of(id), from, until);
    }

    /** This query keeping only events at or after {@code start} and before {@code end}. */
    public AuditQuery between(Instant start, Instant end) {
        Check.notNull("from", start, "until", end);
        return new AuditQuery(actions, actorKind, actorId, Optional.of(start), Optional.of(end));
    }

    /** Whether {@code event} matches every part of this query. */
    public boolean matches(AuditEvent event) {
        return (actions.isEmpty() || actions.contains(event.action()))
                && actorKind.map(kind -> kind == event.actor().kind()).orElse(true)
                && actorId.map(id -> id.equals(event.actor().id())).orElse(true)
                && from.map(start -> !event.at().isBefore(start)).orElse(true)
                && until.map(end -> event.at().isBefore(end)).orElse(true);
    }
}
