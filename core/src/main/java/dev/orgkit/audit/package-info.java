/**
 * The audit trail: one event per change, written in the same transaction as the change.
 * Service: {@link dev.orgkit.audit.AuditTrail}.
 */
@NullMarked
package dev.orgkit.audit;

import org.jspecify.annotations.NullMarked;
