package cn.ankang.bangfu.household;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A risk someone may record: any but {@link RiskType#HEALTH_WITHHELD}, which only marks
 * health data withheld from a reader who may not see it. Recorded, it would stand for an
 * unknown risk in the figures.
 */
@Documented
@Constraint(validatedBy = RecordableRisk.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface RecordableRisk {

	String message() default "{bangfu.RecordableRisk.message}";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** Checks {@link RecordableRisk}. */
	class Validator implements ConstraintValidator<RecordableRisk, RiskType> {

		@Override
		public boolean isValid(RiskType value, ConstraintValidatorContext context) {
			return value != RiskType.HEALTH_WITHHELD;
		}

	}

}
