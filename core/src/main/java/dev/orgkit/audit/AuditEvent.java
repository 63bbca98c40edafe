package dev.orgkit.audit;

import dev.orgkit.account.AccountId;
import dev.orgkit.internal.Check;
import java.time.Instant;
import java.util.Map;

/**
 * One change to one account: who did what, to what, when, with the values that changed. Never
 * holds a secret.
 *
 * @param id the event's id; ids grow with time within one instance, and the trail lists newest first
 * @param accountId the account that changed
 * @param actor who made the change
 * @param action what the change did
 * @param target what it was done to: a user id, an invitation id, or the account id
 * @param details the relevant values, such as {@code role.before} and {@code role.after}
 * @param at when, by the kit's clock
 * @since 0.1.0
 */
public record AuditEvent(
        String id, AccountId accountId, Actor actor, AuditAction action, String target,
        Map<String, String> details, Instant at) {

    /** Copies the details. */
    public AuditEvent {
        Check.notNull("id", id, "accountId", accountId, "actor", actor, "action", action,
                "target", target, "details", details, "at", at);
        details = Map.copyOf(details);
    }
}
