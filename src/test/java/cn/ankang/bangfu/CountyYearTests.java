package cn.ankang.bangfu;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A county's year kept entirely through the API, as a new user would: on a database that
 * holds the areas alone, the admin opens the accounts, the leaders' office registers a
 * unit and pairs it with villages, the county registers and posts cadres, the cadres and
 * officers include households through the workflow and keep their measures and incomes,
 * the county runs projects with their funds, spending and assets — public GraphQL
 * mutations only, no SQL and no generator. The leaders' figures and the annual report of
 * that county then equal what was entered.
 * <p>
 * 平利县 (610926) is the county: no other records test writes there. The story takes 25
 * days, up to today, in this year (or, in January, at the end of last year), so that
 * every day of it lies within the year reported.
 */
class CountyYearTests extends RecordsTestSupport {

	/**
	 * The story's county: no other test may keep records in it, or the county's figures
	 * would not be the story's alone.
	 */
	static final String PINGLI = "610926";

	static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

	/** The year of the story: this one, unless it has run less than a month. */
	static final int YEAR = (TODAY.getMonthValue() > 1) ? TODAY.getYear() : TODAY.getYear() - 1;

	static final LocalDate END = (YEAR == TODAY.getYear()) ? TODAY : LocalDate.of(YEAR, 12, 31);

	/** The story's day {@code n}, from 0 (25 days before its end) to 25. */
	static String day(int n) {
		return END.minusDays(25 - n).toString();
	}

	@Test
	@SuppressWarnings("unchecked")
	void aCountysYearKeptThroughTheApiGivesTheFiguresItsRecordsSay() {
		// the areas, as the API shows them: the county's first town and two of its
		// villages
		Map<String, Object> county = (Map<String, Object>) admin().document("""
				{ county(code: "610926") { code towns { code villages(first: 2) { edges { node { id code } } } } } }""")
			.execute()
			.path("county")
			.entity(Map.class)
			.get();
		Map<String, Object> town = ((List<Map<String, Object>>) county.get("towns")).get(0);
		List<Map<String, Object>> villages = ((List<Map<String, Object>>) ((Map<String, Object>) town.get("villages"))
			.get("edges")).stream().map((edge) -> (Map<String, Object>) edge.get("node")).toList();
		String v1 = (String) villages.get(0).get("id");
		String v2 = (String) villages.get(1).get("id");

		// accounts, opened by the admin
		HttpGraphQlTester leader = account("CITY_LEADER", Map.of("cityCode", CITY));
		HttpGraphQlTester officer = account("COUNTY_OFFICER", Map.of("countyCode", PINGLI));
		HttpGraphQlTester townOfficer = account("TOWN_OFFICER", Map.of("townCode", (String) town.get("code")));

		// the leaders' office: a unit paired with both villages, a leader liaising
		String unit = id(
				mutate(leader, "createAssistanceUnit", "CreateAssistanceUnitInput", Map.of("name", unique("平利县测试帮扶局"),
						"level", "COUNTY", "kind", "GOVERNMENT_DEPARTMENT", "countyCode", PINGLI), "unit { id }"),
				"unit");
		for (String village : List.of(v1, v2)) {
			mutate(leader, "pairUnitWithVillage", "PairUnitWithVillageInput",
					Map.of("unitId", unit, "villageId", village, "startedOn", day(0)), "pairing { id }");
		}
		String cityLeader = id(mutate(leader, "createLeader", "CreateLeaderInput",
				Map.of("name", "测试某", "title", "副市长"), "leader { id }"), "leader");
		mutate(leader, "assignLeaderLiaison", "AssignLeaderLiaisonInput",
				Map.of("leaderId", cityLeader, "countyCode", PINGLI, "keyVillageId", v1, "startedOn", day(0)),
				"liaison { id }");

		// the county: three cadres of the unit, two first secretaries and a team member,
		// with their phones
		String secretaryA = unique("secretary-a-").toLowerCase();
		String secretaryB = unique("secretary-b-").toLowerCase();
		String a = registerCadre(officer, unit, "第一书记甲", secretaryA);
		String b = registerCadre(officer, unit, "第一书记乙", secretaryB);
		String c = registerCadre(officer, unit, "队员丙", null);
		post(officer, a, v1, "FIRST_SECRETARY");
		post(officer, b, v2, "FIRST_SECRETARY");
		post(officer, c, v1, "TEAM_MEMBER");
		HttpGraphQlTester phoneA = as(secretaryA, "the-right-password");
		HttpGraphQlTester phoneB = as(secretaryB, "the-right-password");

		// households: one proposed by a first secretary, one entered by the county; both
		// verified at home, reviewed by the town, confirmed by the county
		Map<String, Object> caseA = include(phoneA, v1, 2, "VISIT");
		Map<String, Object> caseB = include(officer, v2, 1, "SELF_REPORT");
		String h1 = (String) ((Map<String, Object>) caseA.get("household")).get("id");
		String h2 = (String) ((Map<String, Object>) caseB.get("household")).get("id");
		step(phoneA, (String) caseA.get("id"), "VERIFY", "IDENTIFIED", day(2),
				Map.of("visitIds", List.of(visit(phoneA, v1, h1, 2))));
		step(phoneB, (String) caseB.get("id"), "VERIFY", "IDENTIFIED", day(2),
				Map.of("visitIds", List.of(visit(phoneB, v2, h2, 2))));
		for (Map<String, Object> opened : List.of(caseA, caseB)) {
			step(townOfficer, (String) opened.get("id"), "REVIEW", "VERIFIED_AT_HOME", day(9),
					Map.of("noticeFrom", day(3), "noticeTo", day(8)));
			step(officer, (String) opened.get("id"), "CONFIRM", "PUBLICLY_REVIEWED", day(10), Map.of());
		}
		// their measures, and a year's income
		for (Object[] measure : new Object[][] { { phoneA, h1, "INDUSTRY" }, { phoneA, h1, "PUBLIC_WELFARE_JOB" },
				{ phoneB, h2, "HEALTH" } }) {
			mutate((HttpGraphQlTester) measure[0], "startAssistanceMeasure", "StartAssistanceMeasureInput", Map
				.of("householdId", measure[1], "type", measure[2], "description", "落实帮扶措施", "startedOn", day(11)),
					"measure { id }");
		}
		int version = ((Number) ((Map<String, Object>) node(officer, h1, "... on Household { version }"))
			.get("version")).intValue();
		mutate(officer, "recordHouseholdIncome", "RecordHouseholdIncomeInput",
				Map.of("householdId", h1, "baseVersion", version, "year", YEAR, "wages", "18000.00", "business",
						"6000.00", "transfers", "2400.00", "property", "0.00"),
				"household { id }");

		// projects: this year's industry project for the town (both households benefit)
		// through to its assets handed over, and
		// next year's in the pipeline
		Map<String, Object> project = mutate(officer, "createProject", "CreateProjectInput",
				Map.of("name", "平利县茶园提升项目", "category", "INDUSTRY", "industry", "TEA", "year", YEAR, "countyCode",
						PINGLI, "townCode", town.get("code"), "implementingUnitId", unit, "plannedAmount", "800000.00",
						"enteredOn", day(0)),
				"project { id version }");
		String p1 = id(project, "project");
		int pv = 1;
		pv = advance(officer, p1, pv, "APPROVED", "平政发〔" + YEAR + "〕8号", day(12));
		for (Object[] allocation : new Object[][] { { "CENTRAL_LINKAGE", "500000.00" },
				{ "COUNTY_LINKAGE", "200000.00" }, { "DESIGNATED_ASSISTANCE", "100000.00" } }) {
			mutate(officer, "allocateProjectFunds", "AllocateProjectFundsInput",
					Map.of("projectId", p1, "baseVersion", pv++, "source", allocation[0], "amount", allocation[1],
							"documentNumber", "平财农〔" + YEAR + "〕3号", "allocatedOn", day(12)),
					"project { id }");
		}
		pv = advance(officer, p1, pv, "IN_PROGRESS", null, day(13));
		int voucher = 0;
		for (Object[] spending : new Object[][] { { "CENTRAL_LINKAGE", "300000.00" },
				{ "CENTRAL_LINKAGE", "200000.00" }, { "COUNTY_LINKAGE", "150000.00" },
				{ "DESIGNATED_ASSISTANCE", "100000.00" } }) {
			mutate(officer, "recordProjectSpending", "RecordProjectSpendingInput", Map.of("projectId", p1, "source",
					spending[0], "amount", spending[1], "spentOn", day(14), "voucherNumber", "平记-" + (++voucher)),
					"spending { id }");
			pv++;
		}
		mutate(officer, "linkProjectBeneficiaries", "LinkProjectBeneficiariesInput",
				Map.of("projectId", p1, "baseVersion", pv++, "addHouseholdIds", List.of(h1, h2)), "project { id }");
		pv = advance(officer, p1, pv, "COMPLETED", null, day(18));
		pv = advance(officer, p1, pv, "ACCEPTED", "平验〔" + YEAR + "〕2号", day(20));
		mutate(officer, "recordProjectAsset", "RecordProjectAssetInput",
				Map.of("projectId", p1, "name", "茶园 120 亩", "kind", "INCOME_EARNING", "value", "750000.00", "owner",
						"村股份经济合作社", "maintenanceBody", "村股份经济合作社", "recordedOn", day(20)),
				"asset { id }");
		pv++;
		advance(officer, p1, pv, "ASSETS_HANDED_OVER", "平移〔" + YEAR + "〕2号", day(22));
		mutate(officer, "createProject", "CreateProjectInput",
				Map.of("name", "平利县产业路硬化项目", "category", "INFRASTRUCTURE", "year", YEAR + 1, "countyCode", PINGLI,
						"plannedAmount", "300000.00", "enteredOn", day(24)),
				"project { id }");

		// the county's annual report, as its officer asks for it: exactly what was
		// entered
		Map<String, Object> report = (Map<String, Object>) officer.document("""
				query($year: Int!) { annualReport(year: $year) {
				  monitoring { households people newHouseholds newPeople eliminatedHouseholds }
				  measures { measures households }
				  cadres { firstSecretaries teamLeaders teamMembers villages }
				  assistanceUnits { units pairings villages designatedFunds }
				  linkageFunds { allocated spent projects }
				  centralAndProvincialFunds { allocated spent spendingRate }
				  designatedAssistanceFunds { allocated spent }
				  eastWestCollaborationFunds { allocated }
				  industryProjects
				  nextYearPipeline { projects planned } } }""")
			.variable("year", YEAR)
			.execute()
			.path("annualReport")
			.entity(Map.class)
			.get();
		assertThat((Map<String, Object>) report.get("monitoring")).containsEntry("households", 2)
			.containsEntry("people", 5)
			.containsEntry("newHouseholds", 2)
			.containsEntry("newPeople", 5)
			.containsEntry("eliminatedHouseholds", 0);
		assertThat((Map<String, Object>) report.get("measures")).containsEntry("measures", 3)
			.containsEntry("households", 2);
		assertThat((Map<String, Object>) report.get("cadres")).containsEntry("firstSecretaries", 2)
			.containsEntry("teamLeaders", 0)
			.containsEntry("teamMembers", 1)
			.containsEntry("villages", 2);
		assertThat((Map<String, Object>) report.get("assistanceUnits")).containsEntry("units", 1)
			.containsEntry("pairings", 2)
			.containsEntry("villages", 2)
			.containsEntry("designatedFunds", "100000.00");
		assertThat((Map<String, Object>) report.get("linkageFunds")).containsEntry("allocated", "700000.00")
			.containsEntry("spent", "650000.00")
			.containsEntry("projects", 1);
		assertThat((Map<String, Object>) report.get("centralAndProvincialFunds"))
			.containsEntry("allocated", "500000.00")
			.containsEntry("spent", "500000.00");
		assertThat(((Number) ((Map<String, Object>) report.get("centralAndProvincialFunds")).get("spendingRate"))
			.doubleValue()).isEqualTo(1.0);
		assertThat((Map<String, Object>) report.get("designatedAssistanceFunds"))
			.containsEntry("allocated", "100000.00")
			.containsEntry("spent", "100000.00");
		assertThat((Map<String, Object>) report.get("eastWestCollaborationFunds")).containsEntry("allocated", "0.00");
		assertThat(report).containsEntry("industryProjects", 1);
		assertThat((Map<String, Object>) report.get("nextYearPipeline")).containsEntry("projects", 1)
			.containsEntry("planned", "300000.00");

		// and the leaders' figures of the county, as the city leader asks for them
		Map<String, Object> figures = (Map<String, Object>) leader
			.document(
					"""
							query($f: FigureFilter) {
							  projectFigures(filter: $f) { total { projects planned spent beneficiaryHouseholds } }
							  fundFigures(filter: $f, groupBy: [FUND_SOURCE]) { total { allocated spent } groups { keys { value } spent } }
							  monitoringFigures(filter: $f) { total { households people } } }""")
			.variable("f", Map.of("countyCode", PINGLI, "year", YEAR))
			.execute()
			.path("")
			.entity(Map.class)
			.get();
		assertThat((Map<String, Object>) ((Map<String, Object>) figures.get("projectFigures")).get("total"))
			.containsEntry("projects", 1)
			.containsEntry("planned", "800000.00")
			.containsEntry("spent", "750000.00")
			.containsEntry("beneficiaryHouseholds", 2);
		assertThat((Map<String, Object>) ((Map<String, Object>) figures.get("fundFigures")).get("total"))
			.containsEntry("allocated", "800000.00")
			.containsEntry("spent", "750000.00");
		assertThat((List<Map<String, Object>>) ((Map<String, Object>) figures.get("fundFigures")).get("groups"))
			.extracting((group) -> ((List<Map<String, Object>>) group.get("keys")).get(0).get("value") + "="
					+ group.get("spent"))
			.containsExactly("CENTRAL_LINKAGE=500000.00", "COUNTY_LINKAGE=150000.00",
					"DESIGNATED_ASSISTANCE=100000.00");
		assertThat((Map<String, Object>) ((Map<String, Object>) figures.get("monitoringFigures")).get("total"))
			.containsEntry("households", 2)
			.containsEntry("people", 5);
	}

	// Helpers, through the API alone
	// ----------------------------------------------------------------------------------

	/** An account with one role, opened by the admin through the API; its tester. */
	@SuppressWarnings("unchecked")
	private HttpGraphQlTester account(String role, Map<String, String> binding) {
		String username = unique("pingli-").toLowerCase();
		Map<String, Object> created = (Map<String, Object>) admin().document("""
				mutation($u: String!) { createUser(input: {username: $u, password: "the-right-password",
				  displayName: "平利测试"}) { user { id } userErrors { code } } }""")
			.variable("u", username)
			.execute()
			.path("createUser.user")
			.entity(Map.class)
			.get();
		Map<String, Object> grant = new HashMap<>(binding);
		grant.put("userId", created.get("id"));
		grant.put("role", role);
		admin().document("mutation($g: GrantRoleInput!) { grantRole(input: $g) { userErrors { code } } }")
			.variable("g", grant)
			.execute()
			.path("grantRole.userErrors")
			.entityList(Object.class)
			.hasSize(0);
		return as(username, "the-right-password");
	}

	/**
	 * Sends a mutation under a new change id; checks it was made and returns its payload.
	 */
	private Map<String, Object> mutate(HttpGraphQlTester as, String mutation, String inputType,
			Map<String, Object> input, String selection) {
		Map<String, Object> withId = new HashMap<>(input);
		withId.put("changeId", UUID.randomUUID().toString());
		Map<String, Object> payload = send(as, mutation, inputType, withId, selection);
		assertThat((List<Object>) payload.get("userErrors")).as(mutation).isEmpty();
		return payload;
	}

	@SuppressWarnings("unchecked")
	private static String id(Map<String, Object> payload, String field) {
		return (String) ((Map<String, Object>) payload.get(field)).get("id");
	}

	private String registerCadre(HttpGraphQlTester officer, String unit, String name, String username) {
		Map<String, Object> input = new HashMap<>(
				Map.of("name", name, "gender", "FEMALE", "phone", "13900000000", "dispatchingUnitId", unit));
		if (username != null) {
			input.put("account", Map.of("username", username, "password", "the-right-password"));
		}
		return id(mutate(officer, "registerCadre", "RegisterCadreInput", input, "cadre { id }"), "cadre");
	}

	private void post(HttpGraphQlTester officer, String cadre, String village, String role) {
		mutate(officer, "postCadre", "PostCadreInput",
				Map.of("cadreId", cadre, "villageId", village, "role", role, "startedOn", day(0)), "posting { id }");
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> include(HttpGraphQlTester as, String village, int members, String source) {
		List<Map<String, Object>> others = new ArrayList<>();
		for (int i = 0; i < members; i++) {
			others.add(Map.of("name", "成员" + i, "relation", (i == 0) ? "SPOUSE" : "CHILD", "gender", "FEMALE",
					"birthDate", "1975-06-0" + (i + 1), "idNumber", idNumber()));
		}
		Map<String, Object> household = Map.of("villageId", village, "headName", "户主某", "headIdNumber", idNumber(),
				"headGender", "MALE", "headBirthDate", "1970-03-01", "members", others);
		return (Map<String, Object>) mutate(as, "includeHouseholdInMonitoring", "IncludeHouseholdInput",
				Map.of("newHousehold", household, "category", "UNSTABLE_OUT_OF_POVERTY", "riskTypes",
						List.of("UNSTABLE_EMPLOYMENT"), "source", source, "foundOn", day(1)),
				"monitoringCase { id household { id } }")
			.get("monitoringCase");
	}

	private String visit(HttpGraphQlTester phone, String village, String household, int n) {
		String uuid = UUID.randomUUID().toString();
		String at = LocalDate.parse(day(n)).atTime(10, 0).atOffset(ZoneOffset.ofHours(8)).toString();
		phone.document("mutation($v: LogVisitInput!) { logVisit(input: $v) { userErrors { code } } }")
			.variable("v",
					Map.of("uuid", uuid, "villageId", village, "householdId", household, "kind", "HOUSEHOLD_VISIT",
							"occurredAt", at, "recordedAt", at, "notes", "入户核实"))
			.execute()
			.path("logVisit.userErrors")
			.entityList(Object.class)
			.hasSize(0);
		return uuid;
	}

	private void step(HttpGraphQlTester as, String caseId, String action, String from, String on,
			Map<String, Object> extra) {
		Map<String, Object> input = new HashMap<>(extra);
		input.put("stepId", UUID.randomUUID().toString());
		input.put("caseId", caseId);
		input.put("action", action);
		input.put("fromState", from);
		input.put("occurredOn", on);
		as.document(
				"""
						mutation($input: RecordCaseStepInput!) { recordCaseStep(input: $input) { userErrors { code message } } }""")
			.variable("input", input)
			.execute()
			.path("recordCaseStep.userErrors")
			.entityList(Object.class)
			.hasSize(0);
	}

	/** Moves a project on; its new version. */
	private int advance(HttpGraphQlTester as, String project, int version, String to, String document, String on) {
		Map<String, Object> input = new HashMap<>(
				Map.of("projectId", project, "baseVersion", version, "to", to, "on", on));
		input.put("documentNumber", document);
		mutate(as, "advanceProject", "AdvanceProjectInput", input, "project { id }");
		return version + 1;
	}

	private Object node(HttpGraphQlTester as, String id, String fragment) {
		return as.document("query($id: ID!) { node(id: $id) { " + fragment + " } }")
			.variable("id", id)
			.execute()
			.path("node")
			.entity(Map.class)
			.get();
	}

	static BigDecimal yuan(String text) {
		return new BigDecimal(text);
	}

}
