package cn.ankang.bangfu.monitoring;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.shared.relay.GlobalId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a cadre finds on a visit reaches the household's case by rule, once, visible on
 * the visit and in the household's history, and an officer reverses what was mistaken
 * (issue 20): through the GraphQL endpoint, against the database.
 */
class VisitFindingsTests extends MonitoringTestSupport {

	private static final String LOG = """
			mutation($v: LogVisitInput!) { logVisit(input: $v) {
			  receipt { status reviewFlags }
			  visit { id effects { id kind riskTypes reversed
			                       monitoringCase { id state source riskTypes openTasks { kind } }
			                       measure { type description startedOn } } }
			  userErrors { code field } } }""";

	private static final String REVERSE = """
			mutation($input: ReverseVisitEffectInput!) { reverseVisitEffect(input: $input) {
			  effect { id kind reversed reverseReason reversedByName monitoringCase { state riskTypes } }
			  userErrors { code field } } }""";

	@Test
	void newRisksAndAFallInIncomeJoinTheOpenCaseOnceAndShowOnTheVisit() {
		NewHousehold household = newHousehold(false);
		long caseKey = caseInState(household, "MONITORING", today().minusMonths(8));
		Map<String, Object> visit = visit(household,
				Map.of("newRiskTypes", List.of("DISASTER"), "housingSafe", false, "incomeChange", "FELL"));

		Map<String, Object> first = log("demo-secretary", visit);
		assertThat(first).extracting("receipt.status").isEqualTo("ACCEPTED");
		List<Map<String, Object>> effects = effects(first);
		assertThat(effects).extracting((e) -> e.get("kind")).containsExactly("CASE_RISKS_ADDED", "INCOME_FALL_NOTED");
		assertThat(effects.get(0)).containsEntry("riskTypes", List.of("DISASTER", "HOUSING_SAFETY"));
		assertThat(effects.get(0)).extracting("monitoringCase.riskTypes")
			.isEqualTo(List.of("DISASTER", "HOUSING_SAFETY", "ILLNESS"));
		// the household is monitored: its own risks follow, and say where they came from
		assertThat(householdRisks(household)).containsExactly("DISASTER", "HOUSING_SAFETY", "ILLNESS");
		assertThat(historyKinds(household)).contains("VISIT_EFFECT");

		// the answer lost, the phone sends the visit again: nothing applies twice
		int caseVersion = caseVersion(caseKey);
		Map<String, Object> again = log("demo-secretary", visit);
		assertThat(again).extracting("receipt.status").isEqualTo("DUPLICATE");
		assertThat(effects(again)).extracting((e) -> e.get("id"))
			.containsExactlyElementsOf(effects.stream().map((e) -> e.get("id")).toList());
		assertThat(caseVersion(caseKey)).isEqualTo(caseVersion);
		assertThat(effectRows(household)).isEqualTo(2);

		// a second visit that finds the same risks changes nothing more
		Map<String, Object> later = log("demo-secretary",
				visit(household, Map.of("newRiskTypes", List.of("DISASTER"), "incomeChange", "STABLE")));
		assertThat(effects(later)).isEmpty();
		assertThat(caseVersion(caseKey)).isEqualTo(caseVersion);
	}

	@Test
	void aHouseholdWithoutAnOpenCaseThatShowsHardshipGetsACaseToVerifyEvenFromADoubtfulVisit() {
		NewHousehold household = newHousehold(true);
		caseInState(household, "RISK_ELIMINATED", today().minusYears(2));
		Map<String, Object> quiet = log("demo-secretary",
				visit(household, Map.of("schoolingSecure", true, "incomeChange", "ROSE")));
		assertThat(effects(quiet)).isEmpty();

		Map<String, Object> visit = visit(household, Map.of("schoolingSecure", false, "drinkingWaterSafe", false));
		// logged far from the village: flagged for review, and it counts all the same
		visit.put("location", Map.of("latitude", 40.0, "longitude", 116.0));
		Map<String, Object> payload = log("demo-secretary", visit);
		assertThat(payload).extracting("receipt.reviewFlags").isEqualTo(List.of("FAR_FROM_VILLAGE"));
		assertThat(effects(payload)).singleElement().satisfies((effect) -> {
			assertThat(effect).containsEntry("kind", "CASE_OPENED")
				.containsEntry("riskTypes", List.of("DRINKING_WATER", "SCHOOLING_COSTS"));
			assertThat(effect).extracting("monitoringCase.state").isEqualTo("IDENTIFIED");
			assertThat(effect).extracting("monitoringCase.source").isEqualTo("VISIT");
			assertThat(effect).extracting("monitoringCase.openTasks")
				.isEqualTo(List.of(Map.of("kind", "VERIFY_AT_HOME")));
		});
		// a case not yet confirmed leaves the household's own risks as they were
		assertThat(householdRisks(household)).containsExactly("ILLNESS");
		// the case rests on the visit
		assertThat(this.jdbc.sql("""
				select s.visit_ids[1] from case_step s join monitoring_case c on c.id = s.case_id
				where c.household_id = :h and s.action = 'OPEN'""")
			.param("h", household.key())
			.query(UUID.class)
			.single()).hasToString((String) visit.get("uuid"));
	}

	@Test
	void measuresAgreedAtTheDoorStartOnceWithTheVisitAndABadOneRefusesTheVisitWhole() {
		NewHousehold household = newHousehold(false);
		Map<String, Object> visit = visit(household, Map.of("incomeChange", "STABLE"));
		visit.put("followUpMeasures",
				List.of(Map.of("type", "EMPLOYMENT", "description", "推荐到县城工业园务工", "startedOn", today().toString())));
		Map<String, Object> payload = log("demo-secretary", visit);
		assertThat(effects(payload)).singleElement()
			.satisfies((effect) -> assertThat(effect).containsEntry("kind", "MEASURE_STARTED")
				.containsEntry("measure",
						Map.of("type", "EMPLOYMENT", "description", "推荐到县城工业园务工", "startedOn", today().toString())));
		log("demo-secretary", visit);
		assertThat(measures(household)).isEqualTo(1);

		Map<String, Object> bad = visit(household, Map.of());
		bad.put("followUpMeasures", List
			.of(Map.of("type", "EMPLOYMENT", "description", "好", "startedOn", today().plusYears(2).toString())));
		Map<String, Object> refused = log("demo-secretary", bad);
		assertThat(refused.get("visit")).isNull();
		assertThat((List<?>) refused.get("userErrors")).extracting((error) -> (Object) ((Map<?, ?>) error).get("field"))
			.containsExactly(List.of("input", "followUpMeasures", "0", "description"),
					List.of("input", "followUpMeasures", "0", "startedOn"));
		assertThat(measures(household)).isEqualTo(1);
		assertThat(this.jdbc.sql("select count(*) from visit where id = cast(:id as uuid)")
			.param("id", bad.get("uuid"))
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void anOfficerReversesAMistakenEffectOnceAndTheCadreMayNot() {
		NewHousehold household = newHousehold(false);
		long caseKey = caseInState(household, "MONITORING", today().minusMonths(8));
		List<Map<String, Object>> effects = effects(log("demo-secretary",
				visit(household, Map.of("newRiskTypes", List.of("ACCIDENT"), "incomeChange", "FELL"))));
		String risksAdded = (String) effects.get(0).get("id");

		assertError(as("demo-secretary").document(REVERSE).variable("input", reversal(risksAdded)), "FORBIDDEN");

		Map<String, Object> input = reversal(risksAdded);
		Map<String, Object> reversed = reverse("demo-town", input);
		assertThat(codes(reversed)).isEmpty();
		assertThat(reversed).extracting("effect.reversed").isEqualTo(true);
		assertThat(reversed).extracting("effect.reverseReason").isEqualTo("核实为误填：意外已由保险理赔");
		assertThat(reversed).extracting("effect.monitoringCase.riskTypes").isEqualTo(List.of("ILLNESS"));
		assertThat(householdRisks(household)).containsExactly("ILLNESS");
		// the same reversal again answers as the first; another one is refused
		assertThat(codes(reverse("demo-town", input))).isEmpty();
		assertThat(codes(reverse("demo-county", reversal(risksAdded)))).containsExactly("INVALID_TRANSITION");

		// a reversed fall in income no longer holds the case back
		String incomeFall = (String) effects.get(1).get("id");
		assertThat(codes(reverse("demo-county", reversal(incomeFall)))).isEmpty();
		assertThat(this.jdbc.sql("""
				select count(*) from visit_effect where case_id = :c and reversed_at is not null""")
			.param("c", caseKey)
			.query(Integer.class)
			.single()).isEqualTo(2);
	}

	@Test
	void aCaseOpenedByAVisitIsDismissedWhenReversedUntilItHasMovedOn() {
		NewHousehold household = newHousehold(true);
		Map<String, Object> opened = effects(
				log("demo-secretary", visit(household, Map.of("newRiskTypes", List.of("LACK_OF_LABOUR")))))
			.get(0);
		Map<String, Object> reversed = reverse("demo-town", reversal((String) opened.get("id")));
		assertThat(codes(reversed)).isEmpty();
		assertThat(reversed).extracting("effect.monitoringCase.state").isEqualTo("DISMISSED");

		NewHousehold other = newHousehold(true);
		Map<String, Object> second = effects(
				log("demo-secretary", visit(other, Map.of("newRiskTypes", List.of("LACK_OF_LABOUR")))))
			.get(0);
		String caseId = (String) ((Map<?, ?>) second.get("monitoringCase")).get("id");
		taken(step("demo-secretary", caseId, "VERIFY", "IDENTIFIED", Map.of("visitIds", List.of(logVisit(other)))));
		assertThat(codes(reverse("demo-town", reversal((String) second.get("id")))))
			.containsExactly("INVALID_TRANSITION");
	}

	@Test
	void aMeasureStartedIsEndedNotReversedAndNoOneOutsideTheJurisdictionFindsAnEffect() {
		NewHousehold household = newHousehold(false);
		Map<String, Object> visit = visit(household, Map.of());
		visit.put("followUpMeasures",
				List.of(Map.of("type", "HOUSING", "description", "危房改造申请", "startedOn", today().toString())));
		String effect = (String) effects(log("demo-secretary", visit)).get(0).get("id");
		assertThat(codes(reverse("demo-town", reversal(effect)))).containsExactly("INVALID_TRANSITION");
		assertThat(codes(reverse("demo-county", reversal(GlobalId.of("VisitEffect", Long.MAX_VALUE)))))
			.containsExactly("NOT_FOUND");
		// the officers' review list shows what stands
		assertThat(as("demo-town")
			.document("{ visitEffects(kind: MEASURE_STARTED, reversed: false, first: 100) "
					+ "{ edges { node { id } } totalCount } }")
			.execute()
			.path("visitEffects.edges[*].node.id")
			.entityList(String.class)
			.get()).contains(effect);
	}

	@Test
	void healthRisksAnEffectAddedAreWithheldFromThoseNotResponsible() {
		NewHousehold household = newHousehold(true);
		Map<String, Object> effect = effects(
				log("demo-secretary", visit(household, Map.of("medicalCareSecure", false))))
			.get(0);
		assertThat(effect).containsEntry("riskTypes", List.of("ILLNESS"));
		String document = "{ visitEffects(kind: CASE_OPENED, first: 100) { edges { node { id riskTypes } } } }";
		assertThat(as("demo-leader").document(document)
			.execute()
			.path("visitEffects.edges[*].node")
			.entityList(Map.class)
			.get()).contains(Map.of("id", effect.get("id"), "riskTypes", List.of("HEALTH_WITHHELD")));
	}

	// Helpers
	// ---------------------------------------------------------------------------------------------

	private static Map<String, Object> visit(NewHousehold household, Map<String, Object> findings) {
		Map<String, Object> visit = visitTo(household, OffsetDateTime.now(ZoneOffset.UTC).minusHours(1));
		visit.put("findings", new HashMap<>(findings));
		return visit;
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> log(String user, Map<String, Object> visit) {
		return as(user).document(LOG).variable("v", visit).execute().path("logVisit").entity(Map.class).get();
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> effects(Map<String, Object> payload) {
		return (List<Map<String, Object>>) ((Map<String, Object>) payload.get("visit")).get("effects");
	}

	private static Map<String, Object> reversal(String effectId) {
		return Map.of("changeId", UUID.randomUUID().toString(), "effectId", effectId, "reason", "核实为误填：意外已由保险理赔");
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> reverse(String user, Map<String, Object> input) {
		return as(user).document(REVERSE)
			.variable("input", input)
			.execute()
			.path("reverseVisitEffect")
			.entity(Map.class)
			.get();
	}

	private List<String> householdRisks(NewHousehold household) {
		return this.jdbc.sql("select unnest(risk_types) from household where id = :h order by 1")
			.param("h", household.key())
			.query(String.class)
			.list();
	}

	private List<String> historyKinds(NewHousehold household) {
		return as("demo-secretary")
			.document("query($id: ID!) { node(id: $id) { ... on Household { history { recordKind } } } }")
			.variable("id", household.id())
			.execute()
			.path("node.history[*].recordKind")
			.entityList(String.class)
			.get();
	}

	private int caseVersion(long caseKey) {
		return this.jdbc.sql("select version from monitoring_case where id = :c")
			.param("c", caseKey)
			.query(Integer.class)
			.single();
	}

	private int effectRows(NewHousehold household) {
		return this.jdbc.sql("select count(*) from visit_effect where household_id = :h")
			.param("h", household.key())
			.query(Integer.class)
			.single();
	}

	private int measures(NewHousehold household) {
		return this.jdbc.sql("select count(*) from assistance_measure where household_id = :h")
			.param("h", household.key())
			.query(Integer.class)
			.single();
	}

}
