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
 * Text a person typed: {@code min} to {@code max} characters once stripped of surrounding
 * spaces, and no control characters (line breaks only where {@code lines} allows them),
 * which have no place in a name or a note and break the exports. Null is for
 * {@code @NotNull} or the schema to refuse.
 */
@Documented
@Constraint(validatedBy = Text.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface Text {

	/** The fewest characters. */
	int min() default 1;

	/** The most characters. */
	int max();

	/** Whether line breaks (and tabs) are allowed, as in a note. */
	boolean lines() default false;

	String message() default "{bangfu.Text.message}";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** Checks {@link Text}. */
	class Validator implements ConstraintValidator<Text, String> {

		private Text text;

		@Override
		public void initialize(Text text) {
			this.text = text;
		}

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			if (value == null) {
				return true;
			}
			String stripped = value.strip();
			int length = stripped.codePointCount(0, stripped.length());
			if (length < this.text.min() || length > this.text.max()) {
				return false;
			}
			return value.codePoints()
				.noneMatch((c) -> Character.getType(c) == Character.CONTROL
						&& !(this.text.lines() && (c == '\n' || c == '\r' || c == '\t')));
		}

	}

}
