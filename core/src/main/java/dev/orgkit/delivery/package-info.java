/**
 * Delivery of orgkit's mails through an outbox: every invitation has a delivery record written in
 * its transaction, and every account notice (usage alert, statement, key expiry notice) a notice
 * record written in the transaction that decided it; both are dispatched after commit and retried
 * with backoff until sent or given up.
 * Service: {@link dev.orgkit.delivery.Deliveries}.
 */
@NullMarked
package dev.orgkit.delivery;

import org.jspecify.annotations.NullMarked;
