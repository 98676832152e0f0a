package cn.ankang.bangfu.figure;

import java.util.ArrayList;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A figure as computed: the total and the groups.
 *
 * @param <R> the figure's row
 * @param asOf when it was computed
 * @param total the row over everything
 * @param groups the rows per group
 * @param suppressedGroups the groups left out because they are too small to show health
 * data without naming people
 */
record FigureResult<R>(OffsetDateTime asOf, R total, List<R> groups, List<SuppressedGroup> suppressedGroups) {

	/** The figure of rows as the SQL gives them: the total first. */
	static <R> FigureResult<R> of(OffsetDateTime asOf, List<R> rows) {
		return new FigureResult<>(asOf, rows.get(0), rows.subList(1, rows.size()), List.of());
	}

	/**
	 * The figure of rows as the SQL gives them, with the groups that count health data of
	 * fewer than {@code fewerThan} households left out (small-cell suppression, as
	 * statistics offices publish): a village's row of one household ill names that
	 * household's illness. The total keeps them.
	 */
	static <R> FigureResult<R> suppressingSmallHealthGroups(OffsetDateTime asOf, List<R> rows,
			Function<R, List<FigureKey>> keys, ToLongFunction<R> households, int fewerThan) {
		List<R> shown = new ArrayList<>();
		List<SuppressedGroup> suppressed = new ArrayList<>();
		for (R row : rows.subList(1, rows.size())) {
			List<FigureKey> rowKeys = keys.apply(row);
			long count = households.applyAsLong(row);
			if (count > 0 && count < fewerThan && rowKeys.stream().anyMatch(FigureKey::healthRelated)) {
				suppressed.add(new SuppressedGroup(rowKeys, fewerThan));
			}
			else {
				shown.add(row);
			}
		}
		return new FigureResult<>(asOf, rows.get(0), shown, suppressed);
	}

	/**
	 * A group withheld.
	 *
	 * @param keys the group's values
	 * @param fewerThan groups of fewer households than this are withheld
	 */
	record SuppressedGroup(List<FigureKey> keys, int fewerThan) {
	}

	/**
	 * Cadres in post on a day.
	 *
	 * @param asOf when computed
	 * @param onDate the day
	 * @param total the row over everything
	 * @param groups the rows per group
	 */
	record OnDate<R>(OffsetDateTime asOf, LocalDate onDate, R total, List<R> groups) {
	}

	/**
	 * Visit coverage over a window.
	 *
	 * @param asOf when computed
	 * @param days the window
	 * @param total the row over everything
	 * @param groups the rows per group
	 */
	record Window<R>(OffsetDateTime asOf, int days, R total, List<R> groups) {
	}

}
