package dev.orgkit.spring.boot.autoconfigure;

import dev.orgkit.audit.AuditEvent;
import java.util.Objects;

/**
 * One of orgkit's changes, published as a Spring application event once the transaction that made it
 * has committed, on the thread that ran the command: listen with
 * {@code @EventListener void on(OrgKitEvent event)}. The audit trail is the durable record; these
 * events are not retried.
 *
 * @param event the audit event of the change (holds no secret)
 * @since 0.2.0
 */
public record OrgKitEvent(AuditEvent event) {
    /** Rejects a missing event. */
    public OrgKitEvent {
        Objects.requireNonNull(event, "event");
    }
}
