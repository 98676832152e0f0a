package cn.ankang.bangfu.enterprise;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.project.Project;

/**
 * Narrows a list of bodies or of their years; null parts do not narrow.
 *
 * @param countyCode only bodies in this county
 * @param townCode only bodies in this town
 * @param villageCode only bodies in this village
 * @param kind only bodies of this kind
 * @param industry only bodies of this industry
 * @param year bodies: only those operating in this year; years: only this year
 * @param operating bodies: only those still operating (true) or closed (false)
 */
record EnterpriseFilter(@Nullable String countyCode, @Nullable String townCode, @Nullable String villageCode,
		Enterprise.@Nullable Kind kind, Project.@Nullable Industry industry, @Nullable Integer year,
		@Nullable Boolean operating) {

	static final EnterpriseFilter NONE = new EnterpriseFilter(null, null, null, null, null, null, null);

}
