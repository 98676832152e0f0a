package cn.ankang.bangfu.figure;

import java.time.LocalDate;

import cn.ankang.bangfu.shared.errors.ApiException;

/**
 * The days a figure is about, both included.
 *
 * @param from the first day
 * @param to the last day
 * @param past whether the last day is before today, so that records are read as they
 * stood then (spending up to that day, the status a project had) rather than as they
 * stand
 */
record Period(LocalDate from, LocalDate to, boolean past) {

	/**
	 * The period a filter asks for: its year, or its days, or the year so far.
	 * @throws ApiException {@code INVALID_ARGUMENT} for a year with days, or days the
	 * wrong way round
	 */
	static Period of(FigureFilter filter, LocalDate today) {
		if (filter.year() != null) {
			if (filter.from() != null || filter.to() != null) {
				throw ApiException.invalidArgument("Give either 'year' or 'from' and 'to', not both.");
			}
			if (filter.year() < 2000 || filter.year() > 2100) {
				throw ApiException
					.invalidArgument("'year' %d is not a year of the programme.".formatted(filter.year()));
			}
			LocalDate end = LocalDate.of(filter.year(), 12, 31);
			return new Period(LocalDate.of(filter.year(), 1, 1), end, end.isBefore(today));
		}
		LocalDate to = (filter.to() != null) ? filter.to() : today;
		LocalDate from = (filter.from() != null) ? filter.from() : to.withDayOfYear(1);
		if (from.isAfter(to)) {
			throw ApiException.invalidArgument("The period starts on %s, after it ends on %s.".formatted(from, to));
		}
		if (from.getYear() < 2000 || to.getYear() > 2100) {
			throw ApiException.invalidArgument("The period lies outside the years of the programme.");
		}
		return new Period(from, to, to.isBefore(today));
	}

}
