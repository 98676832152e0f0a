package cn.ankang.bangfu.figure;

import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.errors.ApiException;

/**
 * The last {@code days} days up to now, in which a household under monitoring counts as
 * visited: one rule for the coverage figure and the lists of who was not visited, so that
 * the list is always what the figure counts.
 *
 * @param days the window's length in days
 * @param since when it starts, {@code days} before the question was asked; a visit at or
 * after it counts
 */
record VisitWindow(int days, OffsetDateTime since) {

	static final int DEFAULT_DAYS = 30;

	static final int MAX_DAYS = 366;

	/**
	 * The window of a question asked now.
	 * @param days the length asked for; {@value #DEFAULT_DAYS} when null
	 * @param filter the areas asked for: a window takes no period
	 * @throws ApiException {@code INVALID_ARGUMENT} for a length outside 1 to
	 * {@value #MAX_DAYS} or a filter with a period
	 */
	static VisitWindow of(@Nullable Integer days, FigureFilter filter, OffsetDateTime now) {
		int window = (days != null) ? days : DEFAULT_DAYS;
		if (window < 1 || window > MAX_DAYS) {
			throw ApiException.invalidArgument("days",
					"'days' must be between 1 and %d, but was %d.".formatted(MAX_DAYS, window));
		}
		if (filter.year() != null || filter.from() != null || filter.to() != null) {
			throw ApiException.invalidArgument("The window is the last 'days' days; give no period.");
		}
		return new VisitWindow(window, now.minusDays(window));
	}

}
