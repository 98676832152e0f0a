package cn.ankang.bangfu.geo;

import org.jspecify.annotations.Nullable;

/**
 * Narrows a list of villages; null parts do not narrow.
 *
 * @param countyCode only villages of this county
 * @param townCode only villages of this town
 * @param keyDesignation only villages with this designation
 */
public record VillageFilter(@Nullable String countyCode, @Nullable String townCode,
		@Nullable KeyDesignation keyDesignation) {

	static final VillageFilter NONE = new VillageFilter(null, null, null);

}
