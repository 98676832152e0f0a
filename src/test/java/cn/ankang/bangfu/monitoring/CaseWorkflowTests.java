package cn.ankang.bangfu.monitoring;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.shared.relay.GlobalId;

import org.springframework.dao.DataAccessException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Monitoring cases through the real GraphQL endpoint: every transition by the role that
 * owns it, the refusals of the wrong role, the wrong jurisdiction and the policy, the
 * history each step leaves (read by those responsible, never rewritten), and the figures
 * that count confirmed cases only.
 */
class CaseWorkflowTests extends MonitoringTestSupport {

	private static final String HISTORY = """
			query($id: ID!) { node(id: $id) { ... on Household { status riskEliminatedOn monitoringCases {
			  state source includedOn eliminatedOn
			  steps { action fromState toState occurredOn recordedAt actorName actorRole reason visits { id }
			          photoHashes documents noticeFrom noticeTo } } } } }""";

	@Test
	void aCaseWalksFromRiskFoundToRiskEliminatedEachStepByItsRole() {
		NewHousehold household = newHousehold(false);
		String visit = logVisit(household);
		Map<String, Object> opened = taken(open("demo-secretary", household,
				Map.of("source", "VISIT", "riskTypes", List.of("ILLNESS", "DISASTER"), "visitIds", List.of(visit))));
		assertThat(opened).containsEntry("state", "IDENTIFIED").containsEntry("source", "VISIT");
		String caseId = (String) opened.get("id");
		Map<String, Object> verified = taken(step("demo-secretary", caseId, "VERIFY", "IDENTIFIED",
				Map.of("visitIds", List.of(visit), "photoHashes", List.of("a".repeat(64)))));
		assertThat(verified).containsEntry("state", "VERIFIED_AT_HOME");
		assertThat(tasks(verified)).singleElement()
			.satisfies((task) -> assertThat(task).containsEntry("kind", "PUBLIC_REVIEW")
				.containsEntry("assigneeRole", "TOWN_OFFICER"));
		Map<String, Object> reviewed = taken(step("demo-town", caseId, "REVIEW", "VERIFIED_AT_HOME",
				with(notice(), "documents", List.of("某镇公示〔2026〕3号"))));
		assertThat(tasks(reviewed)).singleElement()
			.satisfies((task) -> assertThat(task).containsEntry("kind", "COUNTY_CONFIRMATION"));
		Map<String, Object> confirmed = taken(step("demo-county", caseId, "CONFIRM", "PUBLICLY_REVIEWED", Map.of()));
		assertThat(confirmed).containsEntry("state", "MONITORING").containsEntry("includedOn", today().toString());
		assertThat(tasks(confirmed)).isEmpty();
		assertThat(sqlString("select status from household where id = " + household.key())).isEqualTo("MONITORING");

		// elimination: the six-month rule looks back from the inclusion, which the
		// records say was eight months ago
		this.jdbc.sql("update monitoring_case set included_on = :on, identified_on = :on where id = :id")
			.param("on", today().minusMonths(8))
			.param("id", GlobalId.decodeNumeric(caseId, "MonitoringCase"))
			.update();
		recordIncome(household, today().getYear(), 20_000);
		taken(step("demo-secretary", caseId, "PROPOSE_ELIMINATION", "MONITORING", Map.of()));
		String second = logVisit(household);
		taken(step("demo-secretary", caseId, "VERIFY", "ELIMINATION_PROPOSED", Map.of("visitIds", List.of(second))));
		taken(step("demo-town", caseId, "REVIEW", "ELIMINATION_VERIFIED", notice()));
		Map<String, Object> eliminated = taken(
				step("demo-county", caseId, "CONFIRM", "ELIMINATION_REVIEWED", Map.of("reason", "收入稳定，风险消除")));
		assertThat(eliminated).containsEntry("state", "RISK_ELIMINATED")
			.containsEntry("eliminatedOn", today().toString());

		Map<String, Object> history = as("demo-secretary").document(HISTORY)
			.variable("id", household.id())
			.execute()
			.path("node")
			.entity(Map.class)
			.get();
		assertThat(history).containsEntry("status", "RISK_ELIMINATED")
			.containsEntry("riskEliminatedOn", today().toString());
		List<Map<String, Object>> steps = steps(history, 0);
		assertThat(steps).extracting((s) -> s.get("action"))
			.containsExactly("OPEN", "VERIFY", "REVIEW", "CONFIRM", "PROPOSE_ELIMINATION", "VERIFY", "REVIEW",
					"CONFIRM");
		assertThat(steps).extracting((s) -> s.get("actorRole"))
			.containsExactly("FIRST_SECRETARY", "FIRST_SECRETARY", "TOWN_OFFICER", "COUNTY_OFFICER", "FIRST_SECRETARY",
					"FIRST_SECRETARY", "TOWN_OFFICER", "COUNTY_OFFICER");
		assertThat(steps).extracting((s) -> s.get("toState"))
			.containsExactly("IDENTIFIED", "VERIFIED_AT_HOME", "PUBLICLY_REVIEWED", "MONITORING",
					"ELIMINATION_PROPOSED", "ELIMINATION_VERIFIED", "ELIMINATION_REVIEWED", "RISK_ELIMINATED");
		assertThat(steps.get(0)).containsEntry("fromState", null).containsEntry("actorName", "演示第一书记");
		assertThat(steps.get(1).get("visits")).isEqualTo(List.of(Map.of("id", GlobalId.of("Visit", visit))));
		assertThat(steps.get(1).get("photoHashes")).isEqualTo(List.of("a".repeat(64)));
		assertThat(steps.get(2)).containsEntry("noticeFrom", today().minusDays(6).toString())
			.containsEntry("noticeTo", today().minusDays(1).toString())
			.containsEntry("documents", List.of("某镇公示〔2026〕3号"))
			.containsEntry("actorName", "演示乡镇干部");
		assertThat(steps.get(7)).containsEntry("reason", "收入稳定，风险消除").containsEntry("actorName", "演示汉滨区干部");
		assertThat(steps).allSatisfy((s) -> assertThat(s.get("recordedAt")).isNotNull());
		// each step is on the audit trail as a change to the case
		assertThat(sqlInt("select count(*) from audit_event where kind = 'MUTATION' and '%s' = any(target_ids)"
			.formatted(caseId))).isEqualTo(8);
		// and reading its risks in full, as the case's officers did, is a read of health
		// data on record
		assertThat(sqlInt("select count(*) from audit_event where kind = 'PERSONAL_READ' and '%s' = any(target_ids)"
			.formatted(caseId))).isPositive();
	}

	@Test
	void aStepIsRefusedToTheWrongRoleAndOutsideTheJurisdiction() {
		NewHousehold household = newHousehold(false);
		String caseId = (String) taken(open("demo-secretary", household, Map.of())).get("id");
		String visit = logVisit(household);
		// the county may not verify at home, nor the city leader, nor the town
		for (String user : List.of("demo-county", "demo-leader", "demo-town")) {
			assertError(as(user).document(STEP)
				.variable("input", Map.of("stepId", UUID.randomUUID().toString(), "caseId", caseId, "action", "VERIFY",
						"fromState", "IDENTIFIED", "visitIds", List.of(visit))),
					"FORBIDDEN");
		}
		// a town officer of another county's town does not see the case at all
		String stranger = newUser("town");
		as("demo-admin").document("""
				mutation($id: ID!) { grantRole(input: {userId: $id, role: TOWN_OFFICER, townCode: "610921001"}) {
				  userErrors { code } } }""").variable("id", userId(stranger)).execute();
		Map<String, Object> elsewhere = stepAs(as(stranger, "the-right-password"), caseId, "VERIFY", "IDENTIFIED",
				Map.of("visitIds", List.of(visit)));
		assertThat(codes(elsewhere)).containsExactly("NOT_FOUND");
		// the team member of another village is not posted here
		if (sqlInt("""
				select count(*) from app_user u join posting p on p.cadre_id = u.cadre_id and p.ended_on is null
				where u.username = 'demo-member' and p.village_id = %d""".formatted(household.village())) == 0) {
			assertThat(codes(step("demo-member", caseId, "VERIFY", "IDENTIFIED", Map.of("visitIds", List.of(visit)))))
				.containsExactly("NOT_FOUND");
		}
		taken(step("demo-secretary", caseId, "VERIFY", "IDENTIFIED", Map.of("visitIds", List.of(visit))));
		// the cadre may not review in the town's place, nor confirm in the county's
		assertError(as("demo-secretary").document(STEP)
			.variable("input", with(notice(), "stepId", UUID.randomUUID().toString(), "caseId", caseId, "action",
					"REVIEW", "fromState", "VERIFIED_AT_HOME")),
				"FORBIDDEN");
		assertThat(codes(step("demo-county", caseId, "CONFIRM", "VERIFIED_AT_HOME", Map.of())))
			.containsExactly("INVALID_TRANSITION");
		assertThat(sqlInt(
				"select count(*) from case_step where case_id = " + GlobalId.decodeNumeric(caseId, "MonitoringCase")))
			.isEqualTo(2);
	}

	@Test
	void policyRefusesWhatItForbids() {
		// a public notice shorter than five days, or not over yet
		NewHousehold household = newHousehold(false);
		String caseId = (String) taken(open("demo-secretary", household, Map.of())).get("id");
		taken(step("demo-secretary", caseId, "VERIFY", "IDENTIFIED", Map.of("visitIds", List.of(logVisit(household)))));
		assertThat(codes(step("demo-town", caseId, "REVIEW", "VERIFIED_AT_HOME",
				Map.of("noticeFrom", today().minusDays(3).toString(), "noticeTo", today().minusDays(1).toString()))))
			.containsExactly("NOTICE_TOO_SHORT");
		assertThat(codes(step("demo-town", caseId, "REVIEW", "VERIFIED_AT_HOME",
				Map.of("noticeFrom", today().minusDays(4).toString(), "noticeTo", today().plusDays(2).toString()))))
			.containsExactly("NOTICE_TOO_SHORT");
		// verification at home names its visit; a visit to another household does not do
		NewHousehold other = newHousehold(false);
		String otherCase = (String) taken(open("demo-secretary", other, Map.of())).get("id");
		assertThat(codes(step("demo-secretary", otherCase, "VERIFY", "IDENTIFIED", Map.of())))
			.containsExactly("INVALID_INPUT");
		assertThat(codes(step("demo-secretary", otherCase, "VERIFY", "IDENTIFIED",
				Map.of("visitIds", List.of(logVisit(household))))))
			.containsExactly("INVALID_INPUT");
		// nor does a visit no one made
		assertThat(codes(step("demo-secretary", otherCase, "VERIFY", "IDENTIFIED",
				Map.of("visitIds", List.of(java.util.UUID.randomUUID().toString())))))
			.containsExactly("INVALID_INPUT");
		assertThat(sqlString(
				"select state from monitoring_case where id = " + GlobalId.decodeNumeric(otherCase, "MonitoringCase")))
			.isEqualTo("IDENTIFIED");
		// a rejection and a dismissal say why
		assertThat(codes(step("demo-town", caseId, "REJECT", "VERIFIED_AT_HOME", Map.of())))
			.containsExactly("INVALID_INPUT");

		// six months of stable income above the line before elimination is proposed
		NewHousehold recent = newHousehold(false);
		String recentCase = GlobalId.of("MonitoringCase", caseInState(recent, "MONITORING", today().minusMonths(3)));
		recordIncome(recent, today().getYear(), 20_000);
		assertThat(codes(step("demo-secretary", recentCase, "PROPOSE_ELIMINATION", "MONITORING", Map.of())))
			.containsExactly("INCOME_NOT_STABLE");
		NewHousehold fell = newHousehold(false);
		String fellCase = GlobalId.of("MonitoringCase", caseInState(fell, "MONITORING", today().minusMonths(12)));
		recordIncome(fell, today().getYear(), 20_000);
		logVisit(fell, "FELL", OffsetDateTime.now(ZoneOffset.UTC).minusDays(40));
		Map<String, Object> refused = step("demo-secretary", fellCase, "PROPOSE_ELIMINATION", "MONITORING", Map.of());
		assertThat(codes(refused)).containsExactly("INCOME_NOT_STABLE");
		NewHousehold poor = newHousehold(false);
		String poorCase = GlobalId.of("MonitoringCase", caseInState(poor, "MONITORING", today().minusMonths(12)));
		recordIncome(poor, today().getYear(), 3_000);
		assertThat(codes(step("demo-secretary", poorCase, "PROPOSE_ELIMINATION", "MONITORING", Map.of())))
			.containsExactly("INCOME_BELOW_LINE");
		NewHousehold unknown = newHousehold(false);
		String unknownCase = GlobalId.of("MonitoringCase", caseInState(unknown, "MONITORING", today().minusMonths(12)));
		assertThat(codes(step("demo-secretary", unknownCase, "PROPOSE_ELIMINATION", "MONITORING", Map.of())))
			.containsExactly("INCOME_NOT_RECORDED");
		// none of the refusals moved a case
		for (String id : List.of(recentCase, fellCase, poorCase, unknownCase)) {
			assertThat(sqlString(
					"select state from monitoring_case where id = " + GlobalId.decodeNumeric(id, "MonitoringCase")))
				.isEqualTo("MONITORING");
		}
		assertThat(sqlString(
				"select state from monitoring_case where id = " + GlobalId.decodeNumeric(caseId, "MonitoringCase")))
			.isEqualTo("VERIFIED_AT_HOME");
	}

	@Test
	void theHistoryIsReadByThoseResponsibleAndNeverRewritten() {
		NewHousehold household = newHousehold(false);
		String caseId = (String) taken(open("demo-secretary", household, Map.of())).get("id");
		for (String user : List.of("demo-secretary", "demo-town", "demo-county")) {
			Map<String, Object> history = as(user).document(HISTORY)
				.variable("id", household.id())
				.execute()
				.path("node")
				.entity(Map.class)
				.get();
			assertThat(steps(history, 0)).as(user).hasSize(1);
		}
		// a city leader sees the household, not its history; the case itself without its
		// steps and with health risks withheld
		Map<String, Object> leaders = this.graphQl.document(HISTORY)
			.variable("id", household.id())
			.execute()
			.path("node")
			.entity(Map.class)
			.get();
		assertThat(leaders.get("monitoringCases")).isEqualTo(List.of());
		Map<String, Object> seen = this.graphQl.document("""
				query($id: ID!) { node(id: $id) { ... on MonitoringCase { state riskTypes steps { action } } } }""")
			.variable("id", caseId)
			.execute()
			.path("node")
			.entity(Map.class)
			.get();
		assertThat(seen).containsEntry("state", "IDENTIFIED")
			.containsEntry("riskTypes", List.of("HEALTH_WITHHELD"))
			.containsEntry("steps", List.of());
		long key = GlobalId.decodeNumeric(caseId, "MonitoringCase");
		assertThatThrownBy(() -> this.jdbc.sql("update case_step set reason = 'x' where case_id = " + key).update())
			.isInstanceOf(DataAccessException.class)
			.hasMessageContaining("never changed or removed");
		assertThatThrownBy(() -> this.jdbc.sql("delete from case_step where case_id = " + key).update())
			.isInstanceOf(DataAccessException.class);
		assertThatThrownBy(() -> this.jdbc.sql("delete from household where id = " + household.key()).update())
			.isInstanceOf(DataAccessException.class);
	}

	@Test
	void monitoringFiguresCountConfirmedCasesOnly() {
		NewHousehold household = newHousehold(true);
		caseInState(household, "RISK_ELIMINATED", LocalDate.of(2024, 3, 1));
		String villageCode = sqlString("select code from village where id = " + household.village());
		Map<String, Object> before = monitoringFigures(villageCode);
		String caseId = (String) taken(open("demo-secretary", household, Map.of())).get("id");
		taken(step("demo-secretary", caseId, "VERIFY", "IDENTIFIED", Map.of("visitIds", List.of(logVisit(household)))));
		taken(step("demo-town", caseId, "REVIEW", "VERIFIED_AT_HOME", notice()));
		// the household counts as eliminated by its old case until the new one is
		// confirmed; then it counts once, as monitored again, newly this year
		assertThat(monitoringFigures(villageCode)).isEqualTo(before);
		taken(step("demo-county", caseId, "CONFIRM", "PUBLICLY_REVIEWED", Map.of()));
		Map<String, Object> after = monitoringFigures(villageCode);
		assertThat(after.get("households")).isEqualTo(before.get("households"));
		assertThat(after.get("newHouseholds")).isEqualTo((Integer) before.get("newHouseholds") + 1);
		assertThat(after.get("eliminatedHouseholds")).isEqualTo((Integer) before.get("eliminatedHouseholds") - 1);
		assertThat(sqlString("select status from household where id = " + household.key())).isEqualTo("MONITORING");
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> monitoringFigures(String villageCode) {
		return this.graphQl.document("""
				query($v: String) { monitoringFigures(filter: {villageCode: $v}) { total {
				  households newHouseholds eliminatedHouseholds } } }""")
			.variable("v", villageCode)
			.execute()
			.path("monitoringFigures.total")
			.entity(Map.class)
			.get();
	}

	private Map<String, Object> stepAs(org.springframework.graphql.test.tester.HttpGraphQlTester tester, String caseId,
			String action, String from, Map<String, Object> extra) {
		Map<String, Object> input = with(extra, "stepId", UUID.randomUUID().toString(), "caseId", caseId, "action",
				action, "fromState", from);
		@SuppressWarnings("unchecked")
		Map<String, Object> payload = tester.document(STEP)
			.variable("input", input)
			.execute()
			.path("recordCaseStep")
			.entity(Map.class)
			.get();
		return payload;
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> steps(Map<String, Object> history, int caseIndex) {
		List<Map<String, Object>> cases = (List<Map<String, Object>>) history.get("monitoringCases");
		return (List<Map<String, Object>>) cases.get(caseIndex).get("steps");
	}

}
