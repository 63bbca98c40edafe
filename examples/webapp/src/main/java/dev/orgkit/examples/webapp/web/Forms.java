package dev.orgkit.examples.webapp.web;

import dev.orgkit.AccessDeniedException;
import dev.orgkit.ConflictException;
import dev.orgkit.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.ui.Model;

/**
 * Runs the command a form submits and, when orgkit refuses it, puts what the page shows into the
 * model: each invalid field's message under {@code errors} (keyed by the field's name), or the
 * policy engine's refusal under {@code refusal}. The controller then renders the same page with the
 * user's input, instead of an error page.
 */
public final class Forms {
    /** The model attribute holding field messages. */
    public static final String ERRORS = "errors";
    /** The model attribute holding a refusal. */
    public static final String REFUSAL = "refusal";

    private Forms() {}

    /** Runs {@code command}; its result, or empty if orgkit refused it (then the model says why). */
    public static <T> Optional<T> attempt(Model model, String about, Supplier<T> command) {
        try {
            return Optional.of(command.get());
        } catch (InvalidInputException invalid) {
            Map<String, String> errors = new LinkedHashMap<>();
            invalid.violations().forEach(v -> errors.merge(fieldName(v.field()), sentence(v.message()),
                    (first, second) -> first + " " + second));
            model.addAttribute(ERRORS, errors);
        } catch (AccessDeniedException denied) {
            model.addAttribute(REFUSAL, Refusal.of(about, denied.denial()));
        } catch (ConflictException conflict) {
            model.addAttribute(REFUSAL, Refusal.of(about, conflict.denial()));
        }
        return Optional.empty();
    }

    /** Runs {@code command}; whether it went through (if not, the model says why). */
    public static boolean run(Model model, String about, Runnable command) {
        return attempt(model, about, () -> {
            command.run();
            return Boolean.TRUE;
        }).isPresent();
    }

    /** Adds a field's message, as the app's own checks find them. */
    public static void fieldError(Model model, String field, String message) {
        @SuppressWarnings("unchecked")
        Map<String, String> errors = (Map<String, String>) model.asMap().get(ERRORS);
        if (errors == null) {
            errors = new LinkedHashMap<>();
            model.addAttribute(ERRORS, errors);
        }
        errors.merge(field, sentence(message), (first, second) -> first + " " + second);
    }

    /** Whether the model holds field messages. */
    public static boolean hasErrors(Model model) {
        return model.containsAttribute(ERRORS);
    }

    /** {@code form.legalName} is the form's {@code legalName} field. */
    static String fieldName(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    /** {@code must not be blank} reads {@code Must not be blank.} next to its field. */
    static String sentence(String message) {
        if (message.isEmpty()) {
            return message;
        }
        String capital = Character.toUpperCase(message.charAt(0)) + message.substring(1);
        return capital.endsWith(".") ? capital : capital + ".";
    }
}
