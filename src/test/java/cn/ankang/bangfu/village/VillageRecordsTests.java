package cn.ankang.bangfu.village;

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
 * Villages' own records kept through the API: collective incomes per year, legal
 * advisers, village plans. Each test keeps the records of villages no other test touches.
 */
class VillageRecordsTests extends RecordsTestSupport {

	static final String INCOME = "collectiveIncome { id year income atLeast100k sourceNote version village { code } }";

	static final String POSTING = "posting { id adviserName lawFirm startedOn endedOn version }";

	static final String PLAN = "plan { id compiledYear approvedOn documentNumber version }";

	static LocalDate today() {
		return LocalDate.now(ZoneId.of("Asia/Shanghai"));
	}

	@Test
	@SuppressWarnings("unchecked")
	void aCollectiveIncomeIsRecordedOnceCorrectedWithItsVersionAndKeptInTheVillagesHistory() {
		String village = COUNTY + "002003";
		Map<String, Object> input = income(village, 2023, "123456.78", null);
		Map<String, Object> made = made(send(countyOfficer(COUNTY), "recordVillageCollectiveIncome",
				"RecordVillageCollectiveIncomeInput", input, INCOME), "collectiveIncome");
		assertThat(made).containsEntry("income", "123456.78")
			.containsEntry("atLeast100k", true)
			.containsEntry("version", 1)
			.containsEntry("sourceNote", "村集体经济收入台账");
		// the same change sent again counts once
		assertThat(made(send(countyOfficer(COUNTY), "recordVillageCollectiveIncome",
				"RecordVillageCollectiveIncomeInput", input, INCOME), "collectiveIncome"))
			.containsEntry("id", made.get("id"))
			.containsEntry("version", 1);
		assertThat(codes(record(income(village, 2023, "99999.99", null)))).containsExactly("ALREADY_EXISTS");
		Map<String, Object> corrected = made(record(income(village, 2023, "99999.99", 1)), "collectiveIncome");
		assertThat(corrected).containsEntry("income", "99999.99")
			.containsEntry("atLeast100k", false)
			.containsEntry("version", 2);
		assertThat(codes(record(income(village, 2023, "88888.00", 1)))).containsExactly("STALE_VERSION");
		made(record(income(village, 2022, "50000", null)), "collectiveIncome");
		Map<String, Object> read = (Map<String, Object>) countyOfficer(COUNTY).document("""
				query($code: String!) { village(code: $code) {
				  collectiveIncome(year: 2023) { income } collectiveIncomes { year }
				  history { recordKind operation changeId } } }""")
			.variable("code", village)
			.execute()
			.path("village")
			.entity(Map.class)
			.get();
		assertThat((Map<String, Object>) read.get("collectiveIncome")).containsEntry("income", "99999.99");
		assertThat((List<Map<String, Object>>) read.get("collectiveIncomes")).extracting((row) -> row.get("year"))
			.containsExactly(2023, 2022);
		assertThat((List<Map<String, Object>>) read.get("history"))
			.extracting((change) -> change.get("recordKind") + " " + change.get("operation"))
			.containsExactly("VILLAGE_COLLECTIVE_INCOME CREATED", "VILLAGE_COLLECTIVE_INCOME CHANGED",
					"VILLAGE_COLLECTIVE_INCOME CREATED");
		assertThat(((List<Map<String, Object>>) read.get("history")).get(0)).containsEntry("changeId",
				input.get("changeId"));
		// outside the jurisdiction the records, and their history, are not seen
		Map<String, Object> outside = (Map<String, Object>) countyOfficer(OTHER_COUNTY).document("""
				query($code: String!) { village(code: $code) {
				  collectiveIncome(year: 2023) { income } collectiveIncomes { year } history { operation } } }""")
			.variable("code", village)
			.execute()
			.path("village")
			.entity(Map.class)
			.get();
		assertThat(outside.get("collectiveIncome")).isNull();
		assertThat((List<Object>) outside.get("collectiveIncomes")).isEmpty();
		assertThat((List<Object>) outside.get("history")).isEmpty();
	}

	@Test
	void negativeOrAbsurdIncomesAndYearsOutOfRangeAreRefusedAndNothingIsKept() {
		String village = COUNTY + "002004";
		assertThat(field(record(income(village, 2023, "-5.00", null)))).containsExactly("input", "income");
		assertThat(field(record(income(village, 2023, "100000000.01", null)))).containsExactly("input", "income");
		assertThat(field(record(income(village, today().getYear() + 1, "1000", null)))).containsExactly("input",
				"year");
		assertThat(codes(record(income(village, 1999, "1000", null)))).containsExactly("INVALID_INPUT");
		assertThat(sqlInt("select count(*) from village_collective_income i join village v on v.id = i.village_id "
				+ "where v.code = '" + village + "'"))
			.isZero();
	}

	@Test
	void recordsOutsideTheJurisdictionOrOfNoVillageAreRefused() {
		assertThat(codes(send(countyOfficer(COUNTY), "recordVillageCollectiveIncome",
				"RecordVillageCollectiveIncomeInput", income(OTHER_COUNTY + "001002", 2023, "1000", null), INCOME)))
			.containsExactly("OUT_OF_JURISDICTION");
		assertThat(codes(send(townOfficer(COUNTY + "001"), "postLegalAdviser", "PostLegalAdviserInput",
				adviser(COUNTY + "002005", today().minusDays(3)), POSTING)))
			.containsExactly("OUT_OF_JURISDICTION");
		Map<String, Object> unknown = new HashMap<>(income(COUNTY + "002005", 2023, "1000", null));
		unknown.put("villageId", id("Village", 999_999_999L));
		assertThat(codes(record(unknown))).containsExactly("NOT_FOUND");
		assertRefused(cityLeader(), "recordVillagePlan", "RecordVillagePlanInput",
				Map.of("changeId", changeId(), "villageId", villageId(COUNTY + "002005"), "compiledYear", 2023),
				"FORBIDDEN");
		assertRefused(this.anonymous, "recordVillagePlan", "RecordVillagePlanInput",
				Map.of("changeId", changeId(), "villageId", villageId(COUNTY + "002005"), "compiledYear", 2023),
				"UNAUTHENTICATED");
	}

	@Test
	@SuppressWarnings("unchecked")
	void aVillageHasOneLegalAdviserAtATime() {
		String village = COUNTY + "002006";
		HttpGraphQlTester town = townOfficer(COUNTY + "002");
		Map<String, Object> first = made(send(town, "postLegalAdviser", "PostLegalAdviserInput",
				adviser(village, today().minusDays(100)), POSTING), "posting");
		assertThat(first).containsEntry("endedOn", null).containsEntry("version", 1);
		assertThat(codes(send(town, "postLegalAdviser", "PostLegalAdviserInput",
				adviser(village, today().minusDays(10)), POSTING)))
			.containsExactly("ALREADY_EXISTS");
		assertThat(codes(end(town, first, 1, today().minusDays(200)))).containsExactly("INVALID_INPUT");
		Map<String, Object> ended = made(end(town, first, 1, today().minusDays(5)), "posting");
		assertThat(ended).containsEntry("endedOn", today().minusDays(5).toString()).containsEntry("version", 2);
		assertThat(codes(end(town, first, 1, today()))).containsExactly("STALE_VERSION");
		assertThat(codes(end(town, first, 2, today()))).containsExactly("INVALID_TRANSITION");
		// a successor from the day after, not before
		assertThat(codes(send(town, "postLegalAdviser", "PostLegalAdviserInput", adviser(village, today().minusDays(5)),
				POSTING)))
			.containsExactly("ALREADY_EXISTS");
		Map<String, Object> second = made(send(town, "postLegalAdviser", "PostLegalAdviserInput",
				adviser(village, today().minusDays(4)), POSTING), "posting");
		Map<String, Object> read = (Map<String, Object>) town.document("""
				query($code: String!) { village(code: $code) {
				  legalAdviser { id village { code } } legalAdviserPostings { id } } }""")
			.variable("code", village)
			.execute()
			.path("village")
			.entity(Map.class)
			.get();
		assertThat((Map<String, Object>) read.get("legalAdviser")).containsEntry("id", second.get("id"));
		assertThat((List<Map<String, Object>>) read.get("legalAdviserPostings")).extracting((p) -> p.get("id"))
			.containsExactly(first.get("id"), second.get("id"));
	}

	@Test
	@SuppressWarnings("unchecked")
	void aVillagePlanIsRecordedAndItsApprovalAdded() {
		String village = COUNTY + "002007";
		int year = today().getYear() - 1;
		Map<String, Object> plan = made(planOf(village, year, null, null, null), "plan");
		assertThat(plan).containsEntry("compiledYear", year).containsEntry("approvedOn", null);
		assertThat(codes(planOf(village, year, null, null, null))).containsExactly("ALREADY_EXISTS");
		assertThat(field(planOf(village, year, LocalDate.of(year, 9, 1), null, 1))).containsExactly("input",
				"documentNumber");
		assertThat(field(planOf(village, year, LocalDate.of(year - 1, 9, 1), "安政函〔2025〕1号", 1)))
			.containsExactly("input", "approvedOn");
		Map<String, Object> approved = made(planOf(village, year, LocalDate.of(year, 9, 1), "安政函〔2025〕1号", 1), "plan");
		assertThat(approved).containsEntry("documentNumber", "安政函〔2025〕1号").containsEntry("version", 2);
		assertThat(codes(planOf(village, today().getYear() + 1, null, null, null))).containsExactly("INVALID_INPUT");
		Map<String, Object> read = (Map<String, Object>) countyOfficer(COUNTY).document(
				"query($code: String!) { village(code: $code) { plan { id approvedOn } relocation { openedYear } } }")
			.variable("code", village)
			.execute()
			.path("village")
			.entity(Map.class)
			.get();
		assertThat((Map<String, Object>) read.get("plan")).containsEntry("id", plan.get("id"))
			.containsEntry("approvedOn", LocalDate.of(year, 9, 1).toString());
		assertThat(read.get("relocation")).isNull();
	}

	@Test
	@SuppressWarnings("unchecked")
	void relocationCommunitiesSayWhoMovedThere() {
		String code = sqlString("""
				select v.code from relocation_community r join village v on v.id = r.village_id
				where v.code like '""" + COUNTY + "%' order by v.code limit 1");
		Map<String, Object> village = (Map<String, Object>) countyOfficer(COUNTY)
			.document("query($code: String!) { village(code: $code) { kind relocation { openedYear householdsMoved "
					+ "peopleMoved } } }")
			.variable("code", code)
			.execute()
			.path("village")
			.entity(Map.class)
			.get();
		assertThat(village.get("kind")).isEqualTo("COMMUNITY");
		Map<String, Object> relocation = (Map<String, Object>) village.get("relocation");
		assertThat((Integer) relocation.get("peopleMoved"))
			.isGreaterThanOrEqualTo((Integer) relocation.get("householdsMoved"));
	}

	private Map<String, Object> record(Map<String, Object> input) {
		return send(countyOfficer(COUNTY), "recordVillageCollectiveIncome", "RecordVillageCollectiveIncomeInput", input,
				INCOME);
	}

	private Map<String, Object> income(String village, int year, String amount, Integer baseVersion) {
		Map<String, Object> input = new HashMap<>(Map.of("changeId", changeId(), "villageId", villageId(village),
				"year", year, "income", amount, "sourceNote", " 村集体经济收入台账 "));
		if (baseVersion != null) {
			input.put("baseVersion", baseVersion);
		}
		return input;
	}

	private Map<String, Object> adviser(String village, LocalDate startedOn) {
		return Map.of("changeId", changeId(), "villageId", villageId(village), "adviserName", unique("律师"), "lawFirm",
				"安康示例律师事务所", "startedOn", startedOn.toString());
	}

	private Map<String, Object> end(HttpGraphQlTester as, Map<String, Object> posting, int version, LocalDate on) {
		return send(as, "endLegalAdviserPosting", "EndLegalAdviserPostingInput", Map.of("changeId", changeId(),
				"postingId", posting.get("id"), "baseVersion", version, "endedOn", on.toString()), POSTING);
	}

	private Map<String, Object> planOf(String village, int year, LocalDate approvedOn, String document,
			Integer baseVersion) {
		Map<String, Object> input = new HashMap<>(
				Map.of("changeId", changeId(), "villageId", villageId(village), "compiledYear", year));
		if (approvedOn != null) {
			input.put("approvedOn", approvedOn.toString());
		}
		if (document != null) {
			input.put("documentNumber", document);
		}
		if (baseVersion != null) {
			input.put("baseVersion", baseVersion);
		}
		return send(countyOfficer(COUNTY), "recordVillagePlan", "RecordVillagePlanInput", input, PLAN);
	}

}
