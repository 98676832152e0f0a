package cn.ankang.bangfu.history;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import cn.ankang.bangfu.shared.errors.UserError;

/**
 * The refusals every kept record shares, worded once in both languages: an id that names
 * nothing, a record outside the user's jurisdiction, a stale version, a step out of
 * order, a date out of bounds. {@code what} names the record in English, {@code whatZh}
 * in Chinese.
 */
public final class Refusals {

	/** The first day any record of the programme may carry. */
	public static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);

	private Refusals() {
	}

	/** The input names nothing the user may see. */
	public static UserError notFound(String what, String whatZh, String field) {
		return error("NOT_FOUND", "There is no such %s, or you may not see it.".formatted(what),
				"找不到该%s，或您无权查看。".formatted(whatZh), field);
	}

	/**
	 * The input names a record the user sees but may not change: it lies outside the
	 * user's jurisdiction.
	 */
	public static UserError outOfJurisdiction(String what, String whatZh, String field) {
		return error("OUT_OF_JURISDICTION", "The %s lies outside your jurisdiction.".formatted(what),
				"该%s不在您的管辖范围内。".formatted(whatZh), field);
	}

	/** The record changed since the version the change was based on. */
	public static UserError stale(int baseVersion, int currentVersion) {
		return error("STALE_VERSION",
				"The record changed since version %d: here it is as it stands now (version %d).".formatted(baseVersion,
						currentVersion),
				"记录在版本 %d 之后已被修改（当前为版本 %d）：请查看当前内容后再改。".formatted(baseVersion, currentVersion), "baseVersion");
	}

	/** Another record holds a value that must be unique. */
	public static UserError alreadyExists(String what, String whatZh, String field) {
		return error("ALREADY_EXISTS", "%s exists already.".formatted(what), "%s已存在。".formatted(whatZh), field);
	}

	/** The step cannot be taken from where the record stands. */
	public static UserError invalidTransition(String why, String whyZh, String field) {
		return error("INVALID_TRANSITION", why, whyZh, field);
	}

	/** Any other refusal of a field's value, in both languages. */
	public static UserError invalid(String why, String whyZh, String field) {
		return error("INVALID_INPUT", why, whyZh, field);
	}

	/**
	 * A refusal when the day lies in the future, or before {@code notBefore}: the start
	 * the day must follow, or {@link #EARLIEST} for a day of the programme's records.
	 */
	public static Optional<UserError> day(LocalDate day, LocalDate today, LocalDate notBefore, String field) {
		if (day.isAfter(today)) {
			return Optional
				.of(invalid("%s is in the future: record what happened, up to today (%s).".formatted(day, today),
						"%s 晚于今天（%s）：只能记录已经发生的事。".formatted(day, today), field));
		}
		if (day.isBefore(notBefore)) {
			return Optional.of(invalid("%s is too early: the day must be %s or later.".formatted(day, notBefore),
					"%s 过早：日期不能早于 %s。".formatted(day, notBefore), field));
		}
		return Optional.empty();
	}

	private static UserError error(String code, String english, String chinese, String field) {
		return new UserError(code, english, List.of("input", field), chinese);
	}

}
