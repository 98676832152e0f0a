package cn.ankang.bangfu.security;

import cn.ankang.bangfu.security.jurisdiction.Jurisdiction;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jurisdiction tests of households, members, measures and visits
 * ({@link HouseholdJurisdictionApiTests}) again, with the service's own SQL filter
 * switched off: what keeps rows out here is PostgreSQL's row-level security alone.
 * {@link RowLevelSecurityOnlyRecordsTests} does the same for the other records, in the
 * same context.
 */
@TestPropertySource(properties = "bangfu.security.application-filter=false")
class RowLevelSecurityOnlyTests extends HouseholdJurisdictionApiTests {

	@Autowired
	Jurisdiction jurisdiction;

	@Test
	void theServicesOwnFilterIsReallyOffHere() {
		assertThat(this.jurisdiction.forQueries().all()).isTrue();
	}

	@Test
	void theServiceWorksAsARoleThatOwnsNothingAndCannotEscapeThePolicies() {
		// the tables of personal and kept records, each behind its policies
		List<String> tables = List.of("assistance_measure", "household", "household_income", "household_member",
				"visit", "village_collective_income", "legal_adviser_posting", "village_plan", "relocation_community",
				"enterprise", "enterprise_year", "enterprise_employed_household", "supervision_round",
				"supervision_coverage", "supervision_problem", "exited_household", "exited_household_year",
				"exited_household_employment", "microcredit_loan", "microcredit_repayment", "exited_household_training",
				"public_welfare_job", "relocation_support");
		assertThat(this.jdbc.sql("select tablename from pg_tables where rowsecurity and tablename in (:tables)")
			.param("tables", tables)
			.query(String.class)
			.list()).containsExactlyInAnyOrderElementsOf(tables);
		assertThat(sqlString("select rolsuper::text || rolbypassrls::text from pg_roles where rolname = 'bangfu_app'"))
			.isEqualTo("falsefalse");
		assertThat(sqlInt("select count(*) from pg_tables where tableowner = 'bangfu_app'")).isZero();
	}

	@Test
	void aHouseholdsRowsCarryItsVillageAndFollowItToAnother() throws Exception {
		// as the owner, in a transaction rolled back at the end: the shared data stays as
		// it was
		try (java.sql.Connection connection = java.sql.DriverManager.getConnection(
				cn.ankang.bangfu.TestDatabase.jdbcUrl(), cn.ankang.bangfu.TestDatabase.username(),
				cn.ankang.bangfu.TestDatabase.password());
				java.sql.Statement statement = connection.createStatement()) {
			connection.setAutoCommit(false);
			try {
				java.sql.ResultSet household = statement.executeQuery("""
						select h.id, h.village_id from household h
						where not exists (select from visit v where v.household_id = h.id)
						order by h.id limit 1""");
				household.next();
				long id = household.getLong(1);
				long village = household.getLong(2);
				statement.execute("insert into assistance_measure (household_id, type, description, started_on) "
						+ "values (" + id + ", 'EMPLOYMENT', 'rls test', date '2024-01-01')");
				assertThat(single(statement, "select count(*) from assistance_measure where household_id = " + id
						+ " and village_id <> " + village))
					.isZero();
				long other = single(statement,
						"select id from village where id <> " + village + " order by id limit 1");
				statement.execute("update household set village_id = " + other + " where id = " + id);
				for (String table : java.util.List.of("assistance_measure", "household_member", "household_income")) {
					assertThat(single(statement, "select count(*) from " + table + " where household_id = " + id
							+ " and village_id <> " + other))
						.as(table)
						.isZero();
				}
			}
			finally {
				connection.rollback();
			}
		}
	}

	private static long single(java.sql.Statement statement, String sql) throws java.sql.SQLException {
		try (java.sql.ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getLong(1);
		}
	}

}
