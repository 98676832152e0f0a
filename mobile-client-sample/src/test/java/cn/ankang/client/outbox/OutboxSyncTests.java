package cn.ankang.client.outbox;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
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
 * The sync against a stand-in service that stores visits by uuid as the real one does (a
 * resend with the same content is a duplicate, other content a conflict) and that loses
 * answers: every visit ends up stored once, and none leaves the queue unanswered.
 */
class OutboxSyncTests {

	@TempDir
	Path folder;

	private final FakeService service;

	private final Map<String, String> stored = new HashMap<>();

	private final List<Duration> waits = new ArrayList<>();

	private final RetryPolicy retry = new RetryPolicy(
			new Backoff(Duration.ofMillis(10), Duration.ofSeconds(1), new Random(1)), 6, this.waits::add);

	OutboxSyncTests() throws Exception {
		this.service = new FakeService();
	}

	@AfterEach
	void stop() {
		this.service.close();
	}

	@Test
	void lostAnswersAreSentAgainAndEveryVisitIsStoredOnce() throws Exception {
		AtomicInteger calls = new AtomicInteger();
		this.service.graphQl((request) -> {
			Reply answer = store(request);
			// every other answer is lost after the visits were stored
			return (calls.incrementAndGet() % 2 == 1) ? null : answer;
		});
		FileOutbox outbox = new FileOutbox(this.folder);
		for (int i = 0; i < 120; i++) {
			outbox.record(Visits.draft("第" + i + "户"));
		}

		SyncReport report = new OutboxSync(client(), outbox, this.retry).drain();

		assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.DRAINED);
		assertThat(outbox.size()).isZero();
		assertThat(this.stored).hasSize(120);
		assertThat(report.accepted() + report.duplicates()).isEqualTo(120);
		assertThat(report.duplicates()).isPositive();
		assertThat(report.failedRequests()).isPositive();
		assertThat(report.receipts()).hasSize(120);
		for (Recorded request : this.service.requests("SyncVisits")) {
			JSONObject input = request.variables().getJSONObject("input");
			assertThat(input.getJSONArray("visits").length()).isLessThanOrEqualTo(OutboxSync.DEFAULT_BATCH);
			assertThat(input.getString("deviceTime")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d.*");
		}
	}

	@Test
	void conflictsAndRejectionsLeaveTheQueueForAPersonToSee() throws Exception {
		this.service.graphQl(this::store);
		FileOutbox outbox = new FileOutbox(this.folder);
		QueuedWrite good = outbox.record(Visits.draft("正常"));
		QueuedWrite bad = outbox.record(Visits.draft("REJECT me"));
		QueuedWrite clash = outbox.record(Visits.draft("冲突"));
		this.stored.put(clash.id(), "something else stored under the same uuid");

		SyncReport report = new OutboxSync(client(), outbox, this.retry).drain();

		assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.DRAINED);
		assertThat(report.accepted()).isEqualTo(1);
		assertThat(report.conflicts()).isEqualTo(1);
		assertThat(report.rejected()).isEqualTo(1);
		assertThat(outbox.size()).isZero();
		assertThat(outbox.conflicts()).extracting((held) -> held.write().id()).containsExactly(clash.id());
		assertThat(outbox.rejections()).singleElement().satisfies((held) -> {
			assertThat(held.write().id()).isEqualTo(bad.id());
			assertThat(held.errors().getJSONObject(0).getString("code")).isEqualTo("INVALID_INPUT");
		});
		assertThat(this.stored).containsKey(good.id());
	}

	@Test
	void whenFailuresOutlastTheRetriesEveryVisitStaysForLater() throws Exception {
		this.service.graphQl((request) -> Reply.error(503, "SERVICE_UNAVAILABLE"));
		FileOutbox outbox = new FileOutbox(this.folder);
		for (int i = 0; i < 10; i++) {
			outbox.record(Visits.draft("第" + i + "户"));
		}

		SyncReport report = new OutboxSync(client(), outbox, this.retry).drain();

		assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.RETRY_LATER);
		assertThat(report.requests()).isEqualTo(6);
		assertThat(report.remaining()).isEqualTo(10);
		assertThat(this.waits).hasSize(5);
		assertThat(outbox.size()).isEqualTo(10);

		// coverage is back: the next run sends them
		this.service.graphQl(this::store);
		assertThat(new OutboxSync(client(), outbox, this.retry).drain().accepted()).isEqualTo(10);
	}

	@Test
	void aRefusalStopsTheSyncAndKeepsTheVisits() throws Exception {
		this.service.graphQl((request) -> Reply.error(200, "FORBIDDEN"));
		FileOutbox outbox = new FileOutbox(this.folder);
		outbox.record(Visits.draft("禁止"));

		SyncReport report = new OutboxSync(client(), outbox, this.retry).drain();

		assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.STOPPED);
		assertThat(report.failure().codes()).containsExactly("FORBIDDEN");
		assertThat(report.requests()).isEqualTo(1);
		assertThat(outbox.size()).isEqualTo(1);
	}

	@Test
	void aBodyTooLargeIsSentAgainInSmallerBatches() throws Exception {
		this.service.graphQl((request) -> {
			if (request.variables().getJSONObject("input").getJSONArray("visits").length() > 10) {
				return Reply.error(413, "DOCUMENT_TOO_LARGE");
			}
			return store(request);
		});
		FileOutbox outbox = new FileOutbox(this.folder);
		for (int i = 0; i < 30; i++) {
			outbox.record(Visits.draft("第" + i + "户"));
		}

		SyncReport report = new OutboxSync(client(), outbox, this.retry, 40, Clock.systemUTC()).drain();

		assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.DRAINED);
		assertThat(this.stored).hasSize(30);
	}

	private BangfuClient client() {
		return BangfuClient
			.builder(this.service.url(), new FakeService.MemorySessionStore(FakeService.tokens("access", "refresh")))
			.build();
	}

	/** Stores a batch as the service does: by uuid, once. */
	private synchronized Reply store(Recorded request) {
		JSONArray visits = request.variables().getJSONObject("input").getJSONArray("visits");
		JSONArray results = new JSONArray();
		for (int i = 0; i < visits.length(); i++) {
			JSONObject visit = visits.getJSONObject(i);
			String uuid = visit.getString("uuid");
			JSONObject result = new JSONObject().put("uuid", uuid).put("errors", new JSONArray());
			String content = visit.toString();
			if (visit.getString("notes").startsWith("REJECT")) {
				result.put("status", "REJECTED")
					.put("errors",
							new JSONArray().put(new JSONObject().put("code", "INVALID_INPUT")
								.put("field", new JSONArray().put("input").put("notes"))
								.put("message", "no")));
			}
			else if (!this.stored.containsKey(uuid)) {
				this.stored.put(uuid, content);
				result.put("status", "ACCEPTED").put("receipt", receipt(uuid, "ACCEPTED"));
			}
			else if (new JSONObject(content).similar(safeJson(this.stored.get(uuid)))) {
				result.put("status", "DUPLICATE").put("receipt", receipt(uuid, "DUPLICATE"));
			}
			else {
				result.put("status", "CONFLICT")
					.put("errors", new JSONArray().put(new JSONObject().put("code", "CONFLICT").put("message", "no")));
			}
			results.put(result);
		}
		return Reply.data(new JSONObject().put("syncVisits", new JSONObject().put("results", results)));
	}

	private static JSONObject safeJson(String text) {
		return text.startsWith("{") ? new JSONObject(text) : new JSONObject();
	}

	private static JSONObject receipt(String uuid, String status) {
		return new JSONObject().put("uuid", uuid)
			.put("status", status)
			.put("receivedAt", "2026-05-12T09:40:00+08:00")
			.put("reviewFlags", new JSONArray());
	}

}
