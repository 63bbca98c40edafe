package dev.orgkit.spi;

import dev.orgkit.audit.AuditEvent;

/**
 * Hears every change, after it is committed: for webhooks, caches or search indexes. Register it
 * with {@code OrgKit.builder().eventListener(listener)}; several may be registered.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>Called after the transaction of a command committed, on the thread that ran the command,
 *       with exactly the audit events that transaction wrote, in the order it wrote them; never for
 *       a command that was refused or rolled back.</li>
 *   <li>Listeners are called in the order they were registered. An exception a listener throws is
 *       logged (the listener's class, the event's id and action, and the exception's class; never
 *       its message) and neither undoes the command nor stops the other listeners.</li>
 *   <li>Not retried and not persisted: if the JVM stops between the commit and the call, the event
 *       is not delivered; the audit trail ({@code kit.audit()}) is the durable record.</li>
 *   <li>Must be thread-safe, should be quick (it runs before the command returns), and must not
 *       call back into orgkit's commands expecting to run inside the committed transaction.</li>
 * </ul>
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface EventListener {
    /** Handles one committed event. */
    void onEvent(AuditEvent event);
}
