package cn.ankang.client.outbox;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.ankang.client.BangfuClient;
import cn.ankang.client.FakeService;
import cn.ankang.client.FakeService.Recorded;
import cn.ankang.client.FakeService.Reply;
import cn.ankang.client.retry.Backoff;
import cn.ankang.client.retry.RetryPolicy;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of field write through the one outbox, against a stand-in service that runs
 * a request's mutation fields in order and stores each write once by its id, as the real
 * one does (the same write again answers as the first time, other content under the same
 * id is a conflict): the whole day goes in one request, each answer settles its own
 * write, lost answers cost nothing twice, and nothing the service refused is dropped.
 */
class FieldWritesSyncTests {

	private static final String HOUSEHOLD_A = "SG91c2Vob2xkOjE=";

	private static final String HOUSEHOLD_B = "SG91c2Vob2xkOjI=";

	@TempDir
	Path folder;

	private final FakeService service;

	/** What the stand-in stored, by id. */
	private final Map<String, String> stored = new HashMap<>();

	/** The ids in the order the stand-in ran their fields, resends included. */
	private final List<String> ran = new ArrayList<>();

	private final RetryPolicy retry = new RetryPolicy(
			new Backoff(Duration.ofMillis(1), Duration.ofMillis(10), new Random(1)), 10, (wait) -> {
			});

	FieldWritesSyncTests() throws Exception {
		this.service = new FakeService();
	}

	@AfterEach
	void stop() {
		this.service.close();
	}

	@Test
	void aDayOfEveryKindOfWriteGoesInOneRequestAndEachAnswerSettlesItsOwnWrite() throws Exception {
		this.service.graphQl(this::run);
		FileOutbox outbox = new FileOutbox(this.folder);
		List<QueuedWrite> visits = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			visits.add(outbox.record(Visits.draft("第" + i + "户")));
		}
		QueuedWrite correction = outbox.record(VisitCorrectionDraft.of(visits.get(0), Visits.draft("更正：第0户")));
		QueuedWrite update = outbox.record(new HouseholdUpdateDraft(HOUSEHOLD_A, 3).recordIncome(2026, "8650.00"));
		QueuedWrite step = outbox
			.record(new CaseStepDraft("TW9uaXRvcmluZ0Nhc2U6MQ==", "VERIFY", "IDENTIFIED").visits(uuids(visits.get(3))));
		QueuedWrite first = outbox.record(new TaskCompletionDraft("VGFzazox", "已核实，情况属实"));
		QueuedWrite second = outbox.record(new TaskCompletionDraft("VGFzazoy", "已核实，收入稳定"));
		BangfuClient client = client();

		SyncReport report = new OutboxSync(client, outbox, this.retry).drain();

		assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.DRAINED);
		assertThat(report.requests()).isEqualTo(1);
		// the document went with its hash the first time: no miss, no second upload
		assertThat(report.traffic().requests()).isEqualTo(1);
		assertThat(report.traffic().bytesUp()).isPositive();
		assertThat(report.traffic().bytesDown()).isPositive();
		assertThat(client.traffic().requests()).isEqualTo(1);
		assertThat(report.accepted()).isEqualTo(25);
		assertThat(report.answers()).hasSize(25)
			.allSatisfy((answer) -> assertThat(answer.status()).isEqualTo("ACCEPTED"));
		assertThat(outbox.size()).isZero();
		assertThat(this.stored).hasSize(25);
		// the visits before what cites them, each kind in the order recorded
		List<String> expected = new ArrayList<>(uuids(visits.toArray(new QueuedWrite[0])));
		expected.addAll(Arrays.asList(correction.id(), update.id(), step.id(), first.id(), second.id()));
		assertThat(this.ran).containsExactlyElementsOf(expected);
	}

	@Test
	void lostAnswersAreSentAgainAndEveryWriteOfEveryKindIsStoredOnce() throws Exception {
		AtomicInteger calls = new AtomicInteger();
		this.service.graphQl((request) -> {
			Reply answer = run(request);
			// every other answer is lost after the service ran the request
			return (calls.incrementAndGet() % 2 == 1) ? null : answer;
		});
		FileOutbox outbox = new FileOutbox(this.folder);
		List<QueuedWrite> visits = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			visits.add(outbox.record(Visits.draft("第" + i + "户")));
		}
		outbox.record(new TaskCompletionDraft("VGFzazox", "已核实").visits(uuids(visits.get(59))));
		outbox.record(new HouseholdUpdateDraft(HOUSEHOLD_B, 1).addRiskTypes(Collections.singletonList("ILLNESS")));
		outbox.record(VisitCorrectionDraft.of(visits.get(1), Visits.draft("更正")));

		SyncReport report = new OutboxSync(client(), outbox, this.retry).drain();

		assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.DRAINED);
		assertThat(outbox.size()).isZero();
		assertThat(this.stored).hasSize(63);
		assertThat(report.accepted() + report.duplicates()).isEqualTo(63);
		assertThat(report.duplicates()).isPositive();
		assertThat(report.failedRequests()).isPositive();
	}

	@Test
	void conflictsAndRefusalsOfEveryKindAreHeldWithTheServicesErrors() throws Exception {
		this.service.graphQl(this::run);
		FileOutbox outbox = new FileOutbox(this.folder);
		QueuedWrite visit = outbox.record(Visits.draft("正常"));
		QueuedWrite stale = outbox
			.record(new CaseStepDraft("TW9uaXRvcmluZ0Nhc2U6MQ==", "VERIFY", "IDENTIFIED").reason("STALE_STATE")
				.visits(uuids(visit)));
		QueuedWrite refused = outbox.record(new TaskCompletionDraft("VGFzazox", "INVALID_INPUT"));
		QueuedWrite clash = outbox.record(new HouseholdUpdateDraft(HOUSEHOLD_A, 2));
		this.stored.put(clash.id(), "another update under the same id");

		SyncReport report = new OutboxSync(client(), outbox, this.retry).drain();

		assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.DRAINED);
		assertThat(report.accepted()).isEqualTo(1);
		assertThat(report.conflicts()).isEqualTo(2);
		assertThat(report.rejected()).isEqualTo(1);
		assertThat(outbox.size()).isZero();
		assertThat(outbox.conflicts()).extracting((held) -> held.write().id() + " " + code(held))
			.containsExactly(stale.id() + " STALE_STATE", clash.id() + " CONFLICT");
		assertThat(outbox.rejections()).singleElement().satisfies((held) -> {
			assertThat(held.write().id()).isEqualTo(refused.id());
			assertThat(held.write().kind()).isEqualTo(WriteKind.TASK_COMPLETION);
			assertThat(code(held)).isEqualTo("INVALID_INPUT");
		});
		assertThat(new FileOutbox(this.folder).conflicts()).hasSize(2);
	}

	@Test
	void aRequestRefusedAsAWholeIsSentAgainOneWriteAtATimeAndTheWriteItCouldNotTakeIsHeld() throws Exception {
		this.service.graphQl((request) -> {
			// an error in one field nulls the whole answer (its payloads are non-null)
			if (request.variables().toString().contains("BAD_ARGUMENT")) {
				return Reply.error(200, "INVALID_ARGUMENT");
			}
			return run(request);
		});
		FileOutbox outbox = new FileOutbox(this.folder);
		QueuedWrite visit = outbox.record(Visits.draft("正常"));
		QueuedWrite bad = outbox.record(new TaskCompletionDraft("VGFzazox", "BAD_ARGUMENT"));
		QueuedWrite good = outbox.record(new TaskCompletionDraft("VGFzazoy", "已核实"));

		SyncReport report = new OutboxSync(client(), outbox, this.retry).drain();

		assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.DRAINED);
		assertThat(this.stored).containsOnlyKeys(visit.id(), good.id());
		assertThat(outbox.size()).isZero();
		assertThat(outbox.rejections()).singleElement().satisfies((held) -> {
			assertThat(held.write().id()).isEqualTo(bad.id());
			assertThat(code(held)).isEqualTo("INVALID_ARGUMENT");
		});
	}

	@Test
	void aWriteNeverOvertakesAnOlderWriteOfTheSameRecord() {
		Instant at = Instant.parse("2026-05-12T01:00:00Z");
		QueuedWrite update = queued(new HouseholdUpdateDraft(HOUSEHOLD_A, 1), at);
		QueuedWrite toA = queued(Visits.draft("A").household(HOUSEHOLD_A), at.plusSeconds(1));
		QueuedWrite toB = queued(Visits.draft("B").household(HOUSEHOLD_B), at.plusSeconds(2));
		QueuedWrite step = queued(
				new CaseStepDraft("TW9uaXRvcmluZ0Nhc2U6MQ==", "VERIFY", "IDENTIFIED").visits(uuids(toB)),
				at.plusSeconds(3));
		QueuedWrite completion = queued(new TaskCompletionDraft("VGFzazox", "已核实").visits(uuids(toA)),
				at.plusSeconds(4));
		List<QueuedWrite> queue = Arrays.asList(update, toA, toB, step, completion);

		// the visit to A would run before the older update of A: it waits, and so does
		// the completion that cites it
		assertThat(RequestPlan.plan(queue, 50, 40)).containsExactly(toB, update, step);
		assertThat(RequestPlan.plan(Arrays.asList(toA, completion), 50, 40)).containsExactly(toA, completion);
		// a visit left for the next request holds back what cites it
		assertThat(RequestPlan.plan(Arrays.asList(toA, toB, step), 1, 40)).containsExactly(toA);
		assertThat(RequestPlan.plan(Arrays.asList(update, step, completion), 50, 1)).containsExactly(update);
	}

	private static QueuedWrite queued(Draft draft, Instant at) {
		String id = java.util.UUID.randomUUID().toString();
		return new QueuedWrite(draft.kind(), id, draft.toInput(id), at);
	}

	private static List<String> uuids(QueuedWrite... visits) {
		List<String> uuids = new ArrayList<>();
		for (QueuedWrite visit : visits) {
			uuids.add(visit.id());
		}
		return uuids;
	}

	private static String code(HeldWrite held) {
		return held.errors().getJSONObject(0).getString("code");
	}

	private BangfuClient client() {
		return BangfuClient
			.builder(this.service.url(), new FakeService.MemorySessionStore(FakeService.tokens("access", "refresh")))
			.build();
	}

	/**
	 * Runs a request's fields in the order of its document, as the service does: the
	 * visits, then each other write by its alias.
	 */
	private synchronized Reply run(Recorded request) {
		JSONObject variables = request.variables();
		JSONObject data = new JSONObject();
		if (!request.operation().startsWith("Outbox")) {
			WriteKind kind = kindOf(request.operation());
			JSONObject input = variables.getJSONObject("input");
			String field = (kind == WriteKind.VISIT) ? "syncVisits" : fieldOf(kind);
			data.put(field, (kind == WriteKind.VISIT) ? visits(input) : write(kind, input));
			return Reply.data(data);
		}
		if (variables.has("visits")) {
			data.put("visits", visits(variables.getJSONObject("visits")));
		}
		for (WriteKind kind : WriteKind.values()) {
			for (int i = 0; kind != WriteKind.VISIT && variables.has(kind.alias() + i); i++) {
				data.put(kind.alias() + i, write(kind, variables.getJSONObject(kind.alias() + i)));
			}
		}
		return Reply.data(data);
	}

	private JSONObject visits(JSONObject input) {
		JSONArray visits = input.getJSONArray("visits");
		JSONArray results = new JSONArray();
		for (int i = 0; i < visits.length(); i++) {
			JSONObject visit = visits.getJSONObject(i);
			String uuid = visit.getString("uuid");
			String status = store(uuid, visit);
			JSONObject result = new JSONObject().put("uuid", uuid).put("status", status).put("errors", new JSONArray());
			if (!status.equals("CONFLICT")) {
				result.put("receipt",
						new JSONObject().put("uuid", uuid)
							.put("status", status)
							.put("receivedAt", "2026-05-12T09:40:00+08:00")
							.put("reviewFlags", new JSONArray()));
			}
			results.put(result);
		}
		return new JSONObject().put("results", results);
	}

	private JSONObject write(WriteKind kind, JSONObject input) {
		String id = kind.idOf(input);
		JSONArray errors = new JSONArray();
		for (String refusal : Arrays.asList("STALE_STATE", "INVALID_INPUT")) {
			if (input.toString().contains(refusal)) {
				this.ran.add(id);
				errors.put(new JSONObject().put("code", refusal).put("message", "no"));
			}
		}
		String status = (errors.length() > 0) ? "REFUSED" : store(id, input);
		if (status.equals("CONFLICT")) {
			errors.put(new JSONObject().put("code", "CONFLICT").put("message", "another write under this id"));
		}
		JSONObject payload = new JSONObject().put("userErrors", errors);
		if (kind == WriteKind.VISIT_CORRECTION && errors.length() == 0) {
			payload.put("receipt",
					new JSONObject().put("uuid", id)
						.put("status", status)
						.put("receivedAt", "2026-05-12T09:40:00+08:00")
						.put("reviewFlags", new JSONArray()));
		}
		return payload;
	}

	/** ACCEPTED, DUPLICATE or CONFLICT, as the service's resend detection answers. */
	private String store(String id, JSONObject content) {
		this.ran.add(id);
		String previous = this.stored.get(id);
		if (previous == null) {
			this.stored.put(id, content.toString());
			return "ACCEPTED";
		}
		return (previous.startsWith("{") && new JSONObject(previous).similar(content)) ? "DUPLICATE" : "CONFLICT";
	}

	private static WriteKind kindOf(String operation) {
		for (WriteKind kind : WriteKind.values()) {
			if (kind.operation().name().equals(operation)) {
				return kind;
			}
		}
		throw new IllegalArgumentException(operation);
	}

	private static String fieldOf(WriteKind kind) {
		String name = kind.operation().name();
		return Character.toLowerCase(name.charAt(0)) + name.substring(1);
	}

}
