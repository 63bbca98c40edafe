package dev.orgkit.examples.webapp.audit;

import dev.orgkit.audit.Actor;
import dev.orgkit.audit.AuditAction;
import dev.orgkit.audit.AuditQuery;
import dev.orgkit.examples.webapp.web.Forms;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.ui.Model;

/**
 * The audit trail's filters as typed: an action, a kind of actor, and a range of days (UTC).
 *
 * @param action an {@link AuditAction} name, or empty for every action
 * @param actor {@code USER}, {@code SUPPORT} or {@code SYSTEM}, or empty for anyone
 * @param from the first day, as {@code YYYY-MM-DD}
 * @param until the last day, inclusive
 */
public record AuditFilter(@Nullable String action, @Nullable String actor, @Nullable String from,
        @Nullable String until) {

    /** The query these filters ask for, or empty with each wrong field's message in the model. */
    Optional<AuditQuery> toQuery(Model model) {
        AuditQuery query = AuditQuery.all();
        if (present(action)) {
            try {
                query = query.withActions(AuditAction.valueOf(action));
            } catch (IllegalArgumentException unknown) {
                Forms.fieldError(model, "action", "Choose an action from the list");
            }
        }
        if (present(actor)) {
            try {
                query = query.withActorKind(Actor.Kind.valueOf(actor));
            } catch (IllegalArgumentException unknown) {
                Forms.fieldError(model, "actor", "Choose who acted from the list");
            }
        }
        Optional<LocalDate> first = day(from, "from", model);
        Optional<LocalDate> last = day(until, "until", model);
        if (first.isPresent() || last.isPresent()) {
            LocalDate start = first.orElse(LocalDate.of(2000, 1, 1));
            LocalDate end = last.orElse(LocalDate.of(9999, 12, 30));
            if (end.isBefore(start)) {
                Forms.fieldError(model, "until", "Must be on or after the first day");
            } else {
                query = query.between(start.atStartOfDay().toInstant(ZoneOffset.UTC),
                        end.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
            }
        }
        return Forms.hasErrors(model) ? Optional.empty() : Optional.of(query);
    }

    private static Optional<LocalDate> day(@Nullable String typed, String field, Model model) {
        if (!present(typed)) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(typed.strip()));
        } catch (DateTimeParseException notADay) {
            Forms.fieldError(model, field, "Enter a day as YYYY-MM-DD");
            return Optional.empty();
        }
    }

    private static boolean present(@Nullable String value) {
        return value != null && !value.isBlank();
    }
}
