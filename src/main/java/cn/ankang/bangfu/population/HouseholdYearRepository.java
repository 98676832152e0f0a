package cn.ankang.bangfu.population;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.values.Rows;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the register's households' years ({@code exited_household_year}: people and
 * per-capita income) and of the work their people do
 * ({@code exited_household_employment}), as a household's keepers record them and as the
 * ledger import brings them. Behind row-level security by village (V34) as the households
 * are.
 */
@Repository
class HouseholdYearRepository {

	private static final RowMapper<HouseholdYear> YEAR = (rs, n) -> new HouseholdYear(rs.getLong("household_id"),
			rs.getInt("year"), rs.getInt("people"), rs.getLong("per_capita_income_fen"),
			Rows.intOrNull(rs, "people_in_work"));

	private static final RowMapper<Employment> EMPLOYMENT = (rs, n) -> new Employment(rs.getLong("household_id"),
			rs.getInt("year"), Rows.enumOf(rs, "place", Employment.Place.class),
			Rows.enumOf(rs, "kind", Employment.Kind.class), rs.getInt("people"));

	private final JdbcClient jdbc;

	HouseholdYearRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
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

}
