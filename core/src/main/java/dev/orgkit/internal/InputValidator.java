package dev.orgkit.internal;

import dev.orgkit.InvalidInputException;
import dev.orgkit.InvalidInputException.Violation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.Comparator;
import java.util.List;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.jspecify.annotations.Nullable;

/**
 * Jakarta Validation of input records, with Hibernate Validator built on
 * {@link ParameterMessageInterpolator} so hosts need no Expression Language implementation.
 * Thread-safe.
 */
public final class InputValidator implements AutoCloseable {
    private final ValidatorFactory factory;
    private final Validator validator;

    /** Builds the validator once; it is expensive, so build one per {@code OrgKit}. */
    public InputValidator() {
        this.factory = Validation.byDefaultProvider()
                .configure()
                .messageInterpolator(new ParameterMessageInterpolator())
                .buildValidatorFactory();
        this.validator = factory.getValidator();
    }

    /** The violations of {@code input} (or that it is null), sorted by field then message; empty when it is valid. */
    public List<Violation> violations(String name, @Nullable Object input) {
        if (input == null) {
            return List.of(new Violation(name, "must not be null"));
        }
        return validator.validate(input).stream()
                .map(v -> new Violation(name + "." + v.getPropertyPath(), v.getMessage()))
                .sorted(Comparator.comparing(Violation::field).thenComparing(Violation::message))
                .toList();
    }

    /** Throws an {@link InvalidInputException} listing every violation of {@code input}. */
    public void validate(String name, Object input) {
        if (input == null) {
            throw new InvalidInputException(List.of(new Violation(name, "must not be null")));
        }
        new Check().addAll(violations(name, input)).throwIfAny();
    }

    @Override
    public void close() {
        factory.close();
    }
}
