package dev.orgkit.spring.boot.autoconfigure.internal;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.jspecify.annotations.Nullable;

/**
 * An invitation link template: an absolute {@code http} or {@code https} URL that contains
 * {@code {token}} and is a valid URI once a token replaces it. Null is valid (the setting is optional
 * until mail is on).
 */
@Documented
@Constraint(validatedBy = InvitationLinkTemplate.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface InvitationLinkTemplate {
    /** What is wrong. Braces are escaped: the message interpolator would read {token} as a parameter. */
    String message() default "must be an absolute http or https URL that contains \\{token\\}, such as"
            + " https://app.example/invitations/\\{token\\}";

    /** Validation groups. */
    Class<?>[] groups() default {};

    /** Payload. */
    Class<? extends Payload>[] payload() default {};

    /** Checks the template. */
    final class Validator implements ConstraintValidator<InvitationLinkTemplate, String> {
        @Override
        public boolean isValid(@Nullable String template, ConstraintValidatorContext context) {
            return template == null || InvitationLinks.problem(template) == null;
        }
    }
}
