package cn.ankang.bangfu.household;

import org.jspecify.annotations.Nullable;

/**
 * Narrows a list of households; null parts do not narrow.
 *
 * @param countyCode only households in this county
 * @param townCode only households in this town
 * @param villageCode only households in this village
 * @param category only households of this category
 * @param status only households in this status
 * @param riskType only households with this risk
 * @param responsibleCadreId only households of this cadre (global id)
 * @param notVisitedInDays only households without a visit in this many days up to now
 */
record HouseholdFilter(@Nullable String countyCode, @Nullable String townCode, @Nullable String villageCode,
		Household.@Nullable Category category, Household.@Nullable Status status, @Nullable RiskType riskType,
		@Nullable String responsibleCadreId, @Nullable Integer notVisitedInDays) {

	static final HouseholdFilter NONE = new HouseholdFilter(null, null, null, null, null, null, null, null);

}
