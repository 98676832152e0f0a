package cn.ankang.bangfu.shared.values;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.math.BigDecimal;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * An amount of yuan: exact to the fen (at most two decimals), above zero unless
 * {@code zero} allows it, and at most {@code max} yuan, so that a slip of the keyboard
 * (ten zeros too many) is refused rather than summed into a leader's figure.
 */
@Documented
@Constraint(validatedBy = Amount.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface Amount {

	/** The largest amount accepted, in yuan. */
	long max();

	/** Whether zero is an amount here. */
	boolean zero() default false;

	/** The message of an amount that must be above zero. */
	String MESSAGE = "{bangfu.Amount.message}";

	String message() default MESSAGE;

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** Checks {@link Amount}. */
	class Validator implements ConstraintValidator<Amount, BigDecimal> {

		private Amount amount;

		@Override
		public void initialize(Amount amount) {
			this.amount = amount;
		}

		@Override
		public boolean isValid(BigDecimal value, ConstraintValidatorContext context) {
			if (value == null) {
				return true;
			}
			int sign = value.signum();
			boolean valid = (sign > 0 || (sign == 0 && this.amount.zero())) && value.stripTrailingZeros().scale() <= 2
					&& value.compareTo(BigDecimal.valueOf(this.amount.max())) <= 0;
			if (!valid && this.amount.zero() && this.amount.message().equals(MESSAGE)) {
				// the message says what is allowed, and here that includes zero
				context.disableDefaultConstraintViolation();
				context.buildConstraintViolationWithTemplate("{bangfu.Amount.orZero.message}").addConstraintViolation();
			}
			return valid;
		}

	}

}
