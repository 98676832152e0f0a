package cn.ankang.bangfu.security.jurisdiction;

import org.jspecify.annotations.Nullable;

/**
 * Where a record lies in the administrative hierarchy, from the city down: a county-level
 * unit lies in a county, a project in a county or narrower, a household in a village.
 * Parts below where the record lies are null.
 *
 * @param cityKey the city
 * @param countyKey the county, if the record lies in one
 * @param townKey the town, if the record lies in one
 * @param villageKey the village, if the record lies in one
 */
public record Place(long cityKey, @Nullable Long countyKey, @Nullable Long townKey, @Nullable Long villageKey) {
}
