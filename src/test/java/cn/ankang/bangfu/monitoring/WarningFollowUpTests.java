package cn.ankang.bangfu.monitoring;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.shared.relay.GlobalId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What follows a department's warning: a visit completes the verification it was made
 * for, once, and a resend sets nothing more off; the town resolves an unmatched warning
 * (or dismisses one with a reason), and the cadres complete their verification once.
 */
class WarningFollowUpTests extends MonitoringTestSupport {

	@Test
	void everyVisitFindsItsHouseholdsOpenVerificationsByIndexNotByReadingEveryTask() {
		// the task table grows with the programme (94,500 tasks at 100×): read whole
		// for each visit, it was a visit's dearest statement there
		String plan = String.join("\n", this.jdbc
			.sql("explain " + TaskRepository.OPEN_VISIT_TASKS.replace(":households", "array[1::bigint, 2::bigint]"))
			.query(String.class)
			.list());
		assertThat(plan).contains("task_open_household_idx").doesNotContain("Seq Scan");
	}

	@Test
	void aVisitCompletesTheVerificationItWasMadeForOnceAndAResendSetsNothingMoreOff() {
		// a warning on a monitored household: the cadres verify it at home
		NewHousehold monitored = newHousehold(false);
		caseInState(monitored, "MONITORING", today().minusMonths(5));
		importAs("demo-county",
				List.of(warning(monitored.headIdNumber(), "EMPLOYMENT", today().minusDays(3).toString())));
		long task = openVerification(monitored);
		// the visit names the task; its answer is lost and the phone sends it again
		Map<String, Object> visit = visitTo(monitored,
				java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusHours(1));
		visit.put("taskId", GlobalId.of("Task", task));
		for (int i = 0; i < 2; i++) {
			as("demo-secretary").document(LOG_VISIT)
				.variable("v", visit)
				.execute()
				.path("logVisit.userErrors")
				.entityList(Object.class)
				.hasSize(0);
		}
		assertThat(sqlString("""
				select t.status || ' ' || t.completion_visit_ids[1] || ' ' || u.username from task t
				join app_user u on u.id = t.closed_by where t.id = %d""".formatted(task)))
			.isEqualTo("DONE " + visit.get("uuid") + " demo-secretary");
		assertThat(sqlInt("select count(*) from task where completion_id = '%s'".formatted(visit.get("uuid"))))
			.isEqualTo(1);
		// completing it again by hand is refused as done: the cadre entered it once
		assertThat(as("demo-secretary").document("""
				mutation($input: CompleteTaskInput!) { completeTask(input: $input) { userErrors { code } } }""")
			.variable("input",
					Map.of("completionId", UUID.randomUUID().toString(), "taskId", GlobalId.of("Task", task), "note",
							"再次核实"))
			.execute()
			.path("completeTask.userErrors[0].code")
			.entity(String.class)
			.get()).isEqualTo("INVALID_TRANSITION");

		// a second warning, and a visit that names no task: the household's only open
		// verification is the one it does
		importAs("demo-county",
				List.of(warning(monitored.headIdNumber(), "EDUCATION", today().minusDays(2).toString())));
		long second = openVerification(monitored);
		logVisit(monitored);
		assertThat(sqlString("select status from task where id = " + second)).isEqualTo("DONE");

		// a visit naming another household's task completes nothing, and is kept
		NewHousehold other = newHousehold(false);
		caseInState(other, "MONITORING", today().minusMonths(5));
		importAs("demo-county", List.of(warning(other.headIdNumber(), "EMPLOYMENT", today().minusDays(1).toString())));
		long others = openVerification(other);
		NewHousehold third = newHousehold(false);
		Map<String, Object> elsewhere = visitTo(third,
				java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusHours(1));
		elsewhere.put("taskId", GlobalId.of("Task", others));
		as("demo-secretary").document(LOG_VISIT)
			.variable("v", elsewhere)
			.execute()
			.path("logVisit.userErrors")
			.entityList(Object.class)
			.hasSize(0);
		assertThat(sqlString("select status from task where id = " + others)).isEqualTo("OPEN");
		assertThat(sqlInt("select count(*) from visit where id = '%s'".formatted(elsewhere.get("uuid")))).isEqualTo(1);

		// a phone's queue, its households' tasks read for all its visits at once: of two
		// visits to a household, one completes its only open verification, once; a visit
		// to
		// another household completes that one's
		NewHousehold queued = newHousehold(false);
		caseInState(queued, "MONITORING", today().minusMonths(5));
		importAs("demo-county", List.of(warning(queued.headIdNumber(), "EMPLOYMENT", today().minusDays(1).toString())));
		long queuedTask = openVerification(queued);
		java.time.OffsetDateTime hourAgo = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusHours(1);
		List<Map<String, Object>> queue = List.of(visitTo(queued, hourAgo), visitTo(queued, hourAgo.plusMinutes(5)),
				visitTo(other, hourAgo));
		as("demo-secretary").document("""
				mutation($q: [LogVisitInput!]!) { syncVisits(input: {visits: $q}) { results { status } } }""")
			.variable("q", queue)
			.execute()
			.path("syncVisits.results[*].status")
			.entityList(String.class)
			.containsExactly("ACCEPTED", "ACCEPTED", "ACCEPTED");
		assertThat(sqlString("select status from task where id = " + queuedTask)).isEqualTo("DONE");
		assertThat(sqlInt("select count(*) from task where completion_id in ('%s', '%s')"
			.formatted(queue.get(0).get("uuid"), queue.get(1).get("uuid")))).isEqualTo(1);
		assertThat(sqlString("select completion_id::text from task where id = " + others))
			.isEqualTo(queue.get(2).get("uuid").toString());
	}

	private long openVerification(NewHousehold household) {
		return Long.parseLong(sqlString("""
				select id::text from task where household_id = %d and kind = 'VERIFY_WARNING' and status = 'OPEN'"""
			.formatted(household.key())));
	}

	@Test
	void theTownResolvesAnUnmatchedWarningAndTheCadresCompleteTheirVerificationOnce() {
		String stranger = idNumber();
		NewHousehold household = newHousehold(false);
		long caseKey = caseInState(household, "MONITORING", today().minusMonths(4));
		// the visit was made before the warning's task existed: the cadre completes the
		// task by hand, citing it (a visit made once the task exists completes it by
		// itself, see aVisitCompletesTheVerificationItWasMadeFor...)
		String earlierVisit = logVisit(household);
		String townCode = sqlString(
				"select t.code from village v join town t on t.id = v.town_id where v.id = " + household.village());
		Map<String, Object> row = warning(stranger, "EMPLOYMENT", today().toString());
		row.put("townCode", townCode);
		importAs("demo-county", List.of(row));
		String warningId = GlobalId.of("RiskWarning",
				Long.parseLong(sqlString("select id::text from risk_warning where id_number = '" + stranger + "'")));
		String resolve = """
				mutation($input: ResolveWarningInput!) { resolveWarning(input: $input) {
				  warning { status household { id } } task { id kind assigneeRole monitoringCase { id } }
				  userErrors { code } } }""";
		// the cadres do not even see it; the town does
		as("demo-secretary").document(resolve)
			.variable("input", Map.of("warningId", warningId, "householdId", household.id()))
			.execute()
			.path("resolveWarning.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("NOT_FOUND");
		Map<String, Object> resolved = as("demo-town").document(resolve)
			.variable("input", Map.of("warningId", warningId, "householdId", household.id()))
			.execute()
			.path("resolveWarning")
			.entity(Map.class)
			.get();
		assertThat(resolved).containsEntry("userErrors", List.of())
			.containsEntry("warning", Map.of("status", "MATCHED", "household", Map.of("id", household.id())));
		@SuppressWarnings("unchecked")
		Map<String, Object> task = (Map<String, Object>) resolved.get("task");
		assertThat(task).containsEntry("kind", "VERIFY_WARNING")
			.containsEntry("assigneeRole", "CADRE")
			.containsEntry("monitoringCase", Map.of("id", GlobalId.of("MonitoringCase", caseKey)));
		assertThat(sqlString("select status from task where kind = 'MATCH_WARNING' and warning_id = "
				+ GlobalId.decodeNumeric(warningId, "RiskWarning")))
			.isEqualTo("DONE");
		// resolving again says it is resolved
		assertThat(as("demo-town").document(resolve)
			.variable("input", Map.of("warningId", warningId, "dismissReason", "非本地户籍"))
			.execute()
			.path("resolveWarning.userErrors[0].code")
			.entity(String.class)
			.get()).isEqualTo("INVALID_TRANSITION");

		// the cadre's verification arrives three times, counts once
		String complete = """
				mutation($input: CompleteTaskInput!) { completeTask(input: $input) {
				  task { status closedAt } userErrors { code } } }""";
		// citing a visit no one made is refused, and the task stays open
		as("demo-secretary").document(complete)
			.variable("input",
					Map.of("completionId", UUID.randomUUID().toString(), "taskId", task.get("id"), "note", "入户核实",
							"visitIds", List.of(UUID.randomUUID().toString())))
			.execute()
			.path("completeTask.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("INVALID_INPUT")
			.path("completeTask.task.status")
			.entity(String.class)
			.isEqualTo("OPEN");
		Map<String, Object> input = new HashMap<>(Map.of("completionId", UUID.randomUUID().toString(), "taskId",
				task.get("id"), "note", "入户核实：已返乡务工，收入稳定", "visitIds", List.of(earlierVisit)));
		for (int i = 0; i < 3; i++) {
			as("demo-secretary").document(complete)
				.variable("input", input)
				.execute()
				.path("completeTask.task.status")
				.entity(String.class)
				.isEqualTo("DONE")
				.path("completeTask.userErrors")
				.entityList(Object.class)
				.hasSize(0);
		}
		input.put("note", "另一个结论");
		as("demo-secretary").document(complete)
			.variable("input", input)
			.execute()
			.path("completeTask.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("CONFLICT");
		// a step task is not completed this way
		String stepTask = GlobalId.of("Task",
				this.jdbc.sql("""
						insert into task (kind, assignee_role, case_id, household_id, village_id, due_on)
						values ('VERIFY_AT_HOME', 'CADRE', :c, :h, :v, current_date + 7) returning id""")
					.param("c", caseKey)
					.param("h", household.key())
					.param("v", household.village())
					.query(Long.class)
					.single());
		as("demo-secretary").document(complete)
			.variable("input", Map.of("completionId", UUID.randomUUID().toString(), "taskId", stepTask, "note", "试试"))
			.execute()
			.path("completeTask.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("INVALID_TRANSITION");
		// and someone else's warning stays dismissable by the town with a reason
		String other = idNumber();
		Map<String, Object> second = warning(other, "OTHER", today().toString());
		second.put("townCode", townCode);
		importAs("demo-county", List.of(second));
		String otherId = GlobalId.of("RiskWarning",
				Long.parseLong(sqlString("select id::text from risk_warning where id_number = '" + other + "'")));
		as("demo-town").document(resolve)
			.variable("input", Map.of("warningId", otherId, "dismissReason", "已迁出本镇"))
			.execute()
			.path("resolveWarning.warning.status")
			.entity(String.class)
			.isEqualTo("DISMISSED");
	}

}
