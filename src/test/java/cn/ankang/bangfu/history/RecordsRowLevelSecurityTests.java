package cn.ankang.bangfu.history;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.RecordsTestSupport;
import cn.ankang.bangfu.shared.GlobalId;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The new tables of kept records with PostgreSQL's row-level security alone: the
 * service's login, in an officer's scope, reads a project's beneficiary households only
 * where the households are in scope, reads every project but writes none outside its
 * counties. Records are made through the API; the checks run as the service's login in a
 * transaction rolled back at the end.
 */
class RecordsRowLevelSecurityTests extends RecordsTestSupport {

	@Autowired
	DataSource dataSource;

	@Test
	@SuppressWarnings("unchecked")
	void beneficiariesFollowTheirHouseholdsAndProjectsAreWrittenOnlyInTheWritersCounties() throws Exception {
		LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
		Map<String, Object> household = (Map<String, Object>) ((Map<String, Object>) made(send(countyOfficer(COUNTY),
				"includeHouseholdInMonitoring", "IncludeHouseholdInput",
				Map.of("changeId", changeId(), "category", "MARGINAL_AT_RISK", "riskTypes", List.of("DISASTER"),
						"source", "SELF_REPORT", "foundOn", today.toString(), "newHousehold",
						Map.of("villageId", villageId(COUNTY + "008001"), "headName", unique("户主"), "headIdNumber",
								idNumber(), "headGender", "MALE", "headBirthDate", "1960-01-01")),
				"monitoringCase { household { id } }"), "monitoringCase"))
			.get("household");
		String project = (String) made(send(countyOfficer(COUNTY), "createProject", "CreateProjectInput",
				Map.of("changeId", changeId(), "name", unique("灾后重建项目"), "category", "HOUSING", "year", today.getYear(),
						"countyCode", COUNTY, "townCode", COUNTY + "008", "plannedAmount", "50000.00", "enteredOn",
						today.toString()),
				"project { id }"), "project")
			.get("id");
		made(send(countyOfficer(COUNTY), "linkProjectBeneficiaries", "LinkProjectBeneficiariesInput", Map.of("changeId",
				changeId(), "projectId", project, "baseVersion", 1, "addHouseholdIds", List.of(household.get("id"))),
				"project { beneficiaryHouseholds }"), "project");
		long key = GlobalId.decode(project).numericKey();
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			connection.setAutoCommit(false);
			statement.execute("set local role bangfu_app");
			scope(statement, OTHER_COUNTY);
			assertThat(count(statement, "select count(*) from project_beneficiary where project_id = " + key)).isZero();
			assertThat(count(statement, "select count(*) from project where id = " + key)).isEqualTo(1);
			assertThat(count(statement, "select count(*) from project_step where project_id = " + key)).isEqualTo(1);
			// an update of a row the policy hides from writers changes nothing
			statement.execute("update project set name = 'x' where id = " + key);
			assertThat(statement.getUpdateCount()).isZero();
			assertThatThrownBy(() -> statement.execute("""
					insert into project_step (project_id, to_status, occurred_on, actor_name, actor_role)
					values (%d, 'APPROVED', current_date, 'x', 'x')""".formatted(key)))
				.hasMessageContaining("row-level security");
			connection.rollback();
			statement.execute("set local role bangfu_app");
			scope(statement, COUNTY);
			assertThat(count(statement, "select count(*) from project_beneficiary where project_id = " + key))
				.isEqualTo(1);
			statement.execute("update project set name = name where id = " + key);
			assertThat(statement.getUpdateCount()).isEqualTo(1);
			connection.rollback();
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void theOutOfPovertyRegisterIsReadAndWrittenOnlyInItsVillagesScope() throws Exception {
		LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
		Map<String, Object> household = made(
				send(countyOfficer(COUNTY), "registerExitedHousehold", "RegisterExitedHouseholdInput",
						Map.of("changeId", changeId(), "villageId", villageId(COUNTY + "008001"), "householdNumber",
								unique("RLS-"), "headName", unique("户主"), "headIdNumber", idNumber(), "people", 3,
								"exitedYear", 2018, "relocated", true),
						"household { id }"),
				"household");
		made(send(countyOfficer(COUNTY), "recordExitedHouseholdYear", "RecordExitedHouseholdYearInput",
				Map.of("changeId", changeId(), "householdId", household.get("id"), "baseVersion", 1, "year",
						today.getYear(), "people", 3, "perCapitaNetIncome", "9000", "employment",
						List.of(Map.of("place", "IN_COUNTY", "kind", "ENTERPRISE", "people", 1))),
				"household { id }"), "household");
		Map<String, Object> loan = made(send(countyOfficer(COUNTY), "issueMicrocreditLoan", "IssueMicrocreditLoanInput",
				Map.of("changeId", changeId(), "householdId", household.get("id"), "amount", "30000", "termMonths", 36,
						"issuedOn", today.toString()),
				"loan { id }"), "loan");
		made(send(countyOfficer(COUNTY), "recordMicrocreditRepayment", "RecordMicrocreditRepaymentInput",
				Map.of("changeId", changeId(), "loanId", loan.get("id"), "baseVersion", 1, "amount", "1000", "repaidOn",
						today.toString()),
				"loan { id }"), "loan");
		long key = GlobalId.decode((String) household.get("id")).numericKey();
		List<String> tables = List.of("exited_household where id", "exited_household_year where household_id",
				"exited_household_employment where household_id", "microcredit_loan where household_id",
				"microcredit_repayment where household_id");
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			connection.setAutoCommit(false);
			statement.execute("set local role bangfu_app");
			scope(statement, OTHER_COUNTY);
			for (String table : tables) {
				assertThat(count(statement, "select count(*) from " + table + " = " + key)).as(table).isZero();
			}
			statement.execute("update exited_household set people = 4 where id = " + key);
			assertThat(statement.getUpdateCount()).isZero();
			assertThatThrownBy(() -> statement.execute("""
					insert into exited_household_year (household_id, village_id, year, people, per_capita_income_fen)
					select id, village_id, 2015, 3, 100 from exited_household where id = %d
					union all select %d, (select id from village where code = '%s'), 2015, 3, 100""".formatted(key, key,
					COUNTY + "008001")))
				.hasMessageContaining("row-level security");
			connection.rollback();
			statement.execute("set local role bangfu_app");
			scope(statement, COUNTY);
			for (String table : tables) {
				assertThat(count(statement, "select count(*) from " + table + " = " + key)).as(table).isEqualTo(1);
			}
			// nothing of the register is deleted but a year's work, which a new record
			// replaces
			assertThatThrownBy(() -> statement.execute("delete from microcredit_repayment where household_id = " + key))
				.hasMessageContaining("permission denied");
			connection.rollback();
		}
	}

	private static void scope(Statement statement, String county) throws Exception {
		statement.execute("select set_config('bangfu.scope_counties', (select id::text from county where code = '"
				+ county + "'), true)");
	}

	private static long count(Statement statement, String sql) throws Exception {
		try (ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getLong(1);
		}
	}

}
