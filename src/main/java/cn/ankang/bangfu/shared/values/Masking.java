package cn.ankang.bangfu.shared.values;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * How personal data looks to those who may not see it: enough to tell records apart, not
 * to identify or reach a person.
 */
public final class Masking {

	private Masking() {
	}

	/**
	 * A resident ID number with its first four and last four characters:
	 * {@code 6109**********1234}.
	 */
	public static @Nullable String idNumber(@Nullable String value) {
		return keep(value, 4, 4);
	}

	/** A phone number with its first three and last four digits: {@code 100****1234}. */
	public static @Nullable String phone(@Nullable String value) {
		return keep(value, 3, 4);
	}

	/** A person's name with its first character only: {@code 张**}. */
	public static @Nullable String name(@Nullable String value) {
		if (value == null || value.isEmpty()) {
			return value;
		}
		int first = value.offsetByCodePoints(0, 1);
		return value.substring(0, first) + "*".repeat(Math.max(1, value.codePointCount(first, value.length())));
	}

	/** A date of birth as 1 January of its year: enough for ages, not for identifying. */
	public static @Nullable LocalDate birthYear(@Nullable LocalDate value) {
		return (value != null) ? value.withDayOfYear(1) : null;
	}

	/** Text about people, withheld: a marker in place of what was written. */
	public static @Nullable String text(@Nullable String value) {
		return (value != null) ? Labels.of("masked", "TEXT") : null;
	}

	private static @Nullable String keep(@Nullable String value, int head, int tail) {
		if (value == null) {
			return null;
		}
		if (value.length() <= head + tail) {
			return "*".repeat(value.length());
		}
		return value.substring(0, head) + "*".repeat(value.length() - head - tail)
				+ value.substring(value.length() - tail);
	}

}
