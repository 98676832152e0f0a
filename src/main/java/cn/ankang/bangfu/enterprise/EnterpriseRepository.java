package cn.ankang.bangfu.enterprise;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.project.Project;
import cn.ankang.bangfu.security.jurisdiction.Scope;
import cn.ankang.bangfu.shared.relay.PageRequest;
import cn.ankang.bangfu.shared.values.Rows;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of bodies that drive households and of their years. Every read takes the
 * jurisdiction's predicate on where the body lies (its village, or its town or county
 * alone), as PostgreSQL's policies do.
 */
@Repository
class EnterpriseRepository {

	static final String ENTERPRISE_LIST = "enterprises";

	static final String YEAR_LIST = "enterpriseYears";

	private static final RowMapper<Enterprise> ENTERPRISE = (rs, n) -> new Enterprise(rs.getLong("id"),
			rs.getString("name"), Rows.enumOf(rs, "kind", Enterprise.Kind.class),
			Rows.enumOf(rs, "industry", Project.Industry.class), rs.getLong("county_id"),
			Rows.longOrNull(rs, "town_id"), Rows.longOrNull(rs, "village_id"), Rows.date(rs, "opened_on"),
			Rows.dateOrNull(rs, "closed_on"), rs.getInt("version"));

	private static final RowMapper<EnterpriseYear> YEAR = (rs, n) -> new EnterpriseYear(rs.getLong("id"),
			rs.getLong("enterprise_id"), rs.getInt("year"), Rows.enumList(rs, "modes", Enterprise.Mode.class),
			rs.getInt("linked_households"), rs.getInt("linked_people"), rs.getInt("workers"),
			rs.getInt("workers_out_of_poverty"), rs.getInt("workers_from_monitored"), rs.getInt("version"));

	private static final String AREA_FILTER = """
			  and (cast(:countyCode as text) is null or e.county_id = (select id from county where code = :countyCode))
			  and (cast(:townCode as text) is null or e.town_id = (select id from town where code = :townCode))
			  and (cast(:villageCode as text) is null or e.village_id = (select id from village where code = :villageCode))
			  and (cast(:kind as text) is null or e.kind = :kind)
			  and (cast(:industry as text) is null or e.industry = :industry)
			""";

	private static final String ENTERPRISE_FILTER = AREA_FILTER + """
			  and (cast(:year as integer) is null
			       or (extract(year from e.opened_on) <= :year
			           and (e.closed_on is null or extract(year from e.closed_on) >= :year)))
			  and (cast(:operating as boolean) is null or (e.closed_on is null) = :operating)
			""";

	private static final String YEAR_FILTER = AREA_FILTER + """
			  and (cast(:year as integer) is null or y.year = :year)
			  and (cast(:operating as boolean) is null or (e.closed_on is null) = :operating)
			""";

	private final JdbcClient jdbc;

	EnterpriseRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<Enterprise> enterprises(Scope scope, EnterpriseFilter filter, PageRequest page) {
		return this.jdbc.sql("select e.* from enterprise e where " + inScope(scope) + ENTERPRISE_FILTER + """
				  and (cast(:after as bigint) is null or e.id > :after)
				order by e.id
				limit :limit""")
			.params(scope.parameters())
			.params(filterParams(filter))
			.param("after", page.afterId(ENTERPRISE_LIST))
			.param("limit", page.fetchSize())
			.query(ENTERPRISE)
			.list();
	}

	int countEnterprises(Scope scope, EnterpriseFilter filter) {
		return this.jdbc.sql("select count(*) from enterprise e where " + inScope(scope) + ENTERPRISE_FILTER)
			.params(scope.parameters())
			.params(filterParams(filter))
			.query(Integer.class)
			.single();
	}

	List<EnterpriseYear> years(Scope scope, EnterpriseFilter filter, PageRequest page) {
		return this.jdbc
			.sql("select y.* from enterprise_year y join enterprise e on e.id = y.enterprise_id where " + inScope(scope)
					+ YEAR_FILTER + """
							  and (cast(:after as bigint) is null or y.id > :after)
							order by y.id
							limit :limit""")
			.params(scope.parameters())
			.params(filterParams(filter))
			.param("after", page.afterId(YEAR_LIST))
			.param("limit", page.fetchSize())
			.query(YEAR)
			.list();
	}

	int countYears(Scope scope, EnterpriseFilter filter) {
		return this.jdbc
			.sql("select count(*) from enterprise_year y join enterprise e on e.id = y.enterprise_id where "
					+ inScope(scope) + YEAR_FILTER)
			.params(scope.parameters())
			.params(filterParams(filter))
			.query(Integer.class)
			.single();
	}

	List<Enterprise> enterprisesByKeys(Scope scope, Collection<Long> keys) {
		if (keys.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("select e.* from enterprise e where e.id in (:keys) and " + inScope(scope))
			.params(scope.parameters())
			.param("keys", keys)
			.query(ENTERPRISE)
			.list();
	}

	List<EnterpriseYear> yearsByKeys(Scope scope, Collection<Long> keys) {
		if (keys.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("""
				select y.* from enterprise_year y join enterprise e on e.id = y.enterprise_id
				where y.id in (:keys) and """ + inScope(scope))
			.params(scope.parameters())
			.param("keys", keys)
			.query(YEAR)
			.list();
	}

	/** Each body's years, by body, oldest first. */
	List<EnterpriseYear> yearsOf(Collection<Long> enterpriseKeys) {
		if (enterpriseKeys.isEmpty()) {
			return List.of();
		}
		return this.jdbc
			.sql("select * from enterprise_year where enterprise_id in (:keys) order by enterprise_id, year")
			.param("keys", enterpriseKeys)
			.query(YEAR)
			.list();
	}

	/**
	 * The employed households of each year the user may see (row-level security keeps the
	 * others out), as pairs of year key and household key.
	 */
	List<long[]> employedHouseholdsOf(Collection<Long> yearKeys) {
		if (yearKeys.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("""
				select y.id, w.household_id from enterprise_employed_household w
				join enterprise_year y on y.enterprise_id = w.enterprise_id and y.year = w.year
				where y.id in (:keys)
				order by y.id, w.household_id""")
			.param("keys", yearKeys)
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) })
			.list();
	}

	/** The body, locked for the change, if the user may see it. */
	Optional<Enterprise> lock(long key) {
		return this.jdbc.sql("select * from enterprise e where e.id = :key for update")
			.param("key", key)
			.query(ENTERPRISE)
			.optional();
	}

	Optional<EnterpriseYear> yearByKey(long key) {
		return this.jdbc.sql("select * from enterprise_year where id = :key").param("key", key).query(YEAR).optional();
	}

	Optional<EnterpriseYear> yearOf(long enterpriseKey, int year) {
		return this.jdbc.sql("select * from enterprise_year where enterprise_id = :enterprise and year = :year")
			.param("enterprise", enterpriseKey)
			.param("year", year)
			.query(YEAR)
			.optional();
	}

	/** The first and last years recorded of the body, if any. */
	Optional<int[]> recordedYears(long enterpriseKey) {
		return this.jdbc.sql(
				"select min(year), max(year) from enterprise_year where enterprise_id = :enterprise having count(*) > 0")
			.param("enterprise", enterpriseKey)
			.query((rs, n) -> new int[] { rs.getInt(1), rs.getInt(2) })
			.optional();
	}

	boolean nameTaken(long countyKey, String name) {
		return this.jdbc.sql(
				"select exists (select from enterprise where county_id = :county and name = :name and closed_on is null)")
			.param("county", countyKey)
			.param("name", name)
			.query(Boolean.class)
			.single();
	}

	long insert(String name, Enterprise.Kind kind, Project.Industry industry, long countyKey, @Nullable Long townKey,
			@Nullable Long villageKey, LocalDate openedOn) {
		return this.jdbc.sql("""
				insert into enterprise (name, kind, industry, county_id, town_id, village_id, opened_on)
				values (:name, :kind, :industry, :county, :town, :village, :opened) returning id""")
			.param("name", name)
			.param("kind", kind.name())
			.param("industry", industry.name())
			.param("county", countyKey)
			.param("town", townKey)
			.param("village", villageKey)
			.param("opened", openedOn)
			.query(Long.class)
			.single();
	}

	/** Closes the body if it is still at the version; whether it was. */
	boolean close(long key, int baseVersion, LocalDate closedOn) {
		return this.jdbc.sql("""
				update enterprise set closed_on = :closed, version = version + 1
				where id = :key and version = :base""")
			.param("key", key)
			.param("base", baseVersion)
			.param("closed", closedOn)
			.update() == 1;
	}

	long insertYear(long enterpriseKey, int year, Figures figures) {
		return this.jdbc.sql("""
				insert into enterprise_year (enterprise_id, year, modes, linked_households, linked_people, workers,
				                             workers_out_of_poverty, workers_from_monitored)
				values (:enterprise, :year, cast(:modes as text[]), :households, :people, :workers, :outOfPoverty,
				        :monitored)
				returning id""")
			.params(figures.parameters())
			.param("enterprise", enterpriseKey)
			.param("year", year)
			.query(Long.class)
			.single();
	}

	/** Changes the year if it is still at the version; whether it was. */
	boolean updateYear(long key, int baseVersion, Figures figures) {
		return this.jdbc.sql("""
				update enterprise_year
				set modes = cast(:modes as text[]), linked_households = :households, linked_people = :people,
				    workers = :workers, workers_out_of_poverty = :outOfPoverty, workers_from_monitored = :monitored,
				    version = version + 1
				where id = :key and version = :base""")
			.params(figures.parameters())
			.param("key", key)
			.param("base", baseVersion)
			.update() == 1;
	}

	/** Replaces the year's employed households the user may see by these. */
	void replaceEmployedHouseholds(long enterpriseKey, int year, Collection<Long> householdKeys) {
		this.jdbc.sql("delete from enterprise_employed_household where enterprise_id = :enterprise and year = :year")
			.param("enterprise", enterpriseKey)
			.param("year", year)
			.update();
		if (householdKeys.isEmpty()) {
			return;
		}
		this.jdbc.sql("""
				insert into enterprise_employed_household (enterprise_id, year, household_id)
				select :enterprise, :year, unnest(cast(:households as bigint[]))""")
			.param("enterprise", enterpriseKey)
			.param("year", year)
			.param("households", householdKeys.toArray(Long[]::new))
			.update();
	}

	/** The employed households of the year, visible or not (as the owner counts them). */
	int countEmployedHouseholds(long enterpriseKey, int year) {
		return this.jdbc.sql(
				"select count(*) from enterprise_employed_household where enterprise_id = :enterprise and year = :year")
			.param("enterprise", enterpriseKey)
			.param("year", year)
			.query(Integer.class)
			.single();
	}

	private static String inScope(Scope scope) {
		return scope.placePredicate("e.village_id", "e.town_id", "e.county_id");
	}

	private static Map<String, @Nullable Object> filterParams(EnterpriseFilter filter) {
		Map<String, @Nullable Object> params = new HashMap<>();
		params.put("countyCode", filter.countyCode());
		params.put("townCode", filter.townCode());
		params.put("villageCode", filter.villageCode());
		params.put("kind", (filter.kind() != null) ? filter.kind().name() : null);
		params.put("industry", (filter.industry() != null) ? filter.industry().name() : null);
		params.put("year", filter.year());
		params.put("operating", filter.operating());
		return params;
	}

	/**
	 * A year's figures as written.
	 */
	record Figures(List<Enterprise.Mode> modes, int linkedHouseholds, int linkedPeople, int workers,
			int workersOutOfPoverty, int workersFromMonitored) {

		Map<String, @Nullable Object> parameters() {
			Map<String, @Nullable Object> params = new HashMap<>();
			params.put("modes", this.modes.stream().map(Enum::name).distinct().sorted().toArray(String[]::new));
			params.put("households", this.linkedHouseholds);
			params.put("people", this.linkedPeople);
			params.put("workers", this.workers);
			params.put("outOfPoverty", this.workersOutOfPoverty);
			params.put("monitored", this.workersFromMonitored);
			return params;
		}

	}

}
