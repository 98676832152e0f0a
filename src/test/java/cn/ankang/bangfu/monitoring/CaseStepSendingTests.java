package cn.ankang.bangfu.monitoring;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.shared.relay.GlobalId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A case step as the phone sends it, through the real GraphQL endpoint: it counts once
 * however often it is sent and a stale one is refused with the case, one of the wrong
 * shape is refused field by field and changes nothing, and racing sendings of one step
 * are all answered as that step.
 */
class CaseStepSendingTests extends MonitoringTestSupport {

	@Test
	void aStepCountsOnceHoweverOftenItIsSentAndAStaleOneIsRefusedWithTheCase() {
		NewHousehold household = newHousehold(false);
		String caseId = (String) taken(open("demo-secretary", household, Map.of())).get("id");
		String visit = logVisit(household);
		Map<String, Object> input = new HashMap<>(Map.of("stepId", UUID.randomUUID().toString(), "caseId", caseId,
				"action", "VERIFY", "fromState", "IDENTIFIED", "visitIds", List.of(visit)));
		for (int i = 0; i < 3; i++) {
			Map<String, Object> payload = as("demo-secretary").document(STEP)
				.variable("input", input)
				.execute()
				.path("recordCaseStep")
				.entity(Map.class)
				.get();
			assertThat(taken(payload)).containsEntry("state", "VERIFIED_AT_HOME").containsEntry("version", 2);
		}
		assertThat(sqlInt(
				"select count(*) from case_step where case_id = " + GlobalId.decodeNumeric(caseId, "MonitoringCase")))
			.isEqualTo(2);
		assertThat(sqlInt("select count(*) from task where case_id = %d and kind = 'PUBLIC_REVIEW'"
			.formatted(GlobalId.decodeNumeric(caseId, "MonitoringCase")))).isEqualTo(1);
		// the same step id for something else
		input.put("reason", "另一回事");
		Map<String, Object> conflict = as("demo-secretary").document(STEP)
			.variable("input", input)
			.execute()
			.path("recordCaseStep")
			.entity(Map.class)
			.get();
		assertThat(codes(conflict)).containsExactly("CONFLICT");
		// a step decided on a state the case has left
		Map<String, Object> stale = step("demo-secretary", caseId, "DISMISS", "IDENTIFIED",
				Map.of("visitIds", List.of(visit), "reason", "无风险"));
		assertThat(codes(stale)).containsExactly("STALE_STATE");
		assertThat(taken(Map.of("userErrors", List.of(), "monitoringCase", stale.get("monitoringCase"))))
			.containsEntry("state", "VERIFIED_AT_HOME");
		// a second case while one is open
		assertThat(codes(open("demo-secretary", household, Map.of()))).containsExactly("CONFLICT");
	}

	@Test
	void aStepOfTheWrongShapeIsRefusedFieldByFieldAndChangesNothing() {
		NewHousehold household = newHousehold(false);
		String caseId = (String) taken(open("demo-secretary", household, Map.of())).get("id");
		String visit = logVisit(household);
		Map<String, Object> payload = step("demo-secretary", caseId, "VERIFY", "IDENTIFIED",
				Map.of("stepId", "step-1", "visitIds", List.of(visit, visit, "not-a-visit"), "photoHashes",
						List.of("ABC"), "documents", List.of(" ", "某镇公示")));
		List<Map<String, Object>> errors = (List<Map<String, Object>>) payload.get("userErrors");
		assertThat(errors).extracting((error) -> error.get("code")).containsOnly("INVALID_INPUT");
		// the id's shape, a visit named twice, and one element each of the lists
		assertThat(errors).extracting((error) -> (Object) ((List<?>) error.get("field")).get(1))
			.containsExactlyInAnyOrder("stepId", "visitIds", "visitIds", "photoHashes", "documents");
		assertThat(sqlString(
				"select state from monitoring_case where id = " + GlobalId.decodeNumeric(caseId, "MonitoringCase")))
			.isEqualTo("IDENTIFIED");
	}

	@Test
	void racingSendingsOfOneStepAreAllAnsweredAsThatStep() throws Exception {
		// a phone that resends while its first request still runs: without one sending of
		// an id at a time, the later ones would find the case moved on (STALE_STATE)
		NewHousehold household = newHousehold(false);
		String caseId = (String) taken(open("demo-secretary", household, Map.of())).get("id");
		String visit = logVisit(household);
		Map<String, Object> input = Map.of("stepId", UUID.randomUUID().toString(), "caseId", caseId, "action", "VERIFY",
				"fromState", "IDENTIFIED", "visitIds", List.of(visit));
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(6);
		try {
			List<Future<Map<String, Object>>> answers = new ArrayList<>();
			for (int i = 0; i < 6; i++) {
				answers.add(threads.submit(() -> {
					start.await();
					return (Map<String, Object>) as("demo-secretary").document(STEP)
						.variable("input", input)
						.execute()
						.path("recordCaseStep")
						.entity(Map.class)
						.get();
				}));
			}
			start.countDown();
			for (Future<Map<String, Object>> answer : answers) {
				assertThat(taken(answer.get())).containsEntry("state", "VERIFIED_AT_HOME").containsEntry("version", 2);
			}
		}
		finally {
			threads.shutdown();
		}
		assertThat(sqlInt(
				"select count(*) from case_step where case_id = " + GlobalId.decodeNumeric(caseId, "MonitoringCase")))
			.isEqualTo(2);
	}

}
