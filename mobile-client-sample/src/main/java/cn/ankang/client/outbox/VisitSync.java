package cn.ankang.client.outbox;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import org.json.JSONArray;
import org.json.JSONObject;

import cn.ankang.client.BangfuClient;
import cn.ankang.client.BangfuException;
import cn.ankang.client.Operation;
import cn.ankang.client.PermanentException;
import cn.ankang.client.TransientException;
import cn.ankang.client.retry.RetryPolicy;

/**
 * Drains the {@link Outbox} with {@code syncVisits}, a batch at a time, until it is
 * empty. Exactly once comes from the uuids: each visit got its uuid when it was recorded
 * and is sent with it every time, so a batch whose answer was lost is simply sent again,
 * and the service answers what it stored already as {@code DUPLICATE} (a success). A
 * visit leaves the queue only once its own result has arrived; a transient failure never
 * drops one. Results: {@code ACCEPTED} and {@code DUPLICATE} are delivered,
 * {@code CONFLICT} and {@code REJECTED} are held for a person.
 */
public final class VisitSync {

	/** The most visits the service takes in one request. */
	public static final int MAX_BATCH = 250;

	/** Batches small enough for a thin link, large enough to save round trips. */
	public static final int DEFAULT_BATCH = 50;

	private static final Operation SYNC_VISITS = Operation.load("SyncVisits");

	private final BangfuClient client;

	private final Outbox outbox;

	private final RetryPolicy retry;

	private final int batchSize;

	private final Clock clock;

	private final ReentrantLock draining = new ReentrantLock();

	/**
	 * A sync with batches of {@value #DEFAULT_BATCH}.
	 * @param client the transport
	 * @param outbox the queue
	 * @param retry how often and how patiently to resend a batch
	 */
	public VisitSync(BangfuClient client, Outbox outbox, RetryPolicy retry) {
		this(client, outbox, retry, DEFAULT_BATCH, Clock.systemDefaultZone());
	}

	/**
	 * A sync.
	 * @param client the transport
	 * @param outbox the queue
	 * @param retry how often and how patiently to resend a batch
	 * @param batchSize visits per request, 1 to {@value #MAX_BATCH}
	 * @param clock the phone's clock, sent as {@code deviceTime} so that the service can
	 * tell its skew
	 */
	public VisitSync(BangfuClient client, Outbox outbox, RetryPolicy retry, int batchSize, Clock clock) {
		if (batchSize < 1 || batchSize > MAX_BATCH) {
			throw new IllegalArgumentException("A batch holds 1 to " + MAX_BATCH + " visits");
		}
		this.client = client;
		this.outbox = outbox;
		this.retry = retry;
		this.batchSize = batchSize;
		this.clock = clock;
	}

	/**
	 * Sends queued visits until none is left, the service refuses, or transient failures
	 * outlast the retry policy. One drain at a time: a second caller waits for the first.
	 * @return what happened
	 * @throws IOException when the outbox cannot be read or written
	 * @throws InterruptedException when the thread is interrupted (work cancelled)
	 */
	public SyncReport drain() throws IOException, InterruptedException {
		this.draining.lockInterruptibly();
		try {
			return new Run().drain();
		}
		finally {
			this.draining.unlock();
		}
	}

	private JSONArray send(List<QueuedVisit> batch) throws BangfuException {
		JSONArray visits = new JSONArray();
		for (QueuedVisit visit : batch) {
			visits.put(visit.input());
		}
		JSONObject input = new JSONObject().put("visits", visits)
			.put("deviceTime", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.now(this.clock)));
		return this.client.execute(SYNC_VISITS, new JSONObject().put("input", input))
			.getJSONObject("syncVisits")
			.getJSONArray("results");
	}

	/** One drain's counts. */
	private final class Run {

		private final long started = System.nanoTime();

		private final List<JSONObject> receipts = new ArrayList<>();

		private int accepted;

		private int duplicates;

		private int conflicts;

		private int rejected;

		private int requests;

		private int failedRequests;

		SyncReport drain() throws IOException, InterruptedException {
			int size = VisitSync.this.batchSize;
			while (true) {
				List<QueuedVisit> batch = VisitSync.this.outbox.next(size);
				if (batch.isEmpty()) {
					return report(SyncReport.Outcome.DRAINED, null);
				}
				JSONArray results;
				try {
					results = VisitSync.this.retry.call(() -> {
						this.requests++;
						try {
							return send(batch);
						}
						catch (TransientException ex) {
							this.failedRequests++;
							throw ex;
						}
					});
				}
				catch (TransientException ex) {
					return report(SyncReport.Outcome.RETRY_LATER, ex);
				}
				catch (PermanentException ex) {
					if (ex.hasCode("DOCUMENT_TOO_LARGE") && size > 1) {
						// long notes: fewer visits per request
						size = Math.max(1, size / 2);
						continue;
					}
					return report(SyncReport.Outcome.STOPPED, ex);
				}
				catch (BangfuException ex) {
					return report(SyncReport.Outcome.STOPPED, ex);
				}
				if (settle(batch, results) == 0) {
					// nothing settled: sending the same again would loop for ever
					return report(SyncReport.Outcome.STOPPED, new PermanentException(
							"The service answered none of the visits sent", 200, new ArrayList<String>()));
				}
			}
		}

		private int settle(List<QueuedVisit> batch, JSONArray results) throws IOException {
			Map<String, JSONObject> byUuid = new HashMap<>();
			for (int i = 0; i < results.length(); i++) {
				JSONObject result = results.getJSONObject(i);
				byUuid.put(result.getString("uuid"), result);
			}
			int settled = 0;
			for (QueuedVisit visit : batch) {
				JSONObject result = byUuid.get(visit.uuid());
				if (result == null) {
					// no answer for it: it stays queued
					continue;
				}
				String status = result.getString("status");
				JSONArray errors = result.optJSONArray("errors");
				if (errors == null) {
					errors = new JSONArray();
				}
				if ("ACCEPTED".equals(status) || "DUPLICATE".equals(status)) {
					VisitSync.this.outbox.delivered(visit.uuid());
					if ("ACCEPTED".equals(status)) {
						this.accepted++;
					}
					else {
						this.duplicates++;
					}
					JSONObject receipt = result.optJSONObject("receipt");
					if (receipt != null) {
						this.receipts.add(receipt);
					}
				}
				else if ("CONFLICT".equals(status)) {
					VisitSync.this.outbox.conflict(visit.uuid(), errors);
					this.conflicts++;
				}
				else if ("REJECTED".equals(status)) {
					VisitSync.this.outbox.reject(visit.uuid(), errors);
					this.rejected++;
				}
				else {
					// a status this client does not know yet: keep the visit
					continue;
				}
				settled++;
			}
			return settled;
		}

		private SyncReport report(SyncReport.Outcome outcome, BangfuException failure) throws IOException {
			return new SyncReport(outcome, failure, this.accepted, this.duplicates, this.conflicts, this.rejected,
					this.requests, this.failedRequests, VisitSync.this.outbox.size(), this.receipts,
					Duration.ofNanos(System.nanoTime() - this.started));
		}

	}

}
