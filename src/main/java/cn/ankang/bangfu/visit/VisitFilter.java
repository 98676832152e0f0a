package cn.ankang.bangfu.visit;

import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

/**
 * Narrows a list of visits; null parts do not narrow.
 *
 * @param countyCode only visits in this county
 * @param townCode only visits in this town
 * @param villageCode only visits in this village
 * @param cadreId only visits by this cadre (global id)
 * @param householdId only visits to this household (global id)
 * @param kind only visits of this kind
 * @param occurredFrom only visits at or after this instant
 * @param occurredBefore only visits before this instant
 */
record VisitFilter(@Nullable String countyCode, @Nullable String townCode, @Nullable String villageCode,
		@Nullable String cadreId, @Nullable String householdId, Visit.@Nullable Kind kind,
		@Nullable OffsetDateTime occurredFrom, @Nullable OffsetDateTime occurredBefore) {

	static final VisitFilter NONE = new VisitFilter(null, null, null, null, null, null, null, null);

}
