package dev.orgkit.internal;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import dev.orgkit.apikey.IpNetwork;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.Optional;

/**
 * The annotated text is an IPv4 or IPv6 network in CIDR notation that {@link IpNetwork#parse}
 * accepts: the same syntax at every entry point. Null is reported as a violation.
 */
@Documented
@Constraint(validatedBy = ValidNetwork.Validator.class)
@Target({FIELD, METHOD, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface ValidNetwork {
    /** The message of a violation, replaced by the precise problem. */
    String message() default "must be an IPv4 or IPv6 network";

    /** Validation groups. */
    Class<?>[] groups() default {};

    /** Payload. */
    Class<? extends Payload>[] payload() default {};

    /** Checks the text with {@link IpNetwork#problem(String)}. */
    final class Validator implements ConstraintValidator<ValidNetwork, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            Optional<String> problem = IpNetwork.problem(value);
            if (problem.isEmpty()) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(problem.get()).addConstraintViolation();
            return false;
        }
    }
}
