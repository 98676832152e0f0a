package cn.ankang.bangfu.figure;

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
 */
record FigureResult<R>(OffsetDateTime asOf, R total, List<R> groups) {

	/** The figure of rows as the SQL gives them: the total first. */
	static <R> FigureResult<R> of(OffsetDateTime asOf, List<R> rows) {
		return new FigureResult<>(asOf, rows.get(0), rows.subList(1, rows.size()));
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
