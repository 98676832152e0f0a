package cn.ankang.bangfu.household;

import java.util.Collection;
import java.util.List;

import cn.ankang.bangfu.shared.values.Rows;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of households' incomes ({@code household_income}), a row per household and
 * year.
 */
@Repository
class IncomeRepository {

	private static final RowMapper<AnnualIncome> INCOME = (rs, n) -> new AnnualIncome(rs.getLong("household_id"),
			rs.getInt("year"), rs.getLong("per_capita_income_fen"), Rows.longOrNull(rs, "wages_fen"),
			Rows.longOrNull(rs, "business_fen"), Rows.longOrNull(rs, "transfer_fen"),
			Rows.longOrNull(rs, "property_fen"), Rows.intOrNull(rs, "people"));

	private final JdbcClient jdbc;

	IncomeRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<AnnualIncome> incomesOf(Collection<Long> householdKeys) {
		return this.jdbc.sql("select * from household_income where household_id in (:keys) order by household_id, year")
			.param("keys", householdKeys)
			.query(INCOME)
			.list();
	}

	void upsertIncome(long household, int year, long wages, long business, long transfers, long property, int people) {
		this.jdbc.sql("""
				insert into household_income (household_id, year, per_capita_income_fen, wages_fen, business_fen,
				                              transfer_fen, property_fen, people)
				values (:h, :year, (:wages + :business + :transfers + :property) / :people, :wages, :business,
				        :transfers, :property, :people)
				on conflict (household_id, year) do update
				set per_capita_income_fen = excluded.per_capita_income_fen, wages_fen = excluded.wages_fen,
				    business_fen = excluded.business_fen, transfer_fen = excluded.transfer_fen,
				    property_fen = excluded.property_fen, people = excluded.people""")
			.param("h", household)
			.param("year", year)
			.param("wages", wages)
			.param("business", business)
			.param("transfers", transfers)
			.param("property", property)
			.param("people", people)
			.update();
	}

}
