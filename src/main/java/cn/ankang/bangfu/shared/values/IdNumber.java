package cn.ankang.bangfu.shared.values;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.regex.Pattern;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A resident ID number (居民身份证号码, GB 11643): 17 digits and a check digit (0–9 or X)
 * computed from them (ISO 7064 MOD 11-2). The check digit catches the typing slips and
 * the numbers a spreadsheet mangled. Null is for {@code @NotNull} or the schema to
 * refuse.
 */
@Documented
@Constraint(validatedBy = IdNumber.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface IdNumber {

	String message() default "{bangfu.IdNumber.message}";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** Checks {@link IdNumber}. */
	class Validator implements ConstraintValidator<IdNumber, String> {

		private static final Pattern FORM = Pattern.compile("[0-9]{17}[0-9X]");

		private static final int[] WEIGHTS = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };

		private static final char[] CHECK = { '1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2' };

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			return value == null || isValid(value);
		}

		/** Whether the text is an ID number whose check digit fits its other digits. */
		public static boolean isValid(String value) {
			return FORM.matcher(value).matches() && value.charAt(17) == checkDigit(value);
		}

		/** The check digit of the first 17 digits. */
		public static char checkDigit(String digits) {
			int sum = 0;
			for (int i = 0; i < 17; i++) {
				sum += (digits.charAt(i) - '0') * WEIGHTS[i];
			}
			return CHECK[sum % 11];
		}

	}

}
