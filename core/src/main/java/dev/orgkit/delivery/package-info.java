/**
 * Delivery of invitation mails through an outbox: every invitation has a delivery record written in
 * its transaction, dispatched after commit and retried with backoff until sent or given up.
 * Service: {@link dev.orgkit.delivery.Deliveries}.
 */
@NullMarked
package dev.orgkit.delivery;

import org.jspecify.annotations.NullMarked;
