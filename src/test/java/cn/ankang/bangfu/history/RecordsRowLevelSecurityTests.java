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
import cn.ankang.bangfu.shared.relay.GlobalId;

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
	void villagesOwnRecordsAreReadAndWrittenOnlyWhereTheVillageIsInScope() throws Exception {
		String village = COUNTY + "003004";
		made(send(countyOfficer(COUNTY), "recordVillageCollectiveIncome", "RecordVillageCollectiveIncomeInput",
				Map.of("changeId", changeId(), "villageId", villageId(village), "year", 2023, "income", "150000.00"),
				"collectiveIncome { id }"), "collectiveIncome");
		made(send(countyOfficer(COUNTY), "postLegalAdviser", "PostLegalAdviserInput",
				Map.of("changeId", changeId(), "villageId", villageId(village), "adviserName", "测试某律师", "lawFirm",
						"安康示例律师事务所", "startedOn", LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(1).toString()),
				"posting { id }"), "posting");
		made(send(countyOfficer(COUNTY), "recordVillagePlan", "RecordVillagePlanInput",
				Map.of("changeId", changeId(), "villageId", villageId(village), "compiledYear", 2023), "plan { id }"),
				"plan");
		long key = GlobalId.decode(villageId(village)).numericKey();
		List<String> tables = List.of("village_collective_income", "legal_adviser_posting", "village_plan");
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			connection.setAutoCommit(false);
			statement.execute("set local role bangfu_app");
			scope(statement, OTHER_COUNTY);
			for (String table : tables) {
				assertThat(count(statement, "select count(*) from " + table + " where village_id = " + key)).as(table)
					.isZero();
				statement.execute("update " + table + " set version = version + 1 where village_id = " + key);
				assertThat(statement.getUpdateCount()).as(table).isZero();
			}
			assertThat(count(statement,
					"select count(*) from record_history where subject_type = 'VILLAGE' " + "and subject_key = " + key))
				.isZero();
			assertThatThrownBy(() -> statement.execute("""
					insert into village_collective_income (village_id, year, income_fen)
					values (%d, 2022, 100)""".formatted(key))).hasMessageContaining("row-level security");
			connection.rollback();
			statement.execute("set local role bangfu_app");
			scope(statement, COUNTY);
			for (String table : tables) {
				assertThat(count(statement, "select count(*) from " + table + " where village_id = " + key)).as(table)
					.isEqualTo(1);
			}
			assertThat(count(statement,
					"select count(*) from record_history where subject_type = 'VILLAGE' " + "and subject_key = " + key))
				.isEqualTo(3);
			connection.rollback();
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void bodiesThatDriveHouseholdsAndTheirYearsAreSeenAndWrittenOnlyWhereTheyLie() throws Exception {
		LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
		Map<String, Object> household = (Map<String, Object>) ((Map<String, Object>) made(send(countyOfficer(COUNTY),
				"includeHouseholdInMonitoring", "IncludeHouseholdInput",
				Map.of("changeId", changeId(), "category", "MARGINAL_AT_RISK", "riskTypes", List.of("DISASTER"),
						"source", "SELF_REPORT", "foundOn", today.toString(), "newHousehold",
						Map.of("villageId", villageId(COUNTY + "008001"), "headName", unique("户主"), "headIdNumber",
								idNumber(), "headGender", "MALE", "headBirthDate", "1960-01-01")),
				"monitoringCase { household { id } }"), "monitoringCase"))
			.get("household");
		String enterprise = (String) made(
				send(countyOfficer(COUNTY), "registerEnterprise", "RegisterEnterpriseInput",
						Map.of("changeId", changeId(), "name", unique("社区工厂"), "kind", "COMMUNITY_FACTORY", "industry",
								"COMMUNITY_FACTORY", "countyCode", COUNTY, "townCode", COUNTY + "008", "villageId",
								villageId(COUNTY + "008001"), "openedOn", "2021-05-01"),
						"enterprise { id }"),
				"enterprise")
			.get("id");
		made(send(countyOfficer(COUNTY), "recordEnterpriseYear", "RecordEnterpriseYearInput",
				Map.of("changeId", changeId(), "enterpriseId", enterprise, "year", today.getYear(), "modes",
						List.of("EMPLOYMENT"), "linkedHouseholds", 5, "linkedPeople", 12, "workers", 30,
						"workersOutOfPoverty", 12, "workersFromMonitoredHouseholds", 1, "employedHouseholdIds",
						List.of(household.get("id"))),
				"year { id }"), "year");
		long key = GlobalId.decode(enterprise).numericKey();
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			connection.setAutoCommit(false);
			statement.execute("set local role bangfu_app");
			scope(statement, OTHER_COUNTY);
			assertThat(count(statement, "select count(*) from enterprise where id = " + key)).isZero();
			assertThat(count(statement, "select count(*) from enterprise_year where enterprise_id = " + key)).isZero();
			assertThat(
					count(statement, "select count(*) from enterprise_employed_household where enterprise_id = " + key))
				.isZero();
			statement.execute("update enterprise set name = 'x' where id = " + key);
			assertThat(statement.getUpdateCount()).isZero();
			assertThatThrownBy(() -> statement.execute("""
					insert into enterprise (name, kind, industry, county_id, opened_on)
					values ('越界的合作社', 'COOPERATIVE', 'TEA', (select id from county where code = '%s'), current_date)"""
				.formatted(COUNTY))).hasMessageContaining("row-level security");
			connection.rollback();
			statement.execute("set local role bangfu_app");
			scope(statement, COUNTY);
			assertThat(count(statement, "select count(*) from enterprise where id = " + key)).isEqualTo(1);
			assertThat(count(statement, "select count(*) from enterprise_year where enterprise_id = " + key))
				.isEqualTo(1);
			assertThat(
					count(statement, "select count(*) from enterprise_employed_household where enterprise_id = " + key))
				.isEqualTo(1);
			statement.execute("update enterprise_year set workers = workers where enterprise_id = " + key);
			assertThat(statement.getUpdateCount()).isEqualTo(1);
			connection.rollback();
		}
	}

	@Test
	void supervisionProblemsAreSeenAndWrittenOnlyWhereTheyWereFoundAndRoundsOnlyByTheirCity() throws Exception {
		LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
		String round = (String) made(send(cityLeader(), "createSupervisionRound", "CreateSupervisionRoundInput",
				Map.of("changeId", changeId(), "cityCode", CITY, "name", unique("督帮"), "organiser", "市委农办", "startedOn",
						today.minusDays(3).toString(), "endedOn", today.toString(), "countyCodes", List.of(COUNTY)),
				"round { id }"), "round")
			.get("id");
		String problem = (String) made(
				send(countyOfficer(COUNTY), "recordSupervisionProblem", "RecordSupervisionProblemInput",
						Map.of("changeId", changeId(), "roundId", round, "areaCode", COUNTY + "003", "category",
								"MONITORING", "description", "监测对象识别纳入不及时", "responsible", "镇政府", "foundOn",
								today.toString(), "deadline", today.plusDays(30).toString()),
						"problem { id }"),
				"problem")
			.get("id");
		long roundKey = GlobalId.decode(round).numericKey();
		long key = GlobalId.decode(problem).numericKey();
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			connection.setAutoCommit(false);
			statement.execute("set local role bangfu_app");
			scope(statement, OTHER_COUNTY);
			assertThat(count(statement, "select count(*) from supervision_problem where id = " + key)).isZero();
			assertThat(count(statement, "select count(*) from supervision_round where id = " + roundKey)).isEqualTo(1);
			// what the round covered in another county is not this officer's
			assertThat(count(statement, "select count(*) from supervision_coverage where round_id = " + roundKey))
				.isZero();
			// the problem's history follows the problem; the round's is everyone's
			assertThat(count(statement, "select count(*) from record_history where subject_type = "
					+ "'SUPERVISION_PROBLEM' and subject_key = " + key))
				.isZero();
			statement.execute("update supervision_problem set status = 'FOUND' where id = " + key);
			assertThat(statement.getUpdateCount()).isZero();
			statement.execute("update supervision_round set name = name where id = " + roundKey);
			assertThat(statement.getUpdateCount()).isZero();
			assertThatThrownBy(() -> statement.execute("""
					insert into supervision_problem (round_id, county_id, category, description, responsible, found_on,
					                                 deadline)
					values (%d, (select id from county where code = '%s'), 'OTHER', 'xx', 'xx', current_date,
					        current_date)""".formatted(roundKey, COUNTY))).hasMessageContaining("row-level security");
			connection.rollback();
			statement.execute("set local role bangfu_app");
			scope(statement, COUNTY);
			assertThat(count(statement, "select count(*) from supervision_problem where id = " + key)).isEqualTo(1);
			assertThat(count(statement, "select count(*) from supervision_coverage where round_id = " + roundKey))
				.isEqualTo(1);
			assertThat(count(statement, "select count(*) from record_history where subject_type = "
					+ "'SUPERVISION_PROBLEM' and subject_key = " + key))
				.isEqualTo(1);
			statement.execute("update supervision_problem set responsible = responsible where id = " + key);
			assertThat(statement.getUpdateCount()).isEqualTo(1);
			// a county's officer keeps no round of the city
			assertThatThrownBy(() -> statement
				.execute("insert into supervision_coverage (round_id, zone) values (%d, '高新区')".formatted(roundKey)))
				.hasMessageContaining("row-level security");
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

	@Test
	void trainingJobsAndRelocationSupportAreReadAndWrittenOnlyInTheirVillagesScope() throws Exception {
		LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
		Map<String, Object> household = made(
				send(countyOfficer(COUNTY), "registerExitedHousehold", "RegisterExitedHouseholdInput",
						Map.of("changeId", changeId(), "villageId", villageId(COUNTY + "008001"), "householdNumber",
								unique("RLS-"), "headName", unique("户主"), "headIdNumber", idNumber(), "people", 3,
								"exitedYear", 2018, "relocated", true),
						"household { id }"),
				"household");
		Object id = household.get("id");
		made(send(countyOfficer(COUNTY), "recordExitedHouseholdTraining", "RecordExitedHouseholdTrainingInput",
				Map.of("changeId", changeId(), "householdId", id, "baseVersion", 1, "year", today.getYear(), "courses",
						List.of(Map.of("programme", "YULU_PLAN", "people", 1, "subsidy", "1500"))),
				"household { id }"), "household");
		made(send(countyOfficer(COUNTY), "recordRelocationSupport", "RecordRelocationSupportInput",
				Map.of("changeId", changeId(), "householdId", id, "baseVersion", 2, "year", today.getYear(), "support",
						List.of(Map.of("kind", "JOB"))),
				"household { id }"), "household");
		made(send(countyOfficer(COUNTY), "postPublicWelfareJob", "PostPublicWelfareJobInput",
				Map.of("changeId", changeId(), "householdId", id, "kind", "WATER_KEEPER", "startedOn", today.toString(),
						"monthlyPay", "600"),
				"job { id }"), "job");
		long key = GlobalId.decode((String) id).numericKey();
		List<String> tables = List.of("exited_household_training", "relocation_support", "public_welfare_job");
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			connection.setAutoCommit(false);
			statement.execute("set local role bangfu_app");
			scope(statement, OTHER_COUNTY);
			for (String table : tables) {
				assertThat(count(statement, "select count(*) from " + table + " where household_id = " + key)).as(table)
					.isZero();
			}
			statement.execute("update public_welfare_job set ended_on = started_on where household_id = " + key);
			assertThat(statement.getUpdateCount()).isZero();
			statement.execute("delete from relocation_support where household_id = " + key);
			assertThat(statement.getUpdateCount()).isZero();
			assertThatThrownBy(() -> statement.execute("""
					insert into public_welfare_job (household_id, village_id, kind, started_on, monthly_pay_fen)
					values (%d, (select id from village where code = '%s'), 'OTHER', current_date, 100)"""
				.formatted(key, COUNTY + "008001"))).hasMessageContaining("row-level security");
			connection.rollback();
			statement.execute("set local role bangfu_app");
			scope(statement, COUNTY);
			for (String table : tables) {
				assertThat(count(statement, "select count(*) from " + table + " where household_id = " + key)).as(table)
					.isEqualTo(1);
			}
			assertThatThrownBy(() -> statement.execute("delete from public_welfare_job where household_id = " + key))
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
