package cn.ankang.bangfu.figure;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * Which records a figure counts, as the GraphQL input gives it.
 *
 * @param countyCode only this county
 * @param townCode only this town
 * @param villageCode only this village
 * @param keyAreasOnly only key counties, towns and villages
 * @param year the period: this calendar year
 * @param from the period's first day
 * @param to the period's last day
 */
public record FigureFilter(@Nullable String countyCode, @Nullable String townCode, @Nullable String villageCode,
		@Nullable Boolean keyAreasOnly, @Nullable Integer year, @Nullable LocalDate from, @Nullable LocalDate to) {

	static final FigureFilter NONE = new FigureFilter(null, null, null, null, null, null, null);

	static FigureFilter ofYear(int year) {
		return new FigureFilter(null, null, null, null, year, null, null);
	}

}
