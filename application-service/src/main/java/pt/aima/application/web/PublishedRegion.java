package pt.aima.application.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;
import java.util.stream.Collectors;
import pt.aima.kernel.application.Region;

/**
 * A region code from the published list ({@link Region}: the 18 districts, ACORES and MADEIRA, exactly as written
 * there). Taken as text rather than as the enum, so that an unknown code is a 400 naming the field, like any other bad
 * field, not an unreadable body. Null is left to {@code @NotNull}.
 */
@Documented
@Constraint(validatedBy = PublishedRegion.Check.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@interface PublishedRegion {

    /** The published list is named in the message by the check itself, from {@link Region}. */
    String message() default "must be a region of the published list";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<PublishedRegion, String> {

        private static final String LIST =
                Arrays.stream(Region.values()).map(Region::name).collect(Collectors.joining(", "));

        @Override
        public boolean isValid(String code, ConstraintValidatorContext context) {
            if (code == null || Region.fromCode(code).isPresent()) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate() + ": " + LIST)
                    .addConstraintViolation();
            return false;
        }
    }
}
