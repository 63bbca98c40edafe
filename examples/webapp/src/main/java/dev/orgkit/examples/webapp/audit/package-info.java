/** The audit trail of an account, with filters by action, actor and date. */
@NullMarked
package dev.orgkit.examples.webapp.audit;

import org.jspecify.annotations.NullMarked;
