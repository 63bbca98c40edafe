/**
 * Support requests: an admin asks support to demote or remove an admin, and a support agent
 * approves or rejects the request citing a ticket; agents also act directly, with a ticket.
 * Service: {@link dev.orgkit.support.Support}.
 */
@NullMarked
package dev.orgkit.support;

import org.jspecify.annotations.NullMarked;
