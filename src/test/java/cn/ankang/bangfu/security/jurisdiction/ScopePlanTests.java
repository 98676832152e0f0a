package cn.ankang.bangfu.security.jurisdiction;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.ApiTestSupport;
import cn.ankang.bangfu.TestDatabase;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service's own scope predicates run on generic plans, planned once for every user:
 * each finds a city's or a county's villages by index from the areas named, never by
 * reading every village of the data set, which grows with it (a country at 100×).
 */
class ScopePlanTests extends ApiTestSupport {

	/** The predicates' named parameters, as a prepared statement's, in this order. */
	private static final List<String> PARAMETERS = List.of("scope_all", "scope_cities", "scope_counties", "scope_towns",
			"scope_cadre", "scope_today", "scope_units");

	@Autowired
	private DataSource dataSource;

	@Test
	void aCitysAndACountysVillagesAreFoundByIndexOnAGenericPlan() throws SQLException {
		long city = this.jdbc.sql("select min(id) from city").query(Long.class).single();
		long county = this.jdbc.sql("select min(id) from county").query(Long.class).single();
		Scope scope = new Scope(false, List.of(city), List.of(county), List.of(), null, List.of(), LocalDate.now());
		String predicate = scope.villagePredicate("h.village_id");
		for (int i = 0; i < PARAMETERS.size(); i++) {
			predicate = predicate.replace(":" + PARAMETERS.get(i), "$" + (i + 1));
		}
		List<String> plan = new ArrayList<>();
		try (Connection connection = TestDatabase.ownerDataSource(this.dataSource).getConnection();
				Statement statement = connection.createStatement()) {
			connection.setAutoCommit(false);
			statement.execute("set local plan_cache_mode = force_generic_plan");
			statement.execute("prepare scope_plan(boolean, text, text, text, bigint, date, text) as "
					+ "select count(*) from household h where " + predicate);
			try (ResultSet rows = statement
				.executeQuery("explain execute scope_plan(false, '%d', '%d', '', null, current_date, '')"
					.formatted(city, county))) {
				while (rows.next()) {
					plan.add(rows.getString(1));
				}
			}
			connection.rollback();
			statement.execute("deallocate scope_plan");
		}
		assertThat(String.join("\n", plan)).contains("village_town_idx").doesNotContain("Seq Scan on village");
	}

}
