package dev.orgkit;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The input of a command was invalid; nothing reached the storage. {@link #violations()} lists
 * every violation, not only the first.
 *
 * @since 0.1.0
 */
public class InvalidInputException extends OrgKitException {
    private static final long serialVersionUID = 1L;

    private final transient List<Violation> violations;

    /** Creates the exception for one or more violations. */
    public InvalidInputException(List<Violation> violations) {
        super(describe(violations));
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an InvalidInputException needs at least one violation");
        }
        this.violations = List.copyOf(violations);
    }

    /** Every violation found in the input, in a stable order. */
    public List<Violation> violations() {
        return violations;
    }

    private static String describe(List<Violation> violations) {
        return "invalid input: " + violations.stream()
                .map(v -> v.field() + " " + v.message())
                .collect(Collectors.joining("; "));
    }

    /**
     * One field that failed validation. The rejected value is deliberately absent: it may be a secret.
     *
     * @param field the parameter or property path, such as {@code accountName}
     * @param message what is wrong with it, such as {@code must not be blank}
     */
    public record Violation(String field, String message) {}
}
