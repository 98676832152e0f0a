package cn.ankang.bangfu.shared.values;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Pattern;

/**
 * A mainland mobile phone number: eleven digits starting with 1.
 */
@Documented
@Pattern(regexp = "1[0-9]{10}")
@Constraint(validatedBy = {})
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
@jakarta.validation.ReportAsSingleViolation
public @interface MobilePhone {

	String message() default "{bangfu.MobilePhone.message}";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
