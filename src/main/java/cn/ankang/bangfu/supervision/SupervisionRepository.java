package cn.ankang.bangfu.supervision;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.security.jurisdiction.Scope;
import cn.ankang.bangfu.shared.relay.PageRequest;
import cn.ankang.bangfu.shared.values.Rows;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of supervision rounds, what they covered and the problems they found. Problems
 * are read within the asker's jurisdiction ({@link Scope}, and row-level security behind
 * it); rounds are the city's, read by everyone.
 */
@Repository
class SupervisionRepository {

	static final String ROUND_LIST = "supervisionRounds";

	static final String PROBLEM_LIST = "supervisionProblems";

	private static final RowMapper<SupervisionRound> ROUND = (rs, n) -> new SupervisionRound(rs.getLong("id"),
			rs.getLong("city_id"), rs.getInt("year"), rs.getString("name"), rs.getString("organiser"),
			Rows.longOrNull(rs, "owner_user_id"), rs.getString("owner_name"), Rows.date(rs, "started_on"),
			Rows.date(rs, "ended_on"), rs.getInt("version"));

	private static final RowMapper<SupervisionProblem> PROBLEM = (rs, n) -> new SupervisionProblem(rs.getLong("id"),
			rs.getLong("round_id"), rs.getLong("county_id"), Rows.longOrNull(rs, "town_id"),
			Rows.longOrNull(rs, "village_id"), rs.getString("department"),
			Rows.enumOf(rs, "category", SupervisionProblem.Category.class), rs.getString("description"),
			rs.getString("responsible"), Rows.date(rs, "found_on"), Rows.date(rs, "deadline"),
			Rows.enumOf(rs, "status", SupervisionProblem.Status.class), rs.getString("evidence"),
			Rows.dateOrNull(rs, "rectified_on"), Rows.dateOrNull(rs, "closed_on"), rs.getString("returned_reason"),
			rs.getString("number"), rs.getInt("version"));

	private static final RowMapper<Coverage> COVERAGE = (rs, n) -> new Coverage(rs.getLong("round_id"),
			Rows.longOrNull(rs, "county_id"), Rows.longOrNull(rs, "town_id"), Rows.longOrNull(rs, "village_id"),
			rs.getString("zone"), rs.getString("department"));

	private static final String ROUND_COLUMNS = """
			r.*, (select u.display_name from app_user u where u.id = r.owner_user_id) as owner_name""";

	private static final String ROUND_FILTER = """
			from supervision_round r
			where (cast(:year as integer) is null or r.year = :year)
			  and (cast(:countyCode as text) is null
			       or exists (select from supervision_coverage sc join county c on c.id = sc.county_id
			                  where sc.round_id = r.id and c.code = :countyCode and %s))
			""";

	private static final String PROBLEM_FILTER = """
			from supervision_problem p
			where %s
			  and (cast(:year as integer) is null or p.round_id in (select r.id from supervision_round r where r.year = :year))
			  and (cast(:round as bigint) is null or p.round_id = :round)
			  and (cast(:status as text) is null or p.status = :status)
			  and (cast(:category as text) is null or p.category = :category)
			  and (cast(:countyCode as text) is null or p.county_id = (select id from county where code = :countyCode))
			  and (cast(:townCode as text) is null or p.town_id = (select id from town where code = :townCode))
			  and (cast(:villageCode as text) is null or p.village_id = (select id from village where code = :villageCode))
			  and (cast(:overdue as boolean) is null
			       or :overdue = (p.status <> 'CLOSED' and p.deadline < :today))
			""";

	private final JdbcClient jdbc;

	SupervisionRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	// Rounds
	// ------------------------------------------------------------------------------------------------

	List<SupervisionRound> rounds(Scope scope, RoundFilter filter, PageRequest page) {
		return this.jdbc.sql("select " + ROUND_COLUMNS + " " + roundFilter(scope) + """
				  and (cast(:after as bigint) is null or r.id > :after)
				order by r.id
				limit :limit""")
			.params(scope.parameters())
			.param("year", filter.year())
			.param("countyCode", filter.countyCode())
			.param("after", page.afterId(ROUND_LIST))
			.param("limit", page.fetchSize())
			.query(ROUND)
			.list();
	}

	int countRounds(Scope scope, RoundFilter filter) {
		return this.jdbc.sql("select count(*) " + roundFilter(scope))
			.params(scope.parameters())
			.param("year", filter.year())
			.param("countyCode", filter.countyCode())
			.query(Integer.class)
			.single();
	}

	List<SupervisionRound> roundsByKeys(Collection<Long> keys) {
		return this.jdbc.sql("select " + ROUND_COLUMNS + " from supervision_round r where r.id in (:keys)")
			.param("keys", keys)
			.query(ROUND)
			.list();
	}

	/**
	 * What the rounds covered that the asker may see: areas within their jurisdiction,
	 * zones and departments for the city's leaders.
	 */
	List<Coverage> coverageOf(Scope scope, Collection<Long> roundKeys) {
		return this.jdbc
			.sql("select sc.* from supervision_coverage sc where sc.round_id in (:keys) and " + coverageVisible(scope)
					+ " order by sc.round_id, sc.id")
			.params(scope.parameters())
			.param("keys", roundKeys)
			.query(COVERAGE)
			.list();
	}

	@Nullable Long cityByCode(String code) {
		return this.jdbc.sql("select id from city where code = :code")
			.param("code", code)
			.query(Long.class)
			.optional()
			.orElse(null);
	}

	boolean roundNamed(long cityKey, int year, String name) {
		return this.jdbc.sql(
				"select exists (select from supervision_round where city_id = :city and year = :year and name = :name)")
			.param("city", cityKey)
			.param("year", year)
			.param("name", name)
			.query(Boolean.class)
			.single();
	}

	long insertRound(long cityKey, int year, String name, String organiser, long ownerUserKey, LocalDate startedOn,
			LocalDate endedOn) {
		return this.jdbc.sql("""
				insert into supervision_round (city_id, year, name, organiser, owner_user_id, started_on, ended_on)
				values (:city, :year, :name, :organiser, :owner, :started, :ended) returning id""")
			.param("city", cityKey)
			.param("year", year)
			.param("name", name)
			.param("organiser", organiser)
			.param("owner", ownerUserKey)
			.param("started", startedOn)
			.param("ended", endedOn)
			.query(Long.class)
			.single();
	}

	void insertCoverage(long roundKey, List<Coverage> coverage) {
		for (Coverage row : coverage) {
			this.jdbc.sql("""
					insert into supervision_coverage (round_id, county_id, town_id, village_id, zone, department)
					values (:round, :county, :town, :village, :zone, :department)""")
				.param("round", roundKey)
				.param("county", row.countyKey())
				.param("town", row.townKey())
				.param("village", row.villageKey())
				.param("zone", row.zone())
				.param("department", row.department())
				.update();
		}
	}

	// Problems
	// ----------------------------------------------------------------------------------------------

	List<SupervisionProblem> problems(Scope scope, ProblemFilter filter, @Nullable Long roundKey, LocalDate today,
			PageRequest page) {
		return this.jdbc.sql("select p.* " + problemFilter(scope) + """
				  and (cast(:after as bigint) is null or p.id > :after)
				order by p.id
				limit :limit""")
			.params(problemParams(scope, filter, roundKey, today))
			.param("after", page.afterId(PROBLEM_LIST))
			.param("limit", page.fetchSize())
			.query(PROBLEM)
			.list();
	}

	int countProblems(Scope scope, ProblemFilter filter, @Nullable Long roundKey, LocalDate today) {
		return this.jdbc.sql("select count(*) " + problemFilter(scope))
			.params(problemParams(scope, filter, roundKey, today))
			.query(Integer.class)
			.single();
	}

	List<SupervisionProblem> problemsByKeys(Scope scope, Collection<Long> keys) {
		return this.jdbc
			.sql("select p.* from supervision_problem p where p.id in (:keys) and "
					+ scope.areaPredicate("p.county_id", "p.town_id", "p.village_id"))
			.params(scope.parameters())
			.param("keys", keys)
			.query(PROBLEM)
			.list();
	}

	long insertProblem(long roundKey, long countyKey, @Nullable Long townKey, @Nullable Long villageKey,
			@Nullable String department, SupervisionProblem.Category category, String description, String responsible,
			LocalDate foundOn, LocalDate deadline, @Nullable String number) {
		return this.jdbc.sql("""
				insert into supervision_problem (round_id, county_id, town_id, village_id, department, category,
				                                 description, responsible, found_on, deadline, number)
				values (:round, :county, :town, :village, :department, :category, :description, :responsible,
				        :found, :deadline, :number) returning id""")
			.param("number", number)
			.param("round", roundKey)
			.param("county", countyKey)
			.param("town", townKey)
			.param("village", villageKey)
			.param("department", department)
			.param("category", category.name())
			.param("description", description)
			.param("responsible", responsible)
			.param("found", foundOn)
			.param("deadline", deadline)
			.query(Long.class)
			.single();
	}

	/** The rounds of these names, in any year, oldest first. */
	List<SupervisionRound> roundsNamed(Collection<String> names) {
		if (names.isEmpty()) {
			return List.of();
		}
		return this.jdbc
			.sql("select " + ROUND_COLUMNS + " from supervision_round r where r.name in (:names) order by r.id")
			.param("names", names)
			.query(ROUND)
			.list();
	}

	/**
	 * The problems of these rounds that carry a number, within the asker's jurisdiction.
	 */
	List<SupervisionProblem> numberedProblems(Scope scope, Collection<Long> roundKeys) {
		if (roundKeys.isEmpty()) {
			return List.of();
		}
		return this.jdbc
			.sql("select p.* from supervision_problem p where p.round_id in (:rounds) and p.number is not null and "
					+ scope.areaPredicate("p.county_id", "p.town_id", "p.village_id"))
			.params(scope.parameters())
			.param("rounds", roundKeys)
			.query(PROBLEM)
			.list();
	}

	/** Whether the round has a problem of this number, seen by the asker or not. */
	boolean numberTaken(long roundKey, String number) {
		return this.jdbc.sql("select bangfu_supervision_problem_number_taken(:round, :number)")
			.param("round", roundKey)
			.param("number", number)
			.query(Boolean.class)
			.single();
	}

	/**
	 * Changes what a list says of a problem if it is still at the version; whether it
	 * was.
	 */
	boolean correctProblem(long key, int baseVersion, @Nullable String department, SupervisionProblem.Category category,
			String description, String responsible, LocalDate foundOn, LocalDate deadline) {
		return this.jdbc.sql("""
				update supervision_problem
				set department = :department, category = :category, description = :description,
				    responsible = :responsible, found_on = :found, deadline = :deadline, version = version + 1
				where id = :key and version = :base""")
			.param("key", key)
			.param("base", baseVersion)
			.param("department", department)
			.param("category", category.name())
			.param("description", description)
			.param("responsible", responsible)
			.param("found", foundOn)
			.param("deadline", deadline)
			.update() == 1;
	}

	/**
	 * Records the rectification if the problem is still at the version; whether it was.
	 */
	boolean rectify(long key, int baseVersion, String evidence, LocalDate rectifiedOn) {
		return this.jdbc.sql("""
				update supervision_problem
				set status = 'RECTIFIED', evidence = :evidence, rectified_on = :rectified, version = version + 1
				where id = :key and version = :base and status in ('FOUND', 'SENT_BACK')""")
			.param("key", key)
			.param("base", baseVersion)
			.param("evidence", evidence)
			.param("rectified", rectifiedOn)
			.update() == 1;
	}

	/** Closes the rectified problem if it is still at the version; whether it was. */
	boolean close(long key, int baseVersion, LocalDate closedOn) {
		return this.jdbc.sql("""
				update supervision_problem set status = 'CLOSED', closed_on = :closed, version = version + 1
				where id = :key and version = :base and status = 'RECTIFIED'""")
			.param("key", key)
			.param("base", baseVersion)
			.param("closed", closedOn)
			.update() == 1;
	}

	/** Sends the rectified problem back if it is still at the version; whether it was. */
	boolean sendBack(long key, int baseVersion, String reason) {
		return this.jdbc.sql("""
				update supervision_problem set status = 'SENT_BACK', returned_reason = :reason, version = version + 1
				where id = :key and version = :base and status = 'RECTIFIED'""")
			.param("key", key)
			.param("base", baseVersion)
			.param("reason", reason)
			.update() == 1;
	}

	private static String roundFilter(Scope scope) {
		return ROUND_FILTER.formatted(coverageVisible(scope));
	}

	/** The coverage rows ({@code sc}) the asker may see, as row-level security has it. */
	private static String coverageVisible(Scope scope) {
		return """
				(case when sc.county_id is null
				      then :scope_all or exists (select from supervision_round vr where vr.id = sc.round_id
				                                 and vr.city_id = any(string_to_array(:scope_cities, ',')::bigint[]))
				      else %s end)""".formatted(scope.areaPredicate("sc.county_id", "sc.town_id", "sc.village_id"));
	}

	private static String problemFilter(Scope scope) {
		return PROBLEM_FILTER.formatted(scope.areaPredicate("p.county_id", "p.town_id", "p.village_id"));
	}

	private static Map<String, @Nullable Object> problemParams(Scope scope, ProblemFilter filter,
			@Nullable Long roundKey, LocalDate today) {
		Map<String, @Nullable Object> params = new HashMap<>(scope.parameters());
		params.put("year", filter.year());
		params.put("round", roundKey);
		params.put("status", (filter.status() != null) ? filter.status().name() : null);
		params.put("category", (filter.category() != null) ? filter.category().name() : null);
		params.put("countyCode", filter.countyCode());
		params.put("townCode", filter.townCode());
		params.put("villageCode", filter.villageCode());
		params.put("overdue", filter.overdue());
		params.put("today", today);
		return params;
	}

	/**
	 * One area or body a round covered: a county, a town (with its county), a village
	 * (with its town and county), a functional zone or a department.
	 */
	record Coverage(long roundKey, @Nullable Long countyKey, @Nullable Long townKey, @Nullable Long villageKey,
			@Nullable String zone, @Nullable String department) {
	}

}
