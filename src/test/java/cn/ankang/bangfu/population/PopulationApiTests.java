package cn.ankang.bangfu.population;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.RecordsTestSupport;

import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The out-of-poverty register kept through the API: households registered, their years
 * and loans recorded once however often sent, amounts that cannot be right refused in
 * Chinese with nothing stored, and the report's watched groups listed for their cadres.
 */
class PopulationApiTests extends RecordsTestSupport {

	private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

	@Test
	void aCadreRegistersAHouseholdAndRecordsItsYearAndLoanEachOnce() {
		String village = lastVillage("610921");
		HttpGraphQlTester cadre = postedCadre(village);
		Map<String, Object> input = register(village, "Y-", false);
		Map<String, Object> first = made(send(cadre, "registerExitedHousehold", "RegisterExitedHouseholdInput", input,
				"household { id version }"), "household");
		// sent again, as a phone does after losing the answer: answered as the first time
		Map<String, Object> again = made(send(cadre, "registerExitedHousehold", "RegisterExitedHouseholdInput", input,
				"household { id version }"), "household");
		assertThat(again).isEqualTo(first);
		assertThat(count("select count(*) from exited_household where household_number = '%s'"
			.formatted(input.get("householdNumber")))).isEqualTo(1);
		String household = (String) first.get("id");
		Map<String, Object> year = Map.of("changeId", changeId(), "householdId", household, "baseVersion", 1, "year",
				TODAY.getYear(), "people", 4, "perCapitaNetIncome", "15234.50", "employment",
				List.of(Map.of("place", "OUT_OF_PROVINCE", "kind", "ENTERPRISE", "people", 2),
						Map.of("place", "IN_COUNTY", "kind", "COMMUNITY_FACTORY", "people", 1)));
		made(send(cadre, "recordExitedHouseholdYear", "RecordExitedHouseholdYearInput", year, "household { version }"),
				"household");
		made(send(cadre, "recordExitedHouseholdYear", "RecordExitedHouseholdYearInput", year, "household { version }"),
				"household");
		Map<String, Object> loan = made(
				send(cadre, "issueMicrocreditLoan", "IssueMicrocreditLoanInput",
						Map.of("changeId", changeId(), "householdId", household, "amount", "50000", "termMonths", 36,
								"issuedOn", TODAY.minusDays(10).toString()),
						"loan { id version dueOn status owed }"),
				"loan");
		assertThat(loan).containsEntry("dueOn", TODAY.minusDays(10).plusMonths(36).toString())
			.containsEntry("status", "OUTSTANDING")
			.containsEntry("owed", "50000.00");
		Map<String, Object> repayment = Map.of("changeId", changeId(), "loanId", loan.get("id"), "baseVersion", 1,
				"amount", "20000", "repaidOn", TODAY.toString());
		made(send(cadre, "recordMicrocreditRepayment", "RecordMicrocreditRepaymentInput", repayment, "loan { id }"),
				"loan");
		Map<String, Object> repaid = made(send(cadre, "recordMicrocreditRepayment", "RecordMicrocreditRepaymentInput",
				repayment, "loan { owed repaid version status }"), "loan");
		assertThat(repaid).containsEntry("owed", "30000.00")
			.containsEntry("repaid", "20000.00")
			.containsEntry("version", 2)
			.containsEntry("status", "OUTSTANDING");
		cadre.document("""
				query($id: ID!) { node(id: $id) { ... on ExitedHousehold { version headIdNumber
				  years { year people perCapitaNetIncome employment { place kind people } }
				  loans { amount owed } } } }""")
			.variable("id", household)
			.execute()
			.path("node.version")
			.entity(Integer.class)
			.isEqualTo(2)
			.path("node.headIdNumber")
			.entity(String.class)
			.isEqualTo((String) input.get("headIdNumber"))
			.path("node.years[0].perCapitaNetIncome")
			.entity(String.class)
			.isEqualTo("15234.50")
			.path("node.years[0].employment")
			.entityList(Object.class)
			.hasSize(2)
			.path("node.loans[0].owed")
			.entity(String.class)
			.isEqualTo("30000.00");
		// the history of the changes is kept by the database, under the household
		long key = cn.ankang.bangfu.shared.relay.GlobalId.decode(household).numericKey();
		assertThat(count(
				"select count(*) from record_history where subject_type = 'EXITED_HOUSEHOLD' and subject_key = " + key))
			.isEqualTo(1 + 1 + 2 + 1 + 1 + 1);
	}

	@Test
	void amountsThatCannotBeRightAndChangesOutsideTheJurisdictionAreRefusedWithNothingStored() {
		String village = lastVillage("610922");
		HttpGraphQlTester cadre = postedCadre(village);
		Map<String, Object> input = register(village, "R-", false);
		String household = (String) made(
				send(cadre, "registerExitedHousehold", "RegisterExitedHouseholdInput", input, "household { id }"),
				"household")
			.get("id");
		// the same ID number again
		Map<String, Object> twice = new HashMap<>(register(village, "R-", false));
		twice.put("headIdNumber", input.get("headIdNumber"));
		refused(cadre, "registerExitedHousehold", "RegisterExitedHouseholdInput", twice, "ALREADY_EXISTS");
		refused(cadre, "registerExitedHousehold", "RegisterExitedHouseholdInput",
				with(register(village, "R-", false), "people", 0), "INVALID_INPUT");
		refused(cadre, "registerExitedHousehold", "RegisterExitedHouseholdInput",
				with(register(village, "R-", false), "exitedYear", 2023), "INVALID_INPUT");
		// another county's village: outside the cadre's jurisdiction
		refused(cadre, "registerExitedHousehold", "RegisterExitedHouseholdInput",
				with(register(lastVillage("610924"), "R-", false), "villageId", villageId(lastVillage("610924"))),
				"OUT_OF_JURISDICTION");
		Map<String, Object> year = Map.of("changeId", changeId(), "householdId", household, "baseVersion", 1, "year",
				TODAY.getYear(), "people", 2, "perCapitaNetIncome", "9000");
		refused(cadre, "recordExitedHouseholdYear", "RecordExitedHouseholdYearInput",
				with(year, "perCapitaNetIncome", "-1"), "INVALID_INPUT");
		refused(cadre, "recordExitedHouseholdYear", "RecordExitedHouseholdYearInput",
				with(year, "perCapitaNetIncome", "90000000"), "INVALID_INPUT");
		refused(cadre, "recordExitedHouseholdYear", "RecordExitedHouseholdYearInput",
				with(year, "year", TODAY.getYear() + 1), "INVALID_INPUT");
		refused(cadre, "recordExitedHouseholdYear", "RecordExitedHouseholdYearInput",
				with(year, "employment", List.of(Map.of("place", "IN_COUNTY", "kind", "OTHER", "people", 3))),
				"INVALID_INPUT");
		refused(cadre, "recordExitedHouseholdYear", "RecordExitedHouseholdYearInput", with(year, "baseVersion", 7),
				"STALE_VERSION");
		// an officer of another county does not see the household at all
		refused(countyOfficer("610924"), "recordExitedHouseholdYear", "RecordExitedHouseholdYearInput", year,
				"NOT_FOUND");
		Map<String, Object> loan = Map.of("changeId", changeId(), "householdId", household, "amount", "50000.01",
				"termMonths", 36, "issuedOn", TODAY.toString());
		Map<String, Object> over = refused(cadre, "issueMicrocreditLoan", "IssueMicrocreditLoanInput", loan,
				"INVALID_INPUT");
		assertThat(over.toString()).contains("50000");
		refused(cadre, "issueMicrocreditLoan", "IssueMicrocreditLoanInput",
				with(with(loan, "amount", "10000"), "termMonths", 37), "INVALID_INPUT");
		refused(cadre, "issueMicrocreditLoan", "IssueMicrocreditLoanInput", with(loan, "amount", "-5"),
				"INVALID_INPUT");
		String issued = (String) made(send(cadre, "issueMicrocreditLoan", "IssueMicrocreditLoanInput",
				with(loan, "amount", "10000"), "loan { id }"), "loan")
			.get("id");
		Map<String, Object> more = refused(
				cadre, "recordMicrocreditRepayment", "RecordMicrocreditRepaymentInput", Map.of("changeId", changeId(),
						"loanId", issued, "baseVersion", 1, "amount", "10000.01", "repaidOn", TODAY.toString()),
				"INVALID_INPUT");
		assertThat(more.toString()).contains("尚欠");
		long key = cn.ankang.bangfu.shared.relay.GlobalId.decode(household).numericKey();
		assertThat(count("select count(*) from exited_household_year where household_id = " + key)).isZero();
		assertThat(count("select count(*) from microcredit_repayment where household_id = " + key)).isZero();
		assertThat(count("select count(*) from microcredit_loan where household_id = " + key)).isEqualTo(1);
	}

	@Test
	void theReportsWatchedGroupsAreListsForTheirCadres() {
		String village = lastVillage("610923");
		HttpGraphQlTester cadre = postedCadre(village);
		String low = household(cadre, village, false, "7000", "7500");
		String fell = household(cadre, village, false, "12000", "11000");
		String slow = household(cadre, village, true, "10000", "10500");
		String fast = household(cadre, village, true, "10000", "13000");
		assertThat(list(cadre, "{villageCode: \"%s\", incomeYear: 2017, incomeBelow: \"8000\"}".formatted(village)))
			.containsExactly(low);
		assertThat(list(cadre, "{villageCode: \"%s\", incomeYear: 2017, incomeFell: true}".formatted(village)))
			.containsExactly(fell);
		// the average grew by 10500 / 9750 - 1 = 7.7 %: the relocated household that grew
		// by 5 % is watched
		assertThat(list(cadre, "{villageCode: \"%s\", incomeYear: 2017, relocated: true, grewLessThanAverage: true}"
			.formatted(village))).containsExactly(slow);
		assertThat(list(cadre, "{villageCode: \"%s\", relocated: true}".formatted(village))).containsExactly(slow,
				fast);
		assertError(cadre.document("{ exitedHouseholds(filter: {incomeFell: true}) { totalCount } }"),
				"INVALID_ARGUMENT");
		// their figures, the same records counted
		cadre.document("""
				{ populationFigures(filter: {year: 2017, villageCode: "%s"}) { total {
				    households householdsBelowThreshold householdsIncomeFell relocatedHouseholds averageNetIncome
				    averageNetIncomeGrowth } } }""".formatted(village))
			.execute()
			.path("populationFigures.total.households")
			.entity(Integer.class)
			.isEqualTo(4)
			.path("populationFigures.total.householdsBelowThreshold")
			.entity(Integer.class)
			.isEqualTo(1)
			.path("populationFigures.total.householdsIncomeFell")
			.entity(Integer.class)
			.isEqualTo(1)
			.path("populationFigures.total.relocatedHouseholds")
			.entity(Integer.class)
			.isEqualTo(2)
			.path("populationFigures.total.averageNetIncome")
			.entity(String.class)
			.isEqualTo("10500.00")
			.path("populationFigures.total.averageNetIncomeGrowth")
			.entity(Double.class)
			.satisfies((growth) -> assertThat(growth).isCloseTo(10500.0 / 9750 - 1,
					org.assertj.core.api.Assertions.within(0.000001)));
		// the year before corrected: the year after compares with the correction
		made(send(cadre, "recordExitedHouseholdYear", "RecordExitedHouseholdYearInput", Map.of("changeId", changeId(),
				"householdId", fell, "baseVersion", 3, "year", 2016, "people", 2, "perCapitaNetIncome", "10000"),
				"household { id }"), "household");
		assertThat(list(cadre, "{villageCode: \"%s\", incomeYear: 2017, incomeFell: true}".formatted(village)))
			.isEmpty();
	}

	private String household(HttpGraphQlTester cadre, String village, boolean relocated, String income2016,
			String income2017) {
		String id = (String) made(send(cadre, "registerExitedHousehold", "RegisterExitedHouseholdInput",
				register(village, "W-", relocated), "household { id }"), "household")
			.get("id");
		int version = 1;
		for (String[] year : new String[][] { { "2016", income2016 }, { "2017", income2017 } }) {
			made(send(cadre, "recordExitedHouseholdYear", "RecordExitedHouseholdYearInput",
					Map.of("changeId", changeId(), "householdId", id, "baseVersion", version++, "year",
							Integer.parseInt(year[0]), "people", 2, "perCapitaNetIncome", year[1]),
					"household { id }"), "household");
		}
		return id;
	}

	@SuppressWarnings("unchecked")
	private static List<String> list(HttpGraphQlTester as, String filter) {
		return as.document("{ exitedHouseholds(first: 100, filter: %s) { edges { node { id } } } }".formatted(filter))
			.execute()
			.path("exitedHouseholds.edges[*].node.id")
			.entityList(String.class)
			.get();
	}

	private Map<String, Object> register(String village, String prefix, boolean relocated) {
		return Map.of("changeId", changeId(), "villageId", villageId(village), "householdNumber", unique(prefix),
				"headName", unique("户主"), "headIdNumber", idNumber(), "people", 2, "exitedYear", 2018, "relocated",
				relocated);
	}

	private static Map<String, Object> with(Map<String, Object> input, String field, Object value) {
		Map<String, Object> changed = new HashMap<>(input);
		changed.put(field, value);
		changed.put("changeId", changeId());
		return changed;
	}

	private Map<String, Object> refused(HttpGraphQlTester as, String mutation, String inputType,
			Map<String, Object> input, String code) {
		Map<String, Object> payload = send(as, mutation, inputType, input, "");
		assertThat(codes(payload)).as(mutation + " " + input).containsExactly(code);
		return payload;
	}

	private String lastVillage(String county) {
		return this.jdbc.sql("select max(code) from village where code like :county || '%'")
			.param("county", county)
			.query(String.class)
			.single();
	}

	private int count(String sql) {
		return this.jdbc.sql(sql).query(Integer.class).single();
	}

}
