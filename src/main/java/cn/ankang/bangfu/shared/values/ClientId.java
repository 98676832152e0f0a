package cn.ankang.bangfu.shared.values;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.UUID;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * An id a client made for a change before it first sent it: a UUID in its usual text
 * form, kept for every resend so that the change counts once.
 */
@Documented
@Constraint(validatedBy = ClientId.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface ClientId {

	String message() default "{bangfu.ClientId.message}";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** Checks {@link ClientId}. */
	class Validator implements ConstraintValidator<ClientId, String> {

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			return value == null || isUuid(value);
		}

		static boolean isUuid(String value) {
			try {
				// the usual form only: UUID.fromString also takes "1-1-1-1-1"
				return UUID.fromString(value).toString().equalsIgnoreCase(value);
			}
			catch (IllegalArgumentException ex) {
				return false;
			}
		}

	}

}
