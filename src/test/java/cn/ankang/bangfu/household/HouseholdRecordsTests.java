package cn.ankang.bangfu.household;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.RecordsTestSupport;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Households kept through the API: included in monitoring through the workflow (a cadre
 * proposes, the county confirms), members born, died and moved with nothing deleted,
 * incomes by source with the per-capita figure computed, measures from start through
 * result to end with the task the result waits on; every change in the household's
 * history, for those responsible alone.
 */
class HouseholdRecordsTests extends RecordsTestSupport {

	static final String CASE = """
			monitoringCase { id state version household { id status category memberCount version } }""";

	static final String HOUSEHOLD = """
			household { id status version memberCount headName
			            members { id name relation status } formerMembers { id name status leftOn }
			            incomes { year perCapitaIncome wages business transfers property total people }
			            measures { id type startedOn endedOn result resultOn } }""";

	static final String STEP = """
			mutation($input: RecordCaseStepInput!) { recordCaseStep(input: $input) {
			  monitoringCase { state } userErrors { code field message } } }""";

	static LocalDate today() {
		return LocalDate.now(ZoneId.of("Asia/Shanghai"));
	}

	@Autowired
	DataSource dataSource;

	@Test
	@SuppressWarnings("unchecked")
	void aCadreProposesANewHouseholdAndTheWorkflowBringsItIntoMonitoring() {
		String village = "610902006001";
		HttpGraphQlTester cadre = postedCadre(village);
		Map<String, Object> before = monitoring(village);
		Map<String, Object> opened = made(include(cadre, newHousehold(village, 2), "VISIT", today().minusDays(10)),
				"monitoringCase");
		Map<String, Object> household = (Map<String, Object>) opened.get("household");
		assertThat(opened).containsEntry("state", "IDENTIFIED");
		assertThat(household).containsEntry("status", "IDENTIFIED").containsEntry("memberCount", 3);
		// found, not yet monitored: the figures do not count it
		assertThat(monitoring(village)).isEqualTo(before);
		// the workflow: verified at home on a visit, reviewed and noticed by the town,
		// confirmed by the county
		String visit = logVisit(cadre, village, (String) household.get("id"), today().minusDays(9));
		step(cadre, (String) opened.get("id"), "VERIFY", "IDENTIFIED", today().minusDays(9),
				Map.of("visitIds", List.of(visit)));
		step(townOfficer("610902006"), (String) opened.get("id"), "REVIEW", "VERIFIED_AT_HOME", today().minusDays(1),
				Map.of("noticeFrom", today().minusDays(8).toString(), "noticeTo", today().minusDays(2).toString()));
		step(countyOfficer(COUNTY), (String) opened.get("id"), "CONFIRM", "PUBLICLY_REVIEWED", today(), Map.of());
		Map<String, Object> after = monitoring(village);
		assertThat(((Number) after.get("households")).intValue() - ((Number) before.get("households")).intValue())
			.isEqualTo(1);
		assertThat(((Number) after.get("people")).intValue() - ((Number) before.get("people")).intValue()).isEqualTo(3);
		Map<String, Object> confirmed = node(countyOfficer(COUNTY), (String) household.get("id"),
				"... on Household { status category }");
		assertThat(confirmed).containsEntry("status", "MONITORING").containsEntry("category", "MARGINAL_AT_RISK");
		// a household with a case open cannot be included again
		assertThat(codes(send(countyOfficer(COUNTY), "includeHouseholdInMonitoring", "IncludeHouseholdInput",
				inclusion(Map.of("householdId", household.get("id")), "SELF_REPORT", today()), CASE)))
			.containsExactly("CONFLICT");
	}

	@Test
	void whoMayIncludeAndWhatIsRefused() {
		String village = "610902006002";
		Map<String, Object> newHousehold = newHousehold(village, 0);
		assertRefused(this.anonymous, "includeHouseholdInMonitoring", "IncludeHouseholdInput",
				inclusion(Map.of("newHousehold", newHousehold), "VISIT", today()), "UNAUTHENTICATED");
		for (HttpGraphQlTester refused : List.of(cityLeader(), admin(), developer())) {
			assertRefused(refused, "includeHouseholdInMonitoring", "IncludeHouseholdInput",
					inclusion(Map.of("newHousehold", newHousehold), "VISIT", today()), "FORBIDDEN");
		}
		assertThat(codes(include(countyOfficer(OTHER_COUNTY), newHousehold, "VISIT", today())))
			.containsExactly("OUT_OF_JURISDICTION");
		assertThat(codes(include(townOfficer("610902007"), newHousehold, "VISIT", today())))
			.containsExactly("OUT_OF_JURISDICTION");
		// an ID number a spreadsheet turned into a number, and a wrong check digit
		Map<String, Object> mangled = new HashMap<>(newHousehold);
		mangled.put("headIdNumber", "9.92345678901234E+17");
		assertThat(field(include(countyOfficer(COUNTY), mangled, "VISIT", today()))).containsExactly("input",
				"newHousehold", "headIdNumber");
		String number = idNumber();
		mangled.put("headIdNumber", number.substring(0, 17) + (number.charAt(17) == '1' ? '2' : '1'));
		assertThat(field(include(countyOfficer(COUNTY), mangled, "VISIT", today()))).containsExactly("input",
				"newHousehold", "headIdNumber");
		assertThat(field(include(countyOfficer(COUNTY), newHousehold, "VISIT", today().plusDays(1))))
			.containsExactly("input", "foundOn");
		// an ID number another person has: nothing of the household stays
		made(include(townOfficer("610902006"), newHousehold, "DEPARTMENT_WARNING", today()), "monitoringCase");
		Map<String, Object> again = new HashMap<>(newHousehold(village, 0));
		again.put("headIdNumber", newHousehold.get("headIdNumber"));
		Map<String, Object> taken = include(countyOfficer(COUNTY), again, "SELF_REPORT", today());
		assertThat(codes(taken)).containsExactly("ALREADY_EXISTS");
		assertThat(this.jdbc.sql("select count(*) from household where head_name = :n")
			.param("n", again.get("headName"))
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	@SuppressWarnings("unchecked")
	void membersComeAndLeaveIncomesAndMeasuresAreKeptAndAllIsInTheHistory() throws Exception {
		String village = "610902006003";
		HttpGraphQlTester cadre = postedCadre(village);
		HttpGraphQlTester county = countyOfficer(COUNTY);
		Map<String, Object> household = (Map<String, Object>) made(
				include(county, newHousehold(village, 1), "SELF_REPORT", today().minusDays(20)), "monitoringCase")
			.get("household");
		String id = (String) household.get("id");
		// a child is born
		Map<String, Object> born = made(addMember(cadre, id, "CHILD", today().minusDays(3), null), "household");
		assertThat(born).containsEntry("memberCount", 3).containsEntry("version", 2);
		assertThat(codes(addMember(cadre, id, "HEAD", LocalDate.of(1980, 1, 1), idNumber())))
			.containsExactly("ALREADY_EXISTS");
		List<Map<String, Object>> members = (List<Map<String, Object>>) born.get("members");
		Map<String, Object> head = members.stream().filter((m) -> m.get("relation").equals("HEAD")).findFirst().get();
		Map<String, Object> spouse = members.stream()
			.filter((m) -> m.get("relation").equals("SPOUSE"))
			.findFirst()
			.get();
		// the head dies: stays on record, no longer counts
		assertThat(codes(leave(cadre, head, 1, "DECEASED", today().minusDays(2)))).containsExactly("STALE_VERSION");
		Map<String, Object> left = made(leave(cadre, head, 2, "DECEASED", today().minusDays(2)), "household");
		assertThat(left).containsEntry("memberCount", 2);
		assertThat((List<Map<String, Object>>) left.get("formerMembers")).singleElement()
			.satisfies((member) -> assertThat(member).containsEntry("status", "DECEASED")
				.containsEntry("leftOn", today().minusDays(2).toString()));
		assertThat(codes(leave(cadre, head, 3, "MOVED_OUT", today()))).containsExactly("INVALID_TRANSITION");
		// the spouse becomes the head
		Map<String, Object> correction = Map.of("changeId", changeId(), "memberId", spouse.get("id"), "baseVersion", 3,
				"relation", "HEAD");
		Map<String, Object> newHead = made(
				send(cadre, "correctHouseholdMember", "CorrectHouseholdMemberInput", correction, HOUSEHOLD),
				"household");
		assertThat(newHead).containsEntry("headName", spouse.get("name"));
		// a year's income by source, shared by the two members present
		int year = today().getYear() - 1;
		Map<String, Object> income = made(
				send(county, "recordHouseholdIncome", "RecordHouseholdIncomeInput",
						Map.of("changeId", changeId(), "householdId", id, "baseVersion", 4, "year", year, "wages",
								"12000.00", "business", "3000.50", "transfers", "1500.00", "property", "0.00"),
						HOUSEHOLD),
				"household");
		assertThat(((List<Map<String, Object>>) income.get("incomes")).get(0)).containsEntry("year", year)
			.containsEntry("total", "16500.50")
			.containsEntry("people", 2)
			.containsEntry("perCapitaIncome", "8250.25");
		assertThat(field(send(county, "recordHouseholdIncome", "RecordHouseholdIncomeInput",
				Map.of("changeId", changeId(), "householdId", id, "baseVersion", 5, "year", today().getYear() + 1,
						"wages", "1.00", "business", "0.00", "transfers", "0.00", "property", "0.00"),
				HOUSEHOLD)))
			.containsExactly("input", "year");
		// a measure starts, ends without its result: a task for the village's cadres,
		// done when the result is recorded
		Map<String, Object> measure = made(send(cadre, "startAssistanceMeasure", "StartAssistanceMeasureInput",
				Map.of("changeId", changeId(), "householdId", id, "type", "PUBLIC_WELFARE_JOB", "description",
						"安排护林员公益岗位", "startedOn", today().minusDays(15).toString()),
				"measure { id } household { version }"), "measure");
		made(send(
				cadre, "endAssistanceMeasure", "EndAssistanceMeasureInput", Map.of("changeId", changeId(), "measureId",
						measure.get("id"), "baseVersion", 6, "endedOn", today().minusDays(1).toString()),
				"measure { id }"), "measure");
		assertThat(measureTasks(cadre)).containsExactly((String) measure.get("id"));
		made(send(
				cadre, "recordMeasureResult", "RecordMeasureResultInput", Map.of("changeId", changeId(), "measureId",
						measure.get("id"), "baseVersion", 7, "result", "月增收 800 元", "on", today().toString()),
				"measure { result resultOn }"), "measure");
		assertThat(measureTasks(cadre)).isEmpty();
		// the history: every change, for those responsible; nothing for a city leader
		List<Map<String, Object>> history = (List<Map<String, Object>>) node(cadre, id,
				"... on Household { history { recordKind operation before after } }")
			.get("history");
		assertThat(history).extracting((change) -> change.get("recordKind") + " " + change.get("operation"))
			.contains("HOUSEHOLD CREATED", "HOUSEHOLD_MEMBER CREATED", "HOUSEHOLD_INCOME CREATED",
					"ASSISTANCE_MEASURE CHANGED");
		assertThat(history).filteredOn(
				(change) -> "HOUSEHOLD_MEMBER CHANGED".equals(change.get("recordKind") + " " + change.get("operation"))
						&& "DECEASED".equals(((Map<String, Object>) change.get("after")).get("status")))
			.singleElement()
			.satisfies((change) -> assertThat((Map<String, Object>) change.get("before")).containsEntry("status",
					"PRESENT"));
		assertThat((List<Object>) node(cityLeader(), id, "... on Household { history { operation } }").get("history"))
			.isEmpty();
		assertRefused(
				cityLeader(), "startAssistanceMeasure", "StartAssistanceMeasureInput", Map.of("changeId", changeId(),
						"householdId", id, "type", "OTHER", "description", "越权", "startedOn", today().toString()),
				"FORBIDDEN");
		assertThat(codes(send(postedCadre("610902006004"), "startAssistanceMeasure", "StartAssistanceMeasureInput",
				Map.of("changeId", changeId(), "householdId", id, "type", "OTHER", "description", "他村干部", "startedOn",
						today().toString()),
				"measure { id }")))
			.containsExactly("NOT_FOUND");
		// row-level security alone keeps the household's history from another county's
		// officers, and no member row can be deleted by the service's login
		long key = cn.ankang.bangfu.shared.relay.GlobalId.decode(id).numericKey();
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			connection.setAutoCommit(false);
			statement.execute("set local role bangfu_app");
			statement.execute("select set_config('bangfu.scope_counties', (select id::text from county where code = '"
					+ OTHER_COUNTY + "'), true)");
			try (ResultSet rows = statement.executeQuery(
					"select count(*) from record_history where subject_type = 'HOUSEHOLD' and subject_key = " + key)) {
				rows.next();
				assertThat(rows.getInt(1)).isZero();
			}
			statement.execute("select set_config('bangfu.scope_counties', (select id::text from county where code = '"
					+ COUNTY + "'), true)");
			try (ResultSet rows = statement.executeQuery(
					"select count(*) from record_history where subject_type = 'HOUSEHOLD' and subject_key = " + key)) {
				rows.next();
				assertThat(rows.getInt(1)).isEqualTo(history.size());
			}
			org.assertj.core.api.Assertions
				.assertThatThrownBy(() -> statement.execute("delete from household_member where household_id = " + key))
				.hasMessageContaining("permission denied");
			connection.rollback();
		}
	}

	private Map<String, Object> newHousehold(String village, int members) {
		Map<String, Object> household = new HashMap<>();
		household.put("villageId", villageId(village));
		household.put("headName", unique("户主"));
		household.put("headIdNumber", idNumber());
		household.put("headGender", "MALE");
		household.put("headBirthDate", "1968-05-04");
		List<Map<String, Object>> list = new java.util.ArrayList<>();
		for (int i = 0; i < members; i++) {
			list.add(Map.of("name", unique("配偶"), "relation", (i == 0) ? "SPOUSE" : "CHILD", "gender", "FEMALE",
					"birthDate", "1970-02-03", "idNumber", idNumber()));
		}
		household.put("members", list);
		return household;
	}

	private Map<String, Object> inclusion(Map<String, Object> household, String source, LocalDate foundOn) {
		Map<String, Object> input = new HashMap<>(household);
		input.put("changeId", changeId());
		input.put("category", "MARGINAL_AT_RISK");
		input.put("riskTypes", List.of("ILLNESS", "LACK_OF_LABOUR"));
		input.put("source", source);
		input.put("foundOn", foundOn.toString());
		return input;
	}

	private Map<String, Object> include(HttpGraphQlTester as, Map<String, Object> newHousehold, String source,
			LocalDate foundOn) {
		return send(as, "includeHouseholdInMonitoring", "IncludeHouseholdInput",
				inclusion(Map.of("newHousehold", newHousehold), source, foundOn), CASE);
	}

	private Map<String, Object> addMember(HttpGraphQlTester as, String household, String relation, LocalDate birth,
			String idNumber) {
		Map<String, Object> input = new HashMap<>(Map.of("changeId", changeId(), "householdId", household, "name",
				unique("成员"), "relation", relation, "gender", "FEMALE", "birthDate", birth.toString()));
		input.put("idNumber", idNumber);
		return send(as, "addHouseholdMember", "AddHouseholdMemberInput", input, HOUSEHOLD);
	}

	private Map<String, Object> leave(HttpGraphQlTester as, Map<String, Object> member, int version, String reason,
			LocalDate on) {
		return send(as, "recordMemberLeaving", "RecordMemberLeavingInput", Map.of("changeId", changeId(), "memberId",
				member.get("id"), "baseVersion", version, "reason", reason, "on", on.toString()), HOUSEHOLD);
	}

	private void step(HttpGraphQlTester as, String caseId, String action, String from, LocalDate on,
			Map<String, Object> extra) {
		Map<String, Object> input = new HashMap<>(extra);
		input.put("stepId", UUID.randomUUID().toString());
		input.put("caseId", caseId);
		input.put("action", action);
		input.put("fromState", from);
		input.put("occurredOn", on.toString());
		as.document(STEP)
			.variable("input", input)
			.execute()
			.path("recordCaseStep.userErrors")
			.entityList(Object.class)
			.hasSize(0);
	}

	private String logVisit(HttpGraphQlTester cadre, String village, String household, LocalDate on) {
		String uuid = UUID.randomUUID().toString();
		OffsetDateTime at = on.atTime(10, 0).atOffset(ZoneOffset.ofHours(8));
		cadre.document("mutation($v: LogVisitInput!) { logVisit(input: $v) { userErrors { code } } }")
			.variable("v",
					Map.of("uuid", uuid, "villageId", villageId(village), "householdId", household, "kind",
							"HOUSEHOLD_VISIT", "occurredAt", at.toString(), "recordedAt", at.plusMinutes(10).toString(),
							"notes", "入户核实"))
			.execute()
			.path("logVisit.userErrors")
			.entityList(Object.class)
			.hasSize(0);
		return uuid;
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> monitoring(String village) {
		return (Map<String, Object>) cityLeader()
			.document("query($f: FigureFilter) { monitoringFigures(filter: $f) { total { households people } } }")
			.variable("f", Map.of("villageCode", village))
			.execute()
			.path("monitoringFigures.total")
			.entity(Map.class)
			.get();
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> node(HttpGraphQlTester as, String id, String fragment) {
		return (Map<String, Object>) as.document("query($id: ID!) { node(id: $id) { " + fragment + " } }")
			.variable("id", id)
			.execute()
			.path("node")
			.entity(Map.class)
			.get();
	}

	private List<String> measureTasks(HttpGraphQlTester cadre) {
		return cadre.document("{ myTasks { edges { node { kind measure { id } } } } }")
			.execute()
			.path("myTasks.edges[?(@.node.kind == 'RECORD_MEASURE_RESULT')].node.measure.id")
			.entityList(String.class)
			.get();
	}

}
