package cn.ankang.bangfu.geo;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.security.jurisdiction.Place;
import cn.ankang.bangfu.shared.relay.ChildPages;
import cn.ankang.bangfu.shared.relay.PageRequest;
import cn.ankang.bangfu.shared.values.Rows;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of areas.
 */
@Repository
class GeoRepository {

	static final String VILLAGE_LIST = "villages";

	private static final RowMapper<City> CITY = (rs, n) -> new City(rs.getLong("id"), rs.getString("code"),
			rs.getString("name"));

	private static final RowMapper<County> COUNTY = (rs, n) -> new County(rs.getLong("id"), rs.getLong("city_id"),
			rs.getString("code"), rs.getString("name"), Rows.enumOf(rs, "kind", County.Kind.class),
			Rows.enumOrNull(rs, "key_designation", KeyDesignation.class));

	private static final RowMapper<Town> TOWN = (rs, n) -> new Town(rs.getLong("id"), rs.getLong("county_id"),
			rs.getString("code"), rs.getString("name"), Rows.enumOf(rs, "kind", Town.Kind.class),
			Rows.enumOrNull(rs, "key_designation", KeyDesignation.class));

	private static final RowMapper<Village> VILLAGE = (rs, n) -> new Village(rs.getLong("id"), rs.getLong("town_id"),
			rs.getString("code"), rs.getString("name"), Rows.enumOf(rs, "kind", Village.Kind.class),
			Rows.enumOrNull(rs, "key_designation", KeyDesignation.class), rs.getDouble("latitude"),
			rs.getDouble("longitude"));

	private static final String VILLAGE_COLUMNS = "v.id, v.town_id, v.code, v.name, v.kind, v.key_designation, v.latitude, v.longitude";

	private static final ChildPages VILLAGES_OF_TOWNS = new ChildPages("village", "v", "v.town_id", "true", "v.code");

	private final JdbcClient jdbc;

	GeoRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<City> citiesByKeys(Collection<Long> keys) {
		return this.jdbc.sql("select id, code, name from city where id in (:keys)")
			.param("keys", keys)
			.query(CITY)
			.list();
	}

	List<County> counties(@Nullable KeyDesignation designation) {
		return this.jdbc.sql("""
				select * from county
				where (cast(:designation as text) is null or key_designation = :designation)
				order by code
				""").param("designation", name(designation)).query(COUNTY).list();
	}

	List<County> countiesOfCities(Collection<Long> cityKeys) {
		return this.jdbc.sql("select * from county where city_id in (:keys) order by code")
			.param("keys", cityKeys)
			.query(COUNTY)
			.list();
	}

	List<County> countiesByKeys(Collection<Long> keys) {
		return this.jdbc.sql("select * from county where id in (:keys)").param("keys", keys).query(COUNTY).list();
	}

	Optional<County> countyByCode(String code) {
		return this.jdbc.sql("select * from county where code = :code").param("code", code).query(COUNTY).optional();
	}

	List<Town> townsOfCounties(Collection<Long> countyKeys) {
		return this.jdbc.sql("select * from town where county_id in (:keys) order by code")
			.param("keys", countyKeys)
			.query(TOWN)
			.list();
	}

	List<Town> townsByKeys(Collection<Long> keys) {
		return this.jdbc.sql("select * from town where id in (:keys)").param("keys", keys).query(TOWN).list();
	}

	Optional<Town> townByCode(String code) {
		return this.jdbc.sql("select * from town where code = :code").param("code", code).query(TOWN).optional();
	}

	List<Village> villagesByKeys(Collection<Long> keys) {
		return this.jdbc.sql("select " + VILLAGE_COLUMNS + " from village v where v.id in (:keys)")
			.param("keys", keys)
			.query(VILLAGE)
			.list();
	}

	/**
	 * Where an area lies, by the key of a village, town or county (the column the key is
	 * of: {@code v.id}, {@code t.id} or {@code c.id}).
	 */
	Optional<Place> place(String keyColumn, long key) {
		String narrowest = switch (keyColumn) {
			case "v.id" -> "county c join town t on t.county_id = c.id join village v on v.town_id = t.id";
			case "t.id" -> "county c join town t on t.county_id = c.id";
			case "c.id" -> "county c";
			default -> throw new IllegalArgumentException(keyColumn);
		};
		String town = keyColumn.equals("c.id") ? "null::bigint" : "t.id";
		String village = keyColumn.equals("v.id") ? "v.id" : "null::bigint";
		return this.jdbc
			.sql("select c.city_id, c.id as county_id, %s as town_id, %s as village_id from %s where %s = :key"
				.formatted(town, village, narrowest, keyColumn))
			.param("key", key)
			.query((rs, n) -> new Place(rs.getLong("city_id"), rs.getLong("county_id"), Rows.longOrNull(rs, "town_id"),
					Rows.longOrNull(rs, "village_id")))
			.optional();
	}

	/**
	 * The areas of these division codes at one level ("v", "t" or "c"), with where each
	 * lies.
	 */
	List<GeoService.CodedArea> areasByCodes(String level, Collection<String> codes) {
		String narrowest = switch (level) {
			case "v" -> "county c join town t on t.county_id = c.id join village v on v.town_id = t.id";
			case "t" -> "county c join town t on t.county_id = c.id";
			case "c" -> "county c";
			default -> throw new IllegalArgumentException(level);
		};
		String town = level.equals("c") ? "null::bigint" : "t.id";
		String village = level.equals("v") ? "v.id" : "null::bigint";
		return this.jdbc.sql("""
				select %1$s.id as key, %1$s.code, %1$s.name, c.city_id, c.id as county_id, %2$s as town_id,
				       %3$s as village_id
				from %4$s where %1$s.code = any(:codes)""".formatted(level, town, village, narrowest))
			.param("codes", codes.toArray(String[]::new))
			.query((rs, n) -> new GeoService.CodedArea(rs.getLong("key"), rs.getString("code"), rs.getString("name"),
					new Place(rs.getLong("city_id"), rs.getLong("county_id"), Rows.longOrNull(rs, "town_id"),
							Rows.longOrNull(rs, "village_id"))))
			.list();
	}

	Optional<Village> villageByCode(String code) {
		return this.jdbc.sql("select " + VILLAGE_COLUMNS + " from village v where v.code = :code")
			.param("code", code)
			.query(VILLAGE)
			.optional();
	}

	private static final String VILLAGE_FILTER = """
			from village v
			join town t on t.id = v.town_id
			join county c on c.id = t.county_id
			where (cast(:countyCode as text) is null or c.code = :countyCode)
			  and (cast(:townCode as text) is null or t.code = :townCode)
			  and (cast(:designation as text) is null or v.key_designation = :designation)
			""";

	List<Village> villages(VillageFilter filter, PageRequest page) {
		return this.jdbc.sql("select " + VILLAGE_COLUMNS + " " + VILLAGE_FILTER + """
				  and (cast(:after as text) is null or v.code > :after)
				order by v.code
				limit :limit
				""")
			.param("countyCode", filter.countyCode())
			.param("townCode", filter.townCode())
			.param("designation", name(filter.keyDesignation()))
			.param("after", afterCode(page))
			.param("limit", page.fetchSize())
			.query(VILLAGE)
			.list();
	}

	int countVillages(VillageFilter filter) {
		return this.jdbc.sql("select count(*) " + VILLAGE_FILTER)
			.param("countyCode", filter.countyCode())
			.param("townCode", filter.townCode())
			.param("designation", name(filter.keyDesignation()))
			.query(Integer.class)
			.single();
	}

	/** A page of villages per town, by code, read from the index on (town_id, code). */
	List<ChildPages.Row<Village>> villagesOfTowns(Collection<Long> townKeys, PageRequest page) {
		String after = afterCode(page);
		return this.jdbc.sql(VILLAGES_OF_TOWNS.pageSql(VILLAGE_COLUMNS, (after != null) ? "v.code > :after" : "true"))
			.params(ChildPages.parameters(townKeys, page))
			.param("after", after)
			.query(ChildPages.rows(VILLAGE))
			.list();
	}

	/** How many villages each town has, by town key; towns without any are left out. */
	Map<Long, Integer> countVillagesOfTowns(Collection<Long> townKeys) {
		return ChildPages.totals(
				this.jdbc.sql(VILLAGES_OF_TOWNS.countSql()).param(ChildPages.PARENTS_PARAM, ChildPages.keys(townKeys)));
	}

	/** Villages are paged by division code, which is unique and stable. */
	static String cursor(Village village) {
		return PageRequest.cursor(VILLAGE_LIST, village.code());
	}

	private static @Nullable String afterCode(PageRequest page) {
		List<String> key = page.afterKey(VILLAGE_LIST, 1);
		return (key != null) ? key.get(0) : null;
	}

	private static @Nullable String name(@Nullable Enum<?> value) {
		return (value != null) ? value.name() : null;
	}

}
