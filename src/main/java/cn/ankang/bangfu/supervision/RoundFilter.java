package cn.ankang.bangfu.supervision;

import org.jspecify.annotations.Nullable;

/**
 * Narrows a list of rounds; null parts do not narrow.
 *
 * @param year only rounds of this year
 * @param countyCode only rounds that covered this county (or a town or village of it)
 */
record RoundFilter(@Nullable Integer year, @Nullable String countyCode) {

	static final RoundFilter NONE = new RoundFilter(null, null);

}
