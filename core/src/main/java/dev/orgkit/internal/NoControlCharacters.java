package dev.orgkit.internal;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * The annotated text contains no control characters (no line breaks, tabs, escapes) and no unpaired
 * surrogate characters (broken UTF-16). Null is valid.
 */
@Documented
@Constraint(validatedBy = NoControlCharacters.Validator.class)
@Target({FIELD, METHOD, PARAMETER})
@Retention(RUNTIME)
public @interface NoControlCharacters {
    /** The message of a violation. */
    String message() default "must not contain control characters";

    /** Validation groups. */
    Class<?>[] groups() default {};

    /** Payload. */
    Class<? extends Payload>[] payload() default {};

    /** Checks the text. */
    final class Validator implements ConstraintValidator<NoControlCharacters, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null || Check.hasControlCharacter(value)) {
                return value == null;
            }
            if (Check.hasLoneSurrogate(value)) {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate(Check.LONE_SURROGATE).addConstraintViolation();
                return false;
            }
            return true;
        }
    }
}
