package cn.ankang.bangfu.figure;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What the figures' SQL has in common. A figure reads its own table and joins the areas
 * only to group by them: area filters are predicates on the row's village (or, for
 * projects, county, town and village) column, so that a city-wide count scans one table.
 * Each takes its jurisdiction predicate from
 * {@link cn.ankang.bangfu.security.jurisdiction.Scope}; households and visits are also
 * behind PostgreSQL's row-level security.
 */
final class FigureSql {

	private static final String KEY_VILLAGES = """
			select kv.id from village kv join town kt on kt.id = kv.town_id join county kc on kc.id = kt.county_id
			where kv.key_designation is not null or kt.key_designation is not null or kc.key_designation is not null""";

	private FigureSql() {
	}

	/**
	 * The area filters, as predicates on the row's village, and the area dimensions, each
	 * joining what it needs.
	 */
	static FigureQuery villageAreas(FigureQuery query, FigureFilter filter, String village) {
		return areaParameters(query, filter)
			.where("""
					(cast(:countyCode as text) is null or %s in (select fv.id from village fv join town ft on ft.id = fv.town_id
					                                             join county fc on fc.id = ft.county_id where fc.code = :countyCode))"""
				.formatted(village))
			.where("""
					(cast(:townCode as text) is null or %s in (select fv.id from village fv join town ft on ft.id = fv.town_id
					                                           where ft.code = :townCode))"""
				.formatted(village))
			.where("(cast(:villageCode as text) is null or %s = (select fv.id from village fv where fv.code = :villageCode))"
				.formatted(village))
			.where("(not :keyAreasOnly or %s in (%s))".formatted(village, KEY_VILLAGES))
			.dimension(FigureDimension.VILLAGE, "gv.code", "gv.name", "join village gv on gv.id = " + village)
			.dimension(FigureDimension.TOWN, "gt.code", "gt.name",
					"join village gtv on gtv.id = %s join town gt on gt.id = gtv.town_id".formatted(village))
			.dimension(FigureDimension.COUNTY, "gc.code", "gc.name", """
					join village gcv on gcv.id = %s join town gct on gct.id = gcv.town_id
					join county gc on gc.id = gct.county_id""".formatted(village));
	}

	/**
	 * The area filters and dimensions of projects, which lie in a county, town or
	 * village.
	 */
	static FigureQuery projectAreas(FigureQuery query, FigureFilter filter) {
		return placedAreas(query, filter, "p");
	}

	/**
	 * The area filters and dimensions of rows that lie in a county, town or village
	 * (projects, bodies that drive households), by the alias of their table.
	 */
	static FigureQuery placedAreas(FigureQuery query, FigureFilter filter, String alias) {
		return areaParameters(query, filter).where(
				"(cast(:countyCode as text) is null or %s.county_id = (select id from county where code = :countyCode))"
					.formatted(alias))
			.where("(cast(:townCode as text) is null or %s.town_id = (select id from town where code = :townCode))"
				.formatted(alias))
			.where("(cast(:villageCode as text) is null or %s.village_id = (select id from village where code = :villageCode))"
				.formatted(alias))
			.where("""
					(not :keyAreasOnly or %1$s.county_id in (select id from county where key_designation is not null)
					 or %1$s.town_id in (select id from town where key_designation is not null)
					 or %1$s.village_id in (select id from village where key_designation is not null))"""
				.formatted(alias))
			.dimension(FigureDimension.COUNTY, "gc.code", "gc.name",
					"join county gc on gc.id = %s.county_id".formatted(alias))
			.dimension(FigureDimension.TOWN, "gt.code", "gt.name",
					"left join town gt on gt.id = %s.town_id".formatted(alias))
			.dimension(FigureDimension.VILLAGE, "gv.code", "gv.name",
					"left join village gv on gv.id = %s.village_id".formatted(alias));
	}

	static FigureQuery areaParameters(FigureQuery query, FigureFilter filter) {
		return query.param("countyCode", filter.countyCode())
			.param("townCode", filter.townCode())
			.param("villageCode", filter.villageCode())
			.param("keyAreasOnly", Boolean.TRUE.equals(filter.keyAreasOnly()));
	}

	static Map<String, @Nullable Object> period(Period period) {
		return Map.of("from", period.from(), "to", period.to(), "fromYear", period.from().getYear(), "toYear",
				period.to().getYear(), "past", period.past());
	}

	/** A sum of fen as yuan with two decimals. */
	static String yuan(String sumOfFen) {
		return "round(coalesce(%s, 0) / 100.0, 2)".formatted(sumOfFen);
	}

}
