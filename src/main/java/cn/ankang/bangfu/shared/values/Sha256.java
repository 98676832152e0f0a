package cn.ankang.bangfu.shared.values;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;

/**
 * A photo named by its SHA-256, as the phone computed it before the upload: 64 lower-case
 * hexadecimal digits, the form photos are stored and served under.
 */
@Documented
@Pattern(regexp = "[0-9a-f]{64}")
@Constraint(validatedBy = {})
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
@ReportAsSingleViolation
public @interface Sha256 {

	String message() default "{bangfu.Sha256.message}";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
