package cn.ankang.bangfu.supervision;

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
 * Supervision rounds (督帮) and the rectification of their problems (问题整改), kept through
 * the API: a city leader sends a round and owns it, officers record problems where they
 * were found, whoever is responsible there submits the evidence, the owner closes the
 * problem or sends it back.
 */
class SupervisionRecordsTests extends RecordsTestSupport {

	static final String ROUND = """
			round { id name year version ownerName counties { code } towns { code } villages { code } zones
			        departments }""";

	static final String PROBLEM = """
			problem { id status version overdue evidence rectifiedOn closedOn returnedReason deadline
			          county { code } town { code } village { code } round { id } }""";

	static LocalDate today() {
		return LocalDate.now(ZoneId.of("Asia/Shanghai"));
	}

	@Test
	@SuppressWarnings("unchecked")
	void aRoundCoversAreasZonesAndDepartmentsOnce() {
		Map<String, Object> input = roundInput();
		Map<String, Object> round = made(
				send(cityLeader(), "createSupervisionRound", "CreateSupervisionRoundInput", input, ROUND), "round");
		assertThat((List<Map<String, Object>>) round.get("counties")).extracting((county) -> county.get("code"))
			.containsExactlyInAnyOrder(COUNTY, OTHER_COUNTY);
		// a town named and a town covered through its village
		assertThat((List<Map<String, Object>>) round.get("towns")).extracting((town) -> town.get("code"))
			.containsExactlyInAnyOrder(COUNTY + "001", COUNTY + "002");
		assertThat((List<Map<String, Object>>) round.get("villages")).extracting((village) -> village.get("code"))
			.containsExactly(COUNTY + "002001");
		assertThat((List<String>) round.get("zones")).containsExactly("高新区");
		assertThat((List<String>) round.get("departments")).containsExactly("市教育局", "市水利局");
		assertThat(round.get("ownerName")).isNotNull();
		// a resend is answered with the same round; the name is the city's once a year
		assertThat(
				made(send(cityLeader(), "createSupervisionRound", "CreateSupervisionRoundInput", input, "round { id }"),
						"round"))
			.containsEntry("id", round.get("id"));
		Map<String, Object> again = new HashMap<>(input);
		again.put("changeId", changeId());
		assertThat(codes(
				send(cityLeader(), "createSupervisionRound", "CreateSupervisionRoundInput", again, "round { id }")))
			.containsExactly("ALREADY_EXISTS");
		Map<String, Object> elsewhere = roundInput();
		elsewhere.put("villageCodes", List.of(OTHER_CITY + "02001001"));
		Map<String, Object> refused = send(cityLeader(), "createSupervisionRound", "CreateSupervisionRoundInput",
				elsewhere, "round { id }");
		assertThat(codes(refused)).containsExactly("INVALID_INPUT");
		assertThat(field(refused)).containsExactly("input", "villageCodes");
		Map<String, Object> nothing = roundInput();
		nothing.put("countyCodes", List.of());
		nothing.put("townCodes", List.of());
		nothing.put("villageCodes", List.of());
		nothing.put("zones", List.of());
		nothing.put("departments", List.of());
		assertThat(codes(
				send(cityLeader(), "createSupervisionRound", "CreateSupervisionRoundInput", nothing, "round { id }")))
			.containsExactly("INVALID_INPUT");
		Map<String, Object> otherCity = roundInput();
		otherCity.put("cityCode", OTHER_CITY);
		otherCity.put("countyCodes", List.of(OTHER_CITY + "02"));
		otherCity.put("townCodes", List.of());
		otherCity.put("villageCodes", List.of());
		assertThat(codes(
				send(cityLeader(), "createSupervisionRound", "CreateSupervisionRoundInput", otherCity, "round { id }")))
			.containsExactly("OUT_OF_JURISDICTION");
		assertRefused(countyOfficer(COUNTY), "createSupervisionRound", "CreateSupervisionRoundInput", roundInput(),
				"FORBIDDEN");
	}

	@Test
	@SuppressWarnings("unchecked")
	void aProblemIsRectifiedAndClosedByTheRoundsOwnerOrSentBack() {
		Map<String, Object> round = newRound();
		HttpGraphQlTester officer = countyOfficer(COUNTY);
		Map<String, Object> problem = made(
				record(officer, round, COUNTY + "002001", today().minusDays(5), today().plusDays(30)), "problem");
		assertThat(problem).containsEntry("status", "FOUND").containsEntry("overdue", false);
		assertThat((Map<String, Object>) problem.get("town")).containsEntry("code", COUNTY + "002");
		// only what was rectified is reviewed; only the owner reviews
		assertThat(codes(review(cityLeader(), problem, 1, true))).containsExactly("INVALID_TRANSITION");
		Map<String, Object> rectified = made(rectify(officer, problem, 1, today().minusDays(1)), "problem");
		assertThat(rectified).containsEntry("status", "RECTIFIED")
			.containsEntry("rectifiedOn", today().minusDays(1).toString())
			.containsEntry("version", 2);
		assertThat(codes(rectify(officer, problem, 2, today()))).containsExactly("INVALID_TRANSITION");
		assertThat(codes(review(officer, problem, 2, true))).containsExactly("NOT_ROUND_OWNER");
		assertThat(codes(review(cityLeader(), problem, 1, true))).containsExactly("STALE_VERSION");
		Map<String, Object> back = made(review(cityLeader(), problem, 2, false), "problem");
		assertThat(back).containsEntry("status", "SENT_BACK").containsEntry("returnedReason", "佐证材料不全");
		made(rectify(officer, problem, 3, today()), "problem");
		Map<String, Object> closed = made(review(cityLeader(), problem, 4, true), "problem");
		assertThat(closed).containsEntry("status", "CLOSED").containsEntry("closedOn", today().toString());
		List<Map<String, Object>> history = (List<Map<String, Object>>) officer.document(
				"query($id: ID!) { node(id: $id) { ... on SupervisionProblem { history { operation recordKind after } } } }")
			.variable("id", problem.get("id"))
			.execute()
			.path("node.history")
			.entity(List.class)
			.get();
		assertThat(history).extracting((change) -> change.get("recordKind") + " " + change.get("operation"))
			.containsExactly("SUPERVISION_PROBLEM CREATED", "SUPERVISION_PROBLEM CHANGED",
					"SUPERVISION_PROBLEM CHANGED", "SUPERVISION_PROBLEM CHANGED", "SUPERVISION_PROBLEM CHANGED");
		assertThat((Map<String, Object>) history.get(4).get("after")).containsEntry("status", "CLOSED");
	}

	@Test
	void refusalsOfDaysAreasAndJurisdictionKeepNothing() {
		Map<String, Object> round = newRound();
		HttpGraphQlTester officer = countyOfficer(COUNTY);
		Map<String, Object> early = record(officer, round, COUNTY + "002001", today().minusDays(5),
				today().minusDays(6));
		assertThat(codes(early)).containsExactly("INVALID_INPUT");
		assertThat(field(early)).containsExactly("input", "deadline");
		assertThat(codes(record(officer, round, OTHER_COUNTY + "001001", today().minusDays(5), today().plusDays(9))))
			.containsExactly("OUT_OF_JURISDICTION");
		assertThat(codes(record(officer, round, OTHER_CITY + "02001001", today().minusDays(5), today().plusDays(9))))
			.containsExactly("INVALID_INPUT");
		assertThat(codes(record(officer, round, COUNTY + "999", today().minusDays(5), today().plusDays(9))))
			.containsExactly("NOT_FOUND");
		assertThat(codes(record(officer, round, COUNTY, today().minusDays(40), today().plusDays(9))))
			.containsExactly("INVALID_INPUT");
		assertThat(totalProblems(officer, (String) round.get("id"), null)).isZero();
		assertRefused(developer(), "recordSupervisionProblem", "RecordSupervisionProblemInput",
				problemInput(round, COUNTY, today(), today()), "FORBIDDEN");
	}

	@Test
	@SuppressWarnings("unchecked")
	void problemsAreSeenWhereTheyWereFoundAndOverdueOnesAreListed() {
		Map<String, Object> round = newRound();
		String roundId = (String) round.get("id");
		Map<String, Object> overdue = made(
				record(countyOfficer(COUNTY), round, COUNTY + "002001", today().minusDays(10), today().minusDays(1)),
				"problem");
		assertThat(overdue).containsEntry("overdue", true);
		Map<String, Object> countyLevel = made(
				record(cityLeader(), round, OTHER_COUNTY, today().minusDays(10), today().plusDays(20)), "problem");
		assertThat(totalProblems(cityLeader(), roundId, null)).isEqualTo(2);
		assertThat(totalProblems(cityLeader(), roundId, true)).isEqualTo(1);
		assertThat(totalProblems(cityLeader(), roundId, false)).isEqualTo(1);
		assertThat(totalProblems(countyOfficer(COUNTY), roundId, null)).isEqualTo(1);
		assertThat(totalProblems(countyOfficer(OTHER_COUNTY), roundId, true)).isZero();
		countyOfficer(OTHER_COUNTY).document("query($id: ID!) { node(id: $id) { id } }")
			.variable("id", overdue.get("id"))
			.execute()
			.path("node")
			.valueIsNull();
		// the resident cadre of the village sees it and submits the evidence; others do
		// not find it
		HttpGraphQlTester cadre = postedCadre(COUNTY + "002001");
		assertThat(totalProblems(cadre, roundId, null)).isEqualTo(1);
		// each problem is a task where it was found, due on its deadline: overdue here
		assertThat(rectificationTasks(cadre)).containsEntry(overdue.get("id"), true);
		assertThat(rectificationTasks(countyOfficer(OTHER_COUNTY))).containsEntry(countyLevel.get("id"), false);
		assertThat(made(rectify(cadre, overdue, 1, today()), "problem")).containsEntry("status", "RECTIFIED");
		assertThat(rectificationTasks(cadre)).doesNotContainKey(overdue.get("id"));
		assertThat(codes(rectify(countyOfficer(OTHER_COUNTY), overdue, 2, today()))).containsExactly("NOT_FOUND");
		// the figure counts what each asker sees
		Map<String, Object> figures = (Map<String, Object>) countyOfficer(COUNTY)
			.document("{ supervisionFigures { total { problemsFound problemsOpen } } }")
			.execute()
			.path("supervisionFigures.total")
			.entity(Map.class)
			.get();
		assertThat(((Number) figures.get("problemsOpen")).intValue()).isPositive();
	}

	/**
	 * The open rectification tasks the user has, by problem id, whether each is overdue.
	 */
	@SuppressWarnings("unchecked")
	private Map<Object, Object> rectificationTasks(HttpGraphQlTester as) {
		List<Map<String, Object>> tasks = (List<Map<String, Object>>) (List<?>) as.document("""
				{ myTasks(first: 100) { edges { node { kind status overdue supervisionProblem { id } } } } }""")
			.execute()
			.path("myTasks.edges[*].node")
			.entityList(Map.class)
			.get();
		Map<Object, Object> byProblem = new HashMap<>();
		for (Map<String, Object> task : tasks) {
			if ("RECTIFY_PROBLEM".equals(task.get("kind")) && "OPEN".equals(task.get("status"))) {
				byProblem.put(((Map<String, Object>) task.get("supervisionProblem")).get("id"), task.get("overdue"));
			}
		}
		return byProblem;
	}

	private Map<String, Object> roundInput() {
		Map<String, Object> input = new HashMap<>();
		input.put("changeId", changeId());
		input.put("cityCode", CITY);
		input.put("name", unique("督帮"));
		input.put("organiser", "市委农办");
		input.put("startedOn", today().minusDays(20).toString());
		input.put("endedOn", today().minusDays(8).toString());
		input.put("countyCodes", List.of(COUNTY, OTHER_COUNTY, COUNTY));
		input.put("townCodes", List.of(COUNTY + "001"));
		input.put("villageCodes", List.of(COUNTY + "002001"));
		input.put("zones", List.of("高新区"));
		input.put("departments", List.of("市教育局", "市水利局"));
		return input;
	}

	private Map<String, Object> newRound() {
		return made(send(cityLeader(), "createSupervisionRound", "CreateSupervisionRoundInput", roundInput(),
				"round { id }"), "round");
	}

	private Map<String, Object> problemInput(Map<String, Object> round, String areaCode, LocalDate found,
			LocalDate deadline) {
		return Map.of("changeId", changeId(), "roundId", round.get("id"), "areaCode", areaCode, "category", "HOUSING",
				"description", "个别农户住房安全鉴定资料不全", "responsible", "镇政府", "foundOn", found.toString(), "deadline",
				deadline.toString());
	}

	private Map<String, Object> record(HttpGraphQlTester as, Map<String, Object> round, String areaCode,
			LocalDate found, LocalDate deadline) {
		return send(as, "recordSupervisionProblem", "RecordSupervisionProblemInput",
				problemInput(round, areaCode, found, deadline), PROBLEM);
	}

	private Map<String, Object> rectify(HttpGraphQlTester as, Map<String, Object> problem, int version, LocalDate on) {
		return send(as, "submitProblemRectification", "SubmitProblemRectificationInput",
				Map.of("changeId", changeId(), "problemId", problem.get("id"), "baseVersion", version, "evidence",
						"已完成鉴定并归档", "rectifiedOn", on.toString()),
				PROBLEM);
	}

	private Map<String, Object> review(HttpGraphQlTester as, Map<String, Object> problem, int version, boolean accept) {
		Map<String, Object> input = new HashMap<>(Map.of("changeId", changeId(), "problemId", problem.get("id"),
				"baseVersion", version, "accept", accept));
		if (accept) {
			input.put("closedOn", today().toString());
		}
		else {
			input.put("reason", "佐证材料不全");
		}
		return send(as, "reviewProblemRectification", "ReviewProblemRectificationInput", input, PROBLEM);
	}

	private int totalProblems(HttpGraphQlTester as, String roundId, Boolean overdue) {
		Map<String, Object> filter = new HashMap<>();
		filter.put("roundId", roundId);
		if (overdue != null) {
			filter.put("overdue", overdue);
		}
		return as
			.document(
					"query($f: SupervisionProblemFilter) { supervisionProblems(first: 0, filter: $f) { totalCount } }")
			.variable("f", filter)
			.execute()
			.path("supervisionProblems.totalCount")
			.entity(Integer.class)
			.get();
	}

}
