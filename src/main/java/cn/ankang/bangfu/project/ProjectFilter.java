package cn.ankang.bangfu.project;

import org.jspecify.annotations.Nullable;

/**
 * Narrows a list of projects; null parts do not narrow.
 *
 * @param countyCode only projects in this county
 * @param townCode only projects in this town
 * @param villageCode only projects in this village
 * @param year only projects of this year
 * @param industry only projects of this industry
 * @param category only projects of this category
 * @param status only projects in this status
 * @param fundSource only projects with money from this source
 * @param implementingUnitId only projects of this unit (global id)
 */
record ProjectFilter(@Nullable String countyCode, @Nullable String townCode, @Nullable String villageCode,
		@Nullable Integer year, Project.@Nullable Industry industry, Project.@Nullable Category category,
		Project.@Nullable Status status, FundAllocation.@Nullable Source fundSource,
		@Nullable String implementingUnitId) {

	static final ProjectFilter NONE = new ProjectFilter(null, null, null, null, null, null, null, null, null);

}
