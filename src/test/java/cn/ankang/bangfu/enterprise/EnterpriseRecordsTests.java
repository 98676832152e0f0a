package cn.ankang.bangfu.enterprise;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import cn.ankang.bangfu.RecordsTestSupport;
import cn.ankang.bangfu.shared.relay.GlobalId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bodies that drive households, kept through the API: registered where they lie,
 * their years recorded once and changed at their version, counts that cannot be refused
 * with nothing stored, closed not before they opened, kept and seen only within the
 * keeper's jurisdiction, every change on record.
 */
class EnterpriseRecordsTests extends RecordsTestSupport {

	static final String ENTERPRISE = """
			enterprise { id name kind industry openedOn closedOn version county { code } town { code } village { code }
			             years { year linkedPeople } }""";

	static final String YEAR = """
			year { id year modes linkedHouseholds linkedPeople workers workersOutOfPoverty
			       workersFromMonitoredHouseholds version enterprise { id } employedHouseholds { id } }""";

	static final int LAST_YEAR = today().getYear() - 1;

	static LocalDate today() {
		return LocalDate.now(ZoneId.of("Asia/Shanghai"));
	}

	@Test
	@SuppressWarnings("unchecked")
	void aBodysYearIsRecordedOnceAndChangedAtItsVersionWithItsHistory() {
		HttpGraphQlTester county = countyOfficer(COUNTY);
		Map<String, Object> body = made(register(county, registration("COOPERATIVE", "008", true)), "enterprise");
		assertThat(body).containsEntry("kind", "COOPERATIVE").containsEntry("version", 1);
		assertThat((Map<String, Object>) body.get("village")).containsEntry("code", COUNTY + "008001");
		String id = (String) body.get("id");
		Map<String, Object> input = year(id, null, LAST_YEAR, 40, 130, 25, 10, 2);
		Map<String, Object> first = made(record(county, input), "year");
		assertThat(first).containsEntry("linkedPeople", 130)
			.containsEntry("version", 1)
			.containsEntry("modes", List.of("DIVIDEND", "ORDER_PRODUCTION"));
		// a resend is answered as the first sending was; the same id with other content
		// is a conflict
		assertThat(made(record(county, input), "year")).containsEntry("id", first.get("id"));
		Map<String, Object> other = new HashMap<>(input);
		other.put("linkedPeople", 131);
		assertThat(codes(record(county, other))).containsExactly("CONFLICT");
		// recorded again without its version, or at an old one: stale
		assertThat(codes(record(county, year(id, null, LAST_YEAR, 41, 131, 25, 10, 2))))
			.containsExactly("STALE_VERSION");
		Map<String, Object> changed = made(record(county, year(id, 1, LAST_YEAR, 41, 131, 25, 10, 2)), "year");
		assertThat(changed).containsEntry("version", 2)
			.containsEntry("linkedPeople", 131)
			.containsEntry("id", first.get("id"));
		assertThat(codes(record(county, year(id, 1, LAST_YEAR, 42, 132, 25, 10, 2)))).containsExactly("STALE_VERSION");
		// the body, its years and their history, through node
		Map<String, Object> node = county.document("""
				query($id: ID!) { node(id: $id) { ... on Enterprise { name years { year linkedPeople version }
				    history { operation recordKind after } } } }""")
			.variable("id", id)
			.execute()
			.path("node")
			.entity(Map.class)
			.get();
		assertThat((List<Map<String, Object>>) node.get("years")).singleElement()
			.isEqualTo(Map.of("year", LAST_YEAR, "linkedPeople", 131, "version", 2));
		assertThat((List<Map<String, Object>>) node.get("history"))
			.extracting((change) -> change.get("operation") + " " + change.get("recordKind"))
			.containsExactly("CREATED ENTERPRISE", "CREATED ENTERPRISE_YEAR", "CHANGED ENTERPRISE_YEAR");
		assertThat(((List<Map<String, Object>>) node.get("history")).get(2).get("after"))
			.isEqualTo(Map.of("linkedHouseholds", 41, "linkedPeople", 131));
	}

	@Test
	void countsThatCannotBeAreRefusedAndNothingIsStored() {
		HttpGraphQlTester county = countyOfficer(COUNTY);
		String id = (String) made(register(county, registration("ENTERPRISE", "008", true)), "enterprise").get("id");
		Object[][] refusals = { { year(id, null, LAST_YEAR, -1, 10, 5, 1, 0), "linkedHouseholds" },
				{ year(id, null, LAST_YEAR, 10, 10, -5, 0, 0), "workers" },
				{ year(id, null, LAST_YEAR, 10, 5, 5, 1, 0), "linkedPeople" },
				{ year(id, null, LAST_YEAR, 10, 101, 5, 1, 0), "linkedPeople" },
				{ year(id, null, LAST_YEAR, 10, 30, 5, 6, 0), "workersOutOfPoverty" },
				{ year(id, null, LAST_YEAR, 10, 30, 5, 1, 6), "workersFromMonitoredHouseholds" },
				{ year(id, null, LAST_YEAR, 10, 30, 5, 1, 0, List.of()), "modes" },
				{ year(id, null, LAST_YEAR, 10, 30, 500_000, 1, 0), "workers" },
				{ year(id, null, today().getYear() + 1, 10, 30, 5, 1, 0), "year" },
				{ year(id, null, 2009, 10, 30, 5, 1, 0), "year" } };
		for (Object[] refusal : refusals) {
			@SuppressWarnings("unchecked")
			Map<String, Object> payload = record(county, (Map<String, Object>) refusal[0]);
			assertThat(codes(payload)).as("%s", refusal[1]).contains("INVALID_INPUT");
			assertThat(field(payload)).as("%s", refusal[1]).containsExactly("input", (String) refusal[1]);
		}
		Map<String, Object> payload = record(county, year(id, null, LAST_YEAR, 10, 101, 5, 1, 0));
		assertThat(message(payload)).contains("不合常理");
		assertThat(sqlInt(
				"select count(*) from enterprise_year where enterprise_id = " + GlobalId.decode(id).numericKey()))
			.isZero();
		// zero is a count: a body that linked no one in a year says so
		assertThat(made(record(county, year(id, null, LAST_YEAR, 0, 0, 3, 0, 0, List.of())), "year"))
			.containsEntry("linkedPeople", 0);
	}

	@Test
	void aBodyClosesNotBeforeItOpenedNorBeforeAYearRecordedForIt() {
		HttpGraphQlTester county = countyOfficer(COUNTY);
		Map<String, Object> closedEarly = registration("FAMILY_FARM", "008", false);
		closedEarly.put("closedOn", LocalDate.of(2019, 12, 31).toString());
		Map<String, Object> payload = register(county, closedEarly);
		assertThat(codes(payload)).containsExactly("INVALID_INPUT");
		assertThat(field(payload)).containsExactly("input", "closedOn");
		assertThat(message(payload)).contains("关闭日期不能早于开业");
		Map<String, Object> body = made(register(county, registration("FAMILY_FARM", "008", false)), "enterprise");
		String id = (String) body.get("id");
		made(record(county, year(id, null, LAST_YEAR, 3, 9, 2, 1, 0)), "year");
		assertThat(codes(close(county, id, 1, "2019-06-30"))).containsExactly("INVALID_INPUT");
		assertThat(codes(close(county, id, 1, LocalDate.of(LAST_YEAR - 1, 12, 31).toString())))
			.containsExactly("INVALID_INPUT");
		assertThat(codes(close(county, id, 1, today().plusDays(1).toString()))).containsExactly("INVALID_INPUT");
		Map<String, Object> closed = made(close(county, id, 1, LocalDate.of(LAST_YEAR, 12, 31).toString()),
				"enterprise");
		assertThat(closed).containsEntry("closedOn", LocalDate.of(LAST_YEAR, 12, 31).toString())
			.containsEntry("version", 2);
		assertThat(codes(close(county, id, 2, LocalDate.of(LAST_YEAR, 12, 31).toString())))
			.containsExactly("INVALID_TRANSITION");
		// after it closed, no later year
		if (today().getYear() > LAST_YEAR) {
			assertThat(field(record(county, year(id, null, today().getYear(), 3, 9, 2, 1, 0)))).containsExactly("input",
					"year");
		}
	}

	@Test
	void bodiesAreKeptAndSeenWithinTheKeepersJurisdiction() {
		Map<String, Object> input = registration("ENTERPRISE", "008", true);
		assertRefused(this.anonymous, "registerEnterprise", "RegisterEnterpriseInput", input, "UNAUTHENTICATED");
		assertRefused(cityLeader(), "registerEnterprise", "RegisterEnterpriseInput", input, "FORBIDDEN");
		assertThat(codes(register(countyOfficer(OTHER_COUNTY), input))).containsExactly("OUT_OF_JURISDICTION");
		assertThat(codes(register(townOfficer(COUNTY + "007"), input))).containsExactly("OUT_OF_JURISDICTION");
		String village = (String) made(register(townOfficer(COUNTY + "008"), input), "enterprise").get("id");
		// a body of the town alone, named by no village
		String town = (String) made(register(countyOfficer(COUNTY), registration("COOPERATIVE", "008", false)),
				"enterprise")
			.get("id");
		String document = "query($ids: [ID!]!) { nodes(ids: $ids) { id } }";
		for (HttpGraphQlTester sees : List.of(countyOfficer(COUNTY), townOfficer(COUNTY + "008"), cityLeader(),
				admin())) {
			assertThat(sees.document(document)
				.variable("ids", List.of(village, town))
				.execute()
				.path("nodes[*].id")
				.entityList(String.class)
				.get()).containsExactly(village, town);
		}
		for (HttpGraphQlTester blind : List.of(countyOfficer(OTHER_COUNTY), townOfficer(COUNTY + "007"))) {
			blind.document(document)
				.variable("ids", List.of(village, town))
				.execute()
				.path("nodes[0]")
				.valueIsNull()
				.path("nodes[1]")
				.valueIsNull();
			assertThat(codes(record(blind, year(village, null, LAST_YEAR, 1, 2, 1, 0, 0))))
				.containsExactly("NOT_FOUND");
		}
		// the city leader sees but does not keep
		assertRefused(cityLeader(), "recordEnterpriseYear", "RecordEnterpriseYearInput",
				year(village, null, LAST_YEAR, 1, 2, 1, 0, 0), "FORBIDDEN");
		// lists: each officer's own
		String list = """
				query($f: EnterpriseFilter) { enterprises(first: 100, filter: $f) { totalCount edges { node { id } } } }""";
		Map<String, Object> filter = Map.of("townCode", COUNTY + "008");
		assertThat(countyOfficer(COUNTY).document(list)
			.variable("f", filter)
			.execute()
			.path("enterprises.edges[*].node.id")
			.entityList(String.class)
			.get()).contains(village, town);
		countyOfficer(OTHER_COUNTY).document(list)
			.variable("f", filter)
			.execute()
			.path("enterprises.totalCount")
			.entity(Integer.class)
			.isEqualTo(0);
	}

	@Test
	@SuppressWarnings("unchecked")
	void monitoredHouseholdsEmployedAreLinkedAtMostOneAWorker() {
		HttpGraphQlTester county = countyOfficer(COUNTY);
		Map<String, Object> included = (Map<String, Object>) made(send(county, "includeHouseholdInMonitoring",
				"IncludeHouseholdInput",
				Map.of("changeId", changeId(), "category", "MARGINAL_AT_RISK", "riskTypes", List.of("LACK_OF_LABOUR"),
						"source", "SELF_REPORT", "foundOn", today().toString(), "newHousehold",
						Map.of("villageId", villageId(COUNTY + "008001"), "headName", unique("户主"), "headIdNumber",
								idNumber(), "headGender", "FEMALE", "headBirthDate", "1975-05-01")),
				"monitoringCase { household { id } }"), "monitoringCase")
			.get("household");
		String household = (String) included.get("id");
		String id = (String) made(register(county, registration("COMMUNITY_FACTORY", "008", true)), "enterprise")
			.get("id");
		Map<String, Object> tooMany = year(id, null, today().getYear(), 20, 20, 60, 20, 0);
		tooMany.put("modes", List.of("EMPLOYMENT"));
		tooMany.put("employedHouseholdIds", List.of(household));
		assertThat(field(record(county, tooMany))).containsExactly("input", "employedHouseholdIds");
		Map<String, Object> input = year(id, null, today().getYear(), 20, 20, 60, 20, 1);
		input.put("modes", List.of("EMPLOYMENT"));
		input.put("employedHouseholdIds", List.of(household));
		Map<String, Object> recorded = made(record(county, input), "year");
		assertThat((List<Map<String, Object>>) recorded.get("employedHouseholds")).extracting((h) -> h.get("id"))
			.containsExactly(household);
		// another county's officer names it: not a household they may see
		String other = (String) made(
				register(countyOfficer(OTHER_COUNTY), registration(OTHER_COUNTY, "COMMUNITY_FACTORY", "001", true)),
				"enterprise")
			.get("id");
		Map<String, Object> foreign = year(other, null, today().getYear(), 20, 20, 60, 20, 1);
		foreign.put("modes", List.of("EMPLOYMENT"));
		foreign.put("employedHouseholdIds", List.of(household));
		assertThat(codes(record(countyOfficer(OTHER_COUNTY), foreign))).containsExactly("NOT_FOUND");
	}

	private Map<String, Object> registration(String kind, String town, boolean inVillage) {
		return registration(COUNTY, kind, town, inVillage);
	}

	private Map<String, Object> registration(String countyCode, String kind, String town, boolean inVillage) {
		Map<String, Object> input = new HashMap<>();
		input.put("changeId", changeId());
		input.put("name", unique("带动主体"));
		input.put("kind", kind);
		input.put("industry", kind.equals("COMMUNITY_FACTORY") ? "COMMUNITY_FACTORY" : "TEA");
		input.put("countyCode", countyCode);
		input.put("townCode", countyCode + town);
		if (inVillage) {
			input.put("villageId", villageId(countyCode + town + "001"));
		}
		input.put("openedOn", LocalDate.of(2020, 3, 1).toString());
		return input;
	}

	private static Map<String, Object> year(String id, Integer baseVersion, int year, int households, int people,
			int workers, int outOfPoverty, int monitored) {
		return year(id, baseVersion, year, households, people, workers, outOfPoverty, monitored,
				List.of("ORDER_PRODUCTION", "DIVIDEND"));
	}

	private static Map<String, Object> year(String id, Integer baseVersion, int year, int households, int people,
			int workers, int outOfPoverty, int monitored, List<String> modes) {
		Map<String, Object> input = new HashMap<>();
		input.put("changeId", changeId());
		input.put("enterpriseId", id);
		if (baseVersion != null) {
			input.put("baseVersion", baseVersion);
		}
		input.put("year", year);
		input.put("modes", modes);
		input.put("linkedHouseholds", households);
		input.put("linkedPeople", people);
		input.put("workers", workers);
		input.put("workersOutOfPoverty", outOfPoverty);
		input.put("workersFromMonitoredHouseholds", monitored);
		return input;
	}

	private Map<String, Object> register(HttpGraphQlTester as, Map<String, Object> input) {
		return send(as, "registerEnterprise", "RegisterEnterpriseInput", input, ENTERPRISE);
	}

	private Map<String, Object> record(HttpGraphQlTester as, Map<String, Object> input) {
		return send(as, "recordEnterpriseYear", "RecordEnterpriseYearInput", input, YEAR);
	}

	private Map<String, Object> close(HttpGraphQlTester as, String id, int baseVersion, String closedOn) {
		return send(as, "closeEnterprise", "CloseEnterpriseInput",
				Map.of("changeId", changeId(), "enterpriseId", id, "baseVersion", baseVersion, "closedOn", closedOn),
				ENTERPRISE);
	}

	@SuppressWarnings("unchecked")
	private static String message(Map<String, Object> payload) {
		return (String) ((List<Map<String, Object>>) payload.get("userErrors")).get(0).get("message");
	}

}
