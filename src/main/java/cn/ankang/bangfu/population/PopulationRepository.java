package cn.ankang.bangfu.population;

import java.time.LocalDate;
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
 * The SQL of the out-of-poverty register and its microcredit. Every table is behind
 * row-level security by village (V34); the statements say the jurisdiction too.
 */
@Repository
class PopulationRepository {

	static final String HOUSEHOLD_LIST = "exitedHouseholds";

	static final String LOAN_LIST = "microcreditLoans";

	private static final RowMapper<ExitedHousehold> HOUSEHOLD = (rs, n) -> new ExitedHousehold(rs.getLong("id"),
			rs.getLong("village_id"), rs.getString("household_number"), rs.getString("head_name"),
			rs.getString("head_id_number"), rs.getInt("people"), rs.getInt("exited_year"), rs.getBoolean("relocated"),
			Rows.longOrNull(rs, "responsible_cadre_id"), Rows.longOrNull(rs, "household_id"),
			Rows.longOrNull(rs, "relocation_community_id"), rs.getBoolean("personal_visible"), rs.getInt("version"));

	private static final RowMapper<HouseholdYear> YEAR = (rs, n) -> new HouseholdYear(rs.getLong("household_id"),
			rs.getInt("year"), rs.getInt("people"), rs.getLong("per_capita_income_fen"),
			Rows.intOrNull(rs, "people_in_work"));

	private static final RowMapper<Employment> EMPLOYMENT = (rs, n) -> new Employment(rs.getLong("household_id"),
			rs.getInt("year"), Rows.enumOf(rs, "place", Employment.Place.class),
			Rows.enumOf(rs, "kind", Employment.Kind.class), rs.getInt("people"));

	private static final RowMapper<MicrocreditLoan> LOAN = (rs, n) -> new MicrocreditLoan(rs.getLong("id"),
			rs.getLong("household_id"), rs.getLong("village_id"), rs.getLong("amount_fen"), rs.getInt("term_months"),
			Rows.date(rs, "issued_on"), Rows.date(rs, "due_on"), rs.getLong("repaid_fen"),
			Rows.dateOrNull(rs, "repaid_on"), rs.getInt("version"), MicrocreditLoan.statusOn(Rows.date(rs, "status_on"),
					rs.getLong("amount_fen"), Rows.date(rs, "due_on"), rs.getLong("repaid_then")));

	private static final String AREAS = """
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

	private static final String LOANS = """
			from microcredit_loan l
			cross join lateral (select coalesce(sum(r.amount_fen), 0) as repaid_then from microcredit_repayment r
			                    where r.loan_id = l.id and r.repaid_on <= :on) rp
			where l.issued_on <= :on and %s
			  and (cast(:household as bigint) is null or l.household_id = :household)
			  and (cast(:issuedYear as integer) is null or extract(year from l.issued_on) = :issuedYear)
			  and (cast(:status as text) is null or (case when rp.repaid_then >= l.amount_fen then 'REPAID'
			                                             when l.due_on < :on then 'OVERDUE'
			                                             else 'OUTSTANDING' end) = :status)
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

	List<HouseholdYear> yearsOf(Collection<Long> householdKeys) {
		return this.jdbc
			.sql("select * from exited_household_year where household_id in (:keys) order by household_id, year")
			.param("keys", householdKeys)
			.query(YEAR)
			.list();
	}

	List<Employment> employmentOf(Collection<Long> householdKeys) {
		return this.jdbc.sql("""
				select * from exited_household_employment where household_id in (:keys)
				order by household_id, year, place, kind""").param("keys", householdKeys).query(EMPLOYMENT).list();
	}

	void upsertYear(long household, long village, int year, int people, long perCapitaIncomeFen, int peopleInWork) {
		this.jdbc.sql("""
				insert into exited_household_year (household_id, village_id, year, people, per_capita_income_fen,
				                                   people_in_work)
				values (:household, :village, :year, :people, :income, :inWork)
				on conflict (household_id, year, village_id) do update
				set people = excluded.people, per_capita_income_fen = excluded.per_capita_income_fen,
				    people_in_work = excluded.people_in_work, version = exited_household_year.version + 1
				where (exited_household_year.people, exited_household_year.per_capita_income_fen,
				       exited_household_year.people_in_work)
				      is distinct from (excluded.people, excluded.per_capita_income_fen, excluded.people_in_work)""")
			.param("household", household)
			.param("village", village)
			.param("year", year)
			.param("people", people)
			.param("income", perCapitaIncomeFen)
			.param("inWork", peopleInWork)
			.update();
	}

	/** The year's work as given: rows no longer given go, changed counts change. */
	void replaceEmployment(long household, long village, int year, List<Employment> rows) {
		this.jdbc
			.sql("""
					delete from exited_household_employment e
					where e.household_id = :household and e.year = :year
					  and (e.place, e.kind) not in (select p, k from unnest(cast(:places as text[]), cast(:kinds as text[])) as g(p, k))""")
			.param("household", household)
			.param("year", year)
			.param("places", rows.stream().map((row) -> row.place().name()).toArray(String[]::new))
			.param("kinds", rows.stream().map((row) -> row.kind().name()).toArray(String[]::new))
			.update();
		for (Employment row : rows) {
			this.jdbc.sql("""
					insert into exited_household_employment (household_id, village_id, year, place, kind, people)
					values (:household, :village, :year, :place, :kind, :people)
					on conflict (household_id, year, place, kind) do update set people = excluded.people
					where exited_household_employment.people <> excluded.people""")
				.param("household", household)
				.param("village", village)
				.param("year", year)
				.param("place", row.place().name())
				.param("kind", row.kind().name())
				.param("people", row.people())
				.update();
		}
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

	/**
	 * What the years of these households break their people in work down to (by where and
	 * how), by household and year; years without a breakdown are absent.
	 */
	Map<String, Integer> employmentTotals(Collection<Long> householdKeys) {
		Map<String, Integer> totals = new java.util.HashMap<>();
		if (householdKeys.isEmpty()) {
			return totals;
		}
		this.jdbc.sql("""
				select household_id, year, sum(people) as people from exited_household_employment
				where household_id in (:keys) group by household_id, year""")
			.param("keys", householdKeys)
			.query((rs, n) -> totals.put(rs.getLong("household_id") + "|" + rs.getInt("year"), rs.getInt("people")))
			.list();
		return totals;
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

	/**
	 * Records a household's year, or changes it; people in work left as they are when not
	 * given (null).
	 */
	void importYear(long household, long village, int year, int people, long perCapitaIncomeFen,
			@Nullable Integer peopleInWork) {
		this.jdbc.sql("""
				insert into exited_household_year (household_id, village_id, year, people, per_capita_income_fen,
				                                   people_in_work)
				values (:household, :village, :year, :people, :income, :inWork)
				on conflict (household_id, year, village_id) do update
				set people = excluded.people, per_capita_income_fen = excluded.per_capita_income_fen,
				    people_in_work = coalesce(cast(:inWork as integer), exited_household_year.people_in_work),
				    version = exited_household_year.version + 1""")
			.param("household", household)
			.param("village", village)
			.param("year", year)
			.param("people", people)
			.param("income", perCapitaIncomeFen)
			.param("inWork", peopleInWork)
			.update();
	}

	private static String loans(Scope scope) {
		return LOANS.formatted(AREAS.formatted("l.village_id"), scope.villagePredicate("l.village_id"));
	}

	List<MicrocreditLoan> loans(LoanFilterValues filter, PageRequest page, Scope scope) {
		return this.jdbc.sql("select l.*, rp.repaid_then, cast(:on as date) as status_on " + loans(scope) + """
				  and (cast(:after as bigint) is null or l.id > :after)
				order by l.id
				limit :limit
				""")
			.params(filter.parameters())
			.params(scope.parameters())
			.param("after", page.afterId(LOAN_LIST))
			.param("limit", page.fetchSize())
			.query(LOAN)
			.list();
	}

	int countLoans(LoanFilterValues filter, Scope scope) {
		return this.jdbc.sql("select count(*) " + loans(scope))
			.params(filter.parameters())
			.params(scope.parameters())
			.query(Integer.class)
			.single();
	}

	List<MicrocreditLoan> loansByKeys(Collection<Long> keys, LocalDate on, Scope scope) {
		return this.jdbc.sql("""
				select l.*, l.repaid_fen as repaid_then, cast(:on as date) as status_on from microcredit_loan l
				where l.id in (:keys) and """ + scope.villagePredicate("l.village_id"))
			.param("keys", keys)
			.param("on", on)
			.params(scope.parameters())
			.query(LOAN)
			.list();
	}

	List<MicrocreditLoan> loansOf(Collection<Long> householdKeys, LocalDate on) {
		return this.jdbc.sql("""
				select l.*, l.repaid_fen as repaid_then, cast(:on as date) as status_on from microcredit_loan l
				where l.household_id in (:keys) order by l.household_id, l.issued_on, l.id""")
			.param("keys", householdKeys)
			.param("on", on)
			.query(LOAN)
			.list();
	}

	Optional<MicrocreditLoan> lockLoan(long key, LocalDate on, Scope scope) {
		return this.jdbc.sql("""
				select l.*, l.repaid_fen as repaid_then, cast(:on as date) as status_on from microcredit_loan l
				where l.id = :key and """ + scope.villagePredicate("l.village_id") + " for update of l")
			.param("key", key)
			.param("on", on)
			.params(scope.parameters())
			.query(LOAN)
			.optional();
	}

	long insertLoan(long household, long village, long amountFen, int termMonths, LocalDate issuedOn, LocalDate dueOn) {
		return this.jdbc.sql("""
				insert into microcredit_loan (household_id, village_id, amount_fen, term_months, issued_on, due_on)
				values (:household, :village, :amount, :term, :issued, :due) returning id""")
			.param("household", household)
			.param("village", village)
			.param("amount", amountFen)
			.param("term", termMonths)
			.param("issued", issuedOn)
			.param("due", dueOn)
			.query(Long.class)
			.single();
	}

	void insertRepayment(MicrocreditLoan loan, long amountFen, LocalDate repaidOn) {
		this.jdbc.sql("""
				insert into microcredit_repayment (loan_id, household_id, village_id, amount_fen, repaid_on)
				values (:loan, :household, :village, :amount, :repaidOn)""")
			.param("loan", loan.key())
			.param("household", loan.householdKey())
			.param("village", loan.villageKey())
			.param("amount", amountFen)
			.param("repaidOn", repaidOn)
			.update();
		this.jdbc.sql("""
				update microcredit_loan set repaid_fen = repaid_fen + :amount,
				       repaid_on = greatest(coalesce(repaid_on, :repaidOn), :repaidOn), version = version + 1
				where id = :loan""")
			.param("loan", loan.key())
			.param("amount", amountFen)
			.param("repaidOn", repaidOn)
			.update();
	}

}
