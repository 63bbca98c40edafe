package dev.orgkit.examples.webapp.support;

import org.jspecify.annotations.Nullable;

/**
 * A support agent's decision as typed: the ticket it is made under, and why, for a rejection.
 *
 * @param ticket the ticket reference, such as {@code SUP-1042}
 * @param why the reason for a rejection
 */
public record DecisionForm(@Nullable String ticket, @Nullable String why) {

    String ticketText() {
        return ticket == null ? "" : ticket.strip();
    }

    String whyText() {
        return why == null ? "" : why.strip();
    }
}
