package cn.ankang.bangfu.shared.values;

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
 * A reference to something a phone named by a UUID (a visit), in the UUID's usual text
 * form. The id a client makes for the change it sends is a {@link ClientId}: the same
 * form, another message.
 */
@Documented
@Constraint(validatedBy = Uuid.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface Uuid {

	String message() default "{bangfu.Uuid.message}";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** Checks {@link Uuid}. */
	class Validator implements ConstraintValidator<Uuid, String> {

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			return value == null || ClientId.Validator.isUuid(value);
		}

	}

}
