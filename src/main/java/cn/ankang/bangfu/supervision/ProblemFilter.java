package cn.ankang.bangfu.supervision;

import org.jspecify.annotations.Nullable;

/**
 * Narrows a list of problems; null parts do not narrow.
 *
 * @param year only problems of rounds of this year
 * @param roundId only problems of this round (global id)
 * @param status only problems in this status
 * @param category only problems of this category
 * @param countyCode only problems found in this county
 * @param townCode only problems found in this town
 * @param villageCode only problems found in this village
 * @param overdue only problems overdue today (true), or only those not (false)
 */
record ProblemFilter(@Nullable Integer year, @Nullable String roundId, SupervisionProblem.@Nullable Status status,
		SupervisionProblem.@Nullable Category category, @Nullable String countyCode, @Nullable String townCode,
		@Nullable String villageCode, @Nullable Boolean overdue) {

	static final ProblemFilter NONE = new ProblemFilter(null, null, null, null, null, null, null, null);

}
