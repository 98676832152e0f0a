package cn.ankang.bangfu.population;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.security.jurisdiction.Scope;
import cn.ankang.bangfu.shared.relay.PageRequest;
import cn.ankang.bangfu.shared.values.Rows;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the out-of-poverty register's households ({@code exited_household}): their
 * lists, the household locked, registered and changed, and what registering one checks
 * first. Their years and work are {@link HouseholdYearRepository}, their microcredit
 * {@link MicrocreditRepository}. Every table is behind row-level security by village
 * (V34); the statements say the jurisdiction too.
 */
@Repository
class PopulationRepository {

	static final String HOUSEHOLD_LIST = "exitedHouseholds";

	private static final RowMapper<ExitedHousehold> HOUSEHOLD = (rs, n) -> new ExitedHousehold(rs.getLong("id"),
			rs.getLong("village_id"), rs.getString("household_number"), rs.getString("head_name"),
			rs.getString("head_id_number"), rs.getInt("people"), rs.getInt("exited_year"), rs.getBoolean("relocated"),
			Rows.longOrNull(rs, "responsible_cadre_id"), Rows.longOrNull(rs, "household_id"),
			Rows.longOrNull(rs, "relocation_community_id"), rs.getBoolean("personal_visible"), rs.getInt("version"));

	/**
	 * The area conditions of a list, on its village column ({@code %1$s}): the loans'
	 * list ({@link MicrocreditRepository}) filters by them too.
	 */
	static final String AREAS = """
			(cast(:countyCode as text) is null or %1$s in (
			        select v.id from village v join town t on t.id = v.town_id join county c on c.id = t.county_id
			        where c.code = :countyCode))
			  and (cast(:townCode as text) is null or %1$s in (
			        select v.id from village v join town t on t.id = v.town_id where t.code = :townCode))
			  and (cast(:villageCode as text) is null or %1$s = (select id from village where code = :villageCode))""";

	/**
	 * The households' filter. The average growth the relocated are compared with is the
	 * population's in the asker's jurisdiction, over the households with both years, as
	 * {@code populationFigures} computes it; each year carries the year before (V34).
	 */
	private static final String HOUSEHOLD_FILTER = """
			from exited_household eh
			where %s
			  and (cast(:relocated as boolean) is null or eh.relocated = :relocated)
			  and (cast(:communityCode as text) is null
			       or eh.relocation_community_id = (select id from village where code = :communityCode))
			  and (cast(:monitored as boolean) is null or (eh.household_id is not null) = :monitored)
			  and (cast(:cadre as bigint) is null or eh.responsible_cadre_id = :cadre)
			  and (cast(:incomeBelowFen as bigint) is null or exists (
			        select 1 from exited_household_year y where y.household_id = eh.id
			          and y.year = cast(:incomeYear as integer) and y.per_capita_income_fen < :incomeBelowFen))
			  and (not :incomeFell or exists (
			        select 1 from exited_household_year y where y.household_id = eh.id
			          and y.year = cast(:incomeYear as integer)
			          and y.per_capita_income_fen < y.previous_per_capita_income_fen))
			  and (not :grewLessThanAverage or exists (
			        select 1 from exited_household_year y
			        where y.household_id = eh.id and y.year = cast(:incomeYear as integer)
			          and y.per_capita_income_fen < y.previous_per_capita_income_fen * (
			              select (sum(a.per_capita_income_fen * a.people)::numeric / sum(a.people))
			                     / nullif(sum(a.previous_per_capita_income_fen * a.previous_people)::numeric
			                              / sum(a.previous_people), 0)
			              from exited_household_year a
			              where a.year = cast(:incomeYear as integer) and a.previous_people is not null)))
			  and %s
			""";

	private final JdbcClient jdbc;

	PopulationRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	private static String householdColumns(Scope scope) {
		return "eh.*, " + scope.responsiblePredicate("eh.village_id") + " as personal_visible";
	}

	private static String householdFilter(Scope scope) {
		return HOUSEHOLD_FILTER.formatted(AREAS.formatted("eh.village_id"), scope.villagePredicate("eh.village_id"));
	}

	List<ExitedHousehold> households(HouseholdFilterValues filter, PageRequest page, Scope scope) {
		return this.jdbc.sql("select " + householdColumns(scope) + " " + householdFilter(scope) + """
				  and (cast(:after as bigint) is null or eh.id > :after)
				order by eh.id
				limit :limit
				""")
			.params(filter.parameters())
			.params(scope.parameters())
			.param("after", page.afterId(HOUSEHOLD_LIST))
			.param("limit", page.fetchSize())
			.query(HOUSEHOLD)
			.list();
	}

	int countHouseholds(HouseholdFilterValues filter, Scope scope) {
		return this.jdbc.sql("select count(*) " + householdFilter(scope))
			.params(filter.parameters())
			.params(scope.parameters())
			.query(Integer.class)
			.single();
	}

	List<ExitedHousehold> householdsByKeys(Collection<Long> keys, Scope scope) {
		return this.jdbc
			.sql("select " + householdColumns(scope) + " from exited_household eh where eh.id in (:keys) and "
					+ scope.villagePredicate("eh.village_id"))
			.param("keys", keys)
			.params(scope.parameters())
			.query(HOUSEHOLD)
			.list();
	}

	Optional<ExitedHousehold> lockHousehold(long key, Scope scope) {
		return this.jdbc
			.sql("select " + householdColumns(scope) + " from exited_household eh where eh.id = :key and "
					+ scope.villagePredicate("eh.village_id") + " for update of eh")
			.param("key", key)
			.params(scope.parameters())
			.query(HOUSEHOLD)
			.optional();
	}

	/**
	 * Whether the village exists, and whether the user is responsible for it (null when
	 * it does not exist).
	 */
	@Nullable Boolean villageResponsible(long villageKey, Scope scope) {
		return this.jdbc.sql("select " + scope.responsiblePredicate("v.id") + " from village v where v.id = :village")
			.param("village", villageKey)
			.params(scope.parameters())
			.query(Boolean.class)
			.optional()
			.orElse(null);
	}

	boolean cadreExists(long key) {
		return this.jdbc.sql("select exists (select 1 from cadre where id = :key)")
			.param("key", key)
			.query(Boolean.class)
			.single();
	}

	/**
	 * Whether a registered household has this number or head's ID number, in any village.
	 */
	boolean numberOrIdNumberTaken(String householdNumber, String headIdNumber) {
		return this.jdbc.sql("select bangfu_exited_household_taken(:number, :idNumber)")
			.param("number", householdNumber)
			.param("idNumber", headIdNumber)
			.query(Boolean.class)
			.single();
	}

	/**
	 * The village of the monitored household, and whether a registered household names it
	 * already.
	 */
	Optional<Map<String, Object>> monitoredHousehold(long householdKey) {
		return this.jdbc.sql("""
				select h.village_id, exists (select 1 from exited_household eh where eh.household_id = h.id) as linked
				from household h where h.id = :key""")
			.param("key", householdKey)
			.query()
			.listOfRows()
			.stream()
			.findFirst();
	}

	long insertHousehold(long village, String householdNumber, String headName, String headIdNumber, int people,
			int exitedYear, boolean relocated, @Nullable Long cadre, @Nullable Long household) {
		return this.jdbc.sql("""
				insert into exited_household (village_id, household_number, head_name, head_id_number, people,
				                              exited_year, relocated, responsible_cadre_id, household_id)
				values (:village, :number, :name, :idNumber, :people, :exitedYear, :relocated, :cadre, :household)
				returning id""")
			.param("village", village)
			.param("number", householdNumber)
			.param("name", headName)
			.param("idNumber", headIdNumber)
			.param("people", people)
			.param("exitedYear", exitedYear)
			.param("relocated", relocated)
			.param("cadre", cadre)
			.param("household", household)
			.query(Long.class)
			.single();
	}

	void raiseVersion(long key) {
		this.jdbc.sql("update exited_household set version = version + 1 where id = :key").param("key", key).update();
	}

	// The ledger import
	// ----------------------------------------------------------------------------------------

	/** Of these villages, those the user is responsible for. */
	List<Long> villagesResponsible(Collection<Long> villageKeys, Scope scope) {
		if (villageKeys.isEmpty()) {
			return List.of();
		}
		return this.jdbc
			.sql("select v.id from village v where v.id in (:keys) and " + scope.responsiblePredicate("v.id"))
			.param("keys", villageKeys)
			.params(scope.parameters())
			.query(Long.class)
			.list();
	}

	/** The households of these numbers that the user may see. */
	List<ExitedHousehold> householdsByNumbers(Collection<String> numbers, Scope scope) {
		if (numbers.isEmpty()) {
			return List.of();
		}
		return this.jdbc
			.sql("select " + householdColumns(scope)
					+ " from exited_household eh where eh.household_number in (:numbers) and "
					+ scope.villagePredicate("eh.village_id"))
			.param("numbers", numbers)
			.params(scope.parameters())
			.query(HOUSEHOLD)
			.list();
	}

	/** Raises the household's version if it is still at the version; whether it was. */
	boolean raiseVersion(long key, int baseVersion) {
		return this.jdbc.sql("update exited_household set version = version + 1 where id = :key and version = :base")
			.param("key", key)
			.param("base", baseVersion)
			.update() == 1;
	}

	/** Changes a household's own fields if it is still at the version; whether it was. */
	boolean updateHousehold(long key, int baseVersion, String headName, String headIdNumber, int people, int exitedYear,
			boolean relocated) {
		return this.jdbc.sql("""
				update exited_household
				set head_name = :name, head_id_number = :idNumber, people = :people, exited_year = :exitedYear,
				    relocated = :relocated, version = version + 1
				where id = :key and version = :base""")
			.param("key", key)
			.param("base", baseVersion)
			.param("name", headName)
			.param("idNumber", headIdNumber)
			.param("people", people)
			.param("exitedYear", exitedYear)
			.param("relocated", relocated)
			.update() == 1;
	}

}
