/** The support console: support agents review the queue of requests and approve or reject each with a ticket. */
@NullMarked
package dev.orgkit.examples.webapp.support;

import org.jspecify.annotations.NullMarked;
