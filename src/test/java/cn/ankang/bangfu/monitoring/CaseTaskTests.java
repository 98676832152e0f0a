package cn.ankang.bangfu.monitoring;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.shared.relay.GlobalId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tasks the monitoring workflow's hand-overs create, through the real GraphQL
 * endpoint: a rejection becomes a task on the cadre's phone in the next sync, and overdue
 * tasks reach the level above.
 */
class CaseTaskTests extends MonitoringTestSupport {

	@Test
	void aRejectionBecomesATaskOnTheCadresPhoneInTheNextSync() {
		NewHousehold household = newHousehold(true);
		String cursor = syncToTheEnd(null).cursor();
		Map<String, Object> opened = taken(open("demo-secretary", household, Map.of()));
		String caseId = (String) opened.get("id");
		String firstTask = (String) tasks(opened).get(0).get("id");
		taken(step("demo-secretary", caseId, "VERIFY", "IDENTIFIED", Map.of("visitIds", List.of(logVisit(household)))));
		String reason = "缺少医疗费用票据，请补充后重新核实 " + UUID.randomUUID().toString().substring(0, 4);
		Map<String, Object> rejected = taken(
				step("demo-town", caseId, "REJECT", "VERIFIED_AT_HOME", Map.of("reason", reason)));
		assertThat(rejected).containsEntry("state", "IDENTIFIED");

		Sync next = syncToTheEnd(cursor);
		Map<String, Object> redo = next.changes()
			.stream()
			.filter((change) -> "TASK".equals(change.get("itemType")) && "UPSERT".equals(change.get("operation")))
			.map((change) -> node(change))
			.filter((node) -> reason.equals(node.get("redoReason")))
			.findFirst()
			.orElseThrow();
		assertThat(redo).containsEntry("taskKind", "VERIFY_AT_HOME")
			.containsEntry("assigneeRole", "CADRE")
			.containsEntry("household", Map.of("id", household.id()));
		assertThat(next.changes()).anySatisfy((change) -> assertThat(change).containsEntry("operation", "DELETE")
			.containsEntry("itemType", "TASK")
			.containsEntry("id", firstTask));
		assertThat(next.changes()).anySatisfy((change) -> {
			assertThat(change).containsEntry("itemType", "MONITORING_CASE").containsEntry("id", caseId);
			assertThat(node(change)).containsEntry("state", "IDENTIFIED");
		});
		// the town's review task went with the rejection: it left no one's queue open
		assertThat(sqlInt("select count(*) from task where status = 'OPEN' and case_id = "
				+ GlobalId.decodeNumeric(caseId, "MonitoringCase")))
			.isEqualTo(1);
	}

	@Test
	void overdueTasksReachTheLevelAbove() {
		NewHousehold household = newHousehold(false);
		Map<String, Object> opened = taken(open("demo-secretary", household, Map.of()));
		String task = (String) tasks(opened).get(0).get("id");
		assertThat(myTasks("demo-town")).noneMatch((t) -> task.equals(t.get("id")));
		this.jdbc.sql("update task set due_on = current_date - 3 where id = :id")
			.param("id", GlobalId.decodeNumeric(task, "Task"))
			.update();
		assertThat(myTasks("demo-secretary")).filteredOn((t) -> task.equals(t.get("id")))
			.singleElement()
			.satisfies((t) -> assertThat(t).containsEntry("overdue", true).containsEntry("escalated", false));
		assertThat(myTasks("demo-town")).filteredOn((t) -> task.equals(t.get("id")))
			.singleElement()
			.satisfies((t) -> assertThat(t).containsEntry("overdue", true).containsEntry("escalated", true));
		// the county sees the towns' overdue tasks, not the cadres'
		assertThat(myTasks("demo-county")).noneMatch((t) -> task.equals(t.get("id")));
		String caseId = (String) opened.get("id");
		Map<String, Object> verified = taken(step("demo-secretary", caseId, "VERIFY", "IDENTIFIED",
				Map.of("visitIds", List.of(logVisit(household)))));
		String review = (String) tasks(verified).get(0).get("id");
		this.jdbc.sql("update task set due_on = current_date - 1 where id = :id")
			.param("id", GlobalId.decodeNumeric(review, "Task"))
			.update();
		assertThat(myTasks("demo-county")).filteredOn((t) -> review.equals(t.get("id")))
			.singleElement()
			.satisfies((t) -> assertThat(t).containsEntry("escalated", true));
		assertThat(myTasks("demo-town")).filteredOn((t) -> review.equals(t.get("id")))
			.singleElement()
			.satisfies((t) -> assertThat(t).containsEntry("escalated", false));
		// and a leader watches the area's queue
		String villageCode = sqlString("select code from village where id = " + household.village());
		List<Map<String, Object>> overdue = this.graphQl.document("""
				query($v: String) { tasks(first: 100, filter: {villageCode: $v, overdueOnly: true}) {
				  edges { node { id overdue } } } }""")
			.variable("v", villageCode)
			.execute()
			.path("tasks.edges[*].node")
			.entityList(Map.class)
			.get()
			.stream()
			.map((m) -> (Map<String, Object>) m)
			.toList();
		assertThat(overdue).extracting((t) -> t.get("id")).contains(review).doesNotContain(task);
		assertThat(overdue).allSatisfy((t) -> assertThat(t).containsEntry("overdue", true));
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> myTasks(String user) {
		return as(user).document("""
				{ myTasks(first: 100) { edges { node { id kind overdue escalated } } } }""")
			.execute()
			.path("myTasks.edges[*].node")
			.entityList(Map.class)
			.get()
			.stream()
			.map((m) -> (Map<String, Object>) m)
			.toList();
	}

	/**
	 * Pulls the demo first secretary's feed from the cursor to its end, as the phone
	 * does.
	 */
	@SuppressWarnings("unchecked")
	private Sync syncToTheEnd(String after) {
		String document = clientDocument("Changes.graphql");
		List<Map<String, Object>> changes = new java.util.ArrayList<>();
		String cursor = after;
		boolean more = true;
		while (more) {
			Map<String, Object> page = as("demo-secretary").document(document)
				.variable("after", cursor)
				.variable("first", 100)
				.execute()
				.path("changes")
				.entity(Map.class)
				.get();
			changes.addAll((List<Map<String, Object>>) page.get("changes"));
			cursor = (String) page.get("cursor");
			more = Boolean.TRUE.equals(page.get("hasMore"));
		}
		return new Sync(changes, cursor);
	}

	/** One of the mobile client's operations, as its phone sends it. */
	private static String clientDocument(String name) {
		try (java.io.InputStream in = CaseTaskTests.class.getResourceAsStream("/bangfu-client/" + name)) {
			return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	record Sync(List<Map<String, Object>> changes, String cursor) {
	}

}
