package cn.ankang.client.outbox;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import org.json.JSONArray;
import org.json.JSONObject;

import cn.ankang.client.BangfuClient;
import cn.ankang.client.BangfuException;
import cn.ankang.client.Operation;
import cn.ankang.client.PermanentException;
import cn.ankang.client.SignInRequiredException;
import cn.ankang.client.Traffic;
import cn.ankang.client.TransientException;
import cn.ankang.client.photo.PhotoUploader;
import cn.ankang.client.retry.RetryPolicy;

/**
 * Drains the {@link Outbox}, every kind of write, in as few requests as it can: one
 * request carries up to a batch of visits ({@code syncVisits}) and up to
 * {@value #MAX_OTHERS} other writes, each an aliased mutation field of one document; the
 * service runs the fields one after the other, each in its own transaction, and answers
 * each on its own. Exactly once comes from the ids made when the writes were recorded: a
 * request whose answer was lost is sent again, whole, and the service answers what it
 * stored already as it did the first time ({@code DUPLICATE} for visits). A write leaves
 * the queue only once its own answer has arrived: {@code ACCEPTED} and {@code DUPLICATE}
 * are delivered; a conflict ({@code CONFLICT}, {@code STALE_STATE},
 * {@code STALE_VERSION}, {@code INVALID_TRANSITION}) or a refusal with field errors is
 * held for a person, with the service's errors.
 * <p>
 * Photos ({@link WriteKind#PHOTO}) go after the other writes, one upload each through a
 * {@link PhotoUploader}, which resumes a photo partly sent before: so a photo never holds
 * up a visit (a visit names its photos by hash and may arrive first). A photo uploaded,
 * or found there already, is delivered; one the service refuses (not an image, too large,
 * forbidden), or whose file is gone or changed, is held as rejected with the reason;
 * failures that outlast the retry policy leave it, and the photos after it, queued.
 * <p>
 * Order per record: within a request visits go first, then corrections, household
 * updates, case steps and task completions, each kind in the order recorded; a write that
 * shares a record (a household, a case, a task, a visit it cites) with an older write it
 * would overtake, or with one left for a later request, waits for the next request.
 */
public final class OutboxSync {

	/** The most visits the service takes in one request. */
	public static final int MAX_BATCH = 250;

	/** Batches small enough for a thin link, large enough to save round trips. */
	public static final int DEFAULT_BATCH = 50;

	/**
	 * The most other writes in one request, within the service's 50 aliases and 500
	 * fields.
	 */
	public static final int MAX_OTHERS = 25;

	private static final String REFUSED = "REFUSED";

	/** The code a photo is held with when its file is no longer on the phone. */
	public static final String PHOTO_MISSING = "PHOTO_MISSING";

	private final BangfuClient client;

	private final Outbox outbox;

	private final RetryPolicy retry;

	private final int batchSize;

	private final Clock clock;

	private final PhotoUploader photos;

	private final ReentrantLock draining = new ReentrantLock();

	private static final Map<String, Operation> COMBINED = new ConcurrentHashMap<>();

	/**
	 * A sync with batches of {@value #DEFAULT_BATCH} visits.
	 * @param client the transport
	 * @param outbox the queue
	 * @param retry how often and how patiently to resend a request
	 */
	public OutboxSync(BangfuClient client, Outbox outbox, RetryPolicy retry) {
		this(client, outbox, retry, DEFAULT_BATCH, Clock.systemDefaultZone());
	}

	/**
	 * A sync.
	 * @param client the transport
	 * @param outbox the queue
	 * @param retry how often and how patiently to resend a request
	 * @param batchSize visits per request, 1 to {@value #MAX_BATCH}
	 * @param clock the phone's clock, sent as {@code deviceTime} so that the service can
	 * tell its skew
	 */
	public OutboxSync(BangfuClient client, Outbox outbox, RetryPolicy retry, int batchSize, Clock clock) {
		this(client, outbox, retry, batchSize, clock, new PhotoUploader(client, retry));
	}

	/**
	 * A sync with the app's photo uploader (its piece size and retry policy; a photo goes
	 * up as it was prepared when recorded, never sized again). Give it an uploader over
	 * the same client, so that the report's traffic counts the photos too.
	 * @param client the transport
	 * @param outbox the queue
	 * @param retry how often and how patiently to resend a request
	 * @param batchSize visits per request, 1 to {@value #MAX_BATCH}
	 * @param clock the phone's clock, sent as {@code deviceTime}
	 * @param photos the uploader of queued photos
	 */
	public OutboxSync(BangfuClient client, Outbox outbox, RetryPolicy retry, int batchSize, Clock clock,
			PhotoUploader photos) {
		if (batchSize < 1 || batchSize > MAX_BATCH) {
			throw new IllegalArgumentException("A batch holds 1 to " + MAX_BATCH + " visits");
		}
		this.client = client;
		this.outbox = outbox;
		this.retry = retry;
		this.batchSize = batchSize;
		this.clock = clock;
		this.photos = photos;
	}

	/**
	 * Sends queued writes until none is left, the service refuses, or transient failures
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

	/**
	 * The writes of the next request: the oldest that fit, in the order the service is to
	 * run them, keeping the order per record. Photos never go in a request of writes.
	 */
	static List<QueuedWrite> plan(List<QueuedWrite> queue, int maxVisits, int maxOthers) {
		List<QueuedWrite> visits = new ArrayList<>();
		List<QueuedWrite> others = new ArrayList<>();
		Set<String> waiting = new HashSet<>();
		Map<String, Integer> latestKind = new HashMap<>();
		for (QueuedWrite write : queue) {
			if (write.kind() == WriteKind.PHOTO) {
				continue;
			}
			boolean visit = write.kind() == WriteKind.VISIT;
			boolean room = visit ? visits.size() < maxVisits : others.size() < maxOthers;
			boolean free = room;
			for (String record : write.records()) {
				Integer latest = latestKind.get(record);
				if (waiting.contains(record) || (latest != null && latest > write.kind().ordinal())) {
					free = false;
				}
			}
			if (!free) {
				waiting.addAll(write.records());
				continue;
			}
			(visit ? visits : others).add(write);
			for (String record : write.records()) {
				Integer latest = latestKind.get(record);
				latestKind.put(record, Math.max(write.kind().ordinal(), (latest != null) ? latest : 0));
			}
		}
		// stable: each kind keeps the order recorded
		others.sort((a, b) -> Integer.compare(a.kind().ordinal(), b.kind().ordinal()));
		List<QueuedWrite> request = new ArrayList<>(visits);
		request.addAll(others);
		return request;
	}

	/**
	 * Sends writes in one request and returns each one's answer by id: for a visit its
	 * {@code SyncVisitResult}, for the others their payload. A batch of visits alone, or
	 * a single other write, goes with its stored document; anything else with a document
	 * made of theirs, one aliased field each.
	 */
	private Map<String, JSONObject> send(List<QueuedWrite> writes) throws BangfuException {
		List<QueuedWrite> visits = new ArrayList<>();
		List<QueuedWrite> others = new ArrayList<>();
		for (QueuedWrite write : writes) {
			(write.kind() == WriteKind.VISIT ? visits : others).add(write);
		}
		Map<String, JSONObject> answers = new HashMap<>();
		if (others.isEmpty() || (visits.isEmpty() && others.size() == 1)) {
			WriteKind kind = writes.get(0).kind();
			JSONObject input = visits.isEmpty() ? others.get(0).input() : visitsInput(visits);
			JSONObject data = this.client.execute(kind.operation(), new JSONObject().put("input", input));
			collect(answers, writes.get(0), data.optJSONObject(field(kind)));
			return answers;
		}
		JSONObject variables = new JSONObject();
		List<String> aliases = new ArrayList<>();
		if (!visits.isEmpty()) {
			variables.put(WriteKind.VISIT.alias(), visitsInput(visits));
		}
		Map<WriteKind, Integer> counts = new EnumMap<>(WriteKind.class);
		for (QueuedWrite write : others) {
			int n = counts.containsKey(write.kind()) ? counts.get(write.kind()) : 0;
			counts.put(write.kind(), n + 1);
			String alias = write.kind().alias() + n;
			aliases.add(alias);
			variables.put(alias, write.input());
		}
		JSONObject data = this.client.execute(combined(!visits.isEmpty(), counts), variables);
		if (!visits.isEmpty()) {
			collect(answers, visits.get(0), data.optJSONObject(WriteKind.VISIT.alias()));
		}
		for (int i = 0; i < others.size(); i++) {
			collect(answers, others.get(i), data.optJSONObject(aliases.get(i)));
		}
		return answers;
	}

	/**
	 * A field's answer by the ids it settles: a visit batch's results, another write's
	 * payload.
	 */
	private static void collect(Map<String, JSONObject> answers, QueuedWrite write, JSONObject payload) {
		if (payload == null) {
			return;
		}
		if (write.kind() != WriteKind.VISIT) {
			answers.put(write.id(), payload);
			return;
		}
		JSONArray results = payload.getJSONArray("results");
		for (int i = 0; i < results.length(); i++) {
			JSONObject result = results.getJSONObject(i);
			answers.put(result.getString("uuid"), result);
		}
	}

	private JSONObject visitsInput(List<QueuedWrite> visits) {
		JSONArray inputs = new JSONArray();
		for (QueuedWrite visit : visits) {
			inputs.put(visit.input());
		}
		return new JSONObject().put("visits", inputs)
			.put("deviceTime", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.now(this.clock)));
	}

	/**
	 * The document for a request of several writes, made of the stored documents' fields,
	 * one aliased field each ({@code visits}, then {@code correction0},
	 * {@code household0}, {@code step0}, {@code completion0}, ...), each taking the
	 * variable named as its alias: the same shape always makes the same text, so the
	 * service knows it by its hash after the first time.
	 * @param withVisits whether a batch of visits goes first
	 * @param counts how many writes of each other kind follow
	 * @return the operation
	 */
	public static Operation combined(boolean withVisits, Map<WriteKind, Integer> counts) {
		StringBuilder name = new StringBuilder("Outbox").append(withVisits ? "_visits" : "");
		StringBuilder parameters = new StringBuilder();
		StringBuilder fields = new StringBuilder();
		if (withVisits) {
			add(WriteKind.VISIT, WriteKind.VISIT.alias(), parameters, fields);
		}
		for (WriteKind kind : WriteKind.values()) {
			if (kind == WriteKind.VISIT) {
				continue;
			}
			int n = counts.containsKey(kind) ? counts.get(kind) : 0;
			if (n > 0) {
				name.append('_').append(kind.alias()).append(n);
			}
			for (int i = 0; i < n; i++) {
				add(kind, kind.alias() + i, parameters, fields);
			}
		}
		String key = name.toString();
		Operation operation = COMBINED.get(key);
		if (operation == null) {
			operation = Operation.of("mutation " + key + "(" + parameters + ") {\n" + fields + "}\n");
			COMBINED.put(key, operation);
		}
		return operation;
	}

	private static void add(WriteKind kind, String alias, StringBuilder parameters, StringBuilder fields) {
		String document = kind.operation().document();
		// the stored document's one field, its $input renamed
		String type = document.substring(document.indexOf("$input:") + "$input:".length(), document.indexOf(')'))
			.trim();
		String field = document.substring(document.indexOf('{') + 1, document.lastIndexOf('}')).trim();
		if (parameters.length() > 0) {
			parameters.append(", ");
		}
		parameters.append('$').append(alias).append(": ").append(type);
		fields.append("    ").append(alias).append(": ").append(field.replace("$input", "$" + alias)).append('\n');
	}

	private static String field(WriteKind kind) {
		String document = kind.operation().document();
		String field = document.substring(document.indexOf('{') + 1).trim();
		return field.substring(0, field.indexOf('('));
	}

	/** One drain's counts. */
	private final class Run {

		private final long started = System.nanoTime();

		private final Traffic trafficBefore = OutboxSync.this.client.traffic();

		private final List<JSONObject> receipts = new ArrayList<>();

		private final List<SyncReport.Answer> answers = new ArrayList<>();

		private int accepted;

		private int duplicates;

		private int conflicts;

		private int rejected;

		private int requests;

		private int failedRequests;

		SyncReport drain() throws IOException, InterruptedException {
			int visits = OutboxSync.this.batchSize;
			int others = MAX_OTHERS;
			// after a request the service refused as a whole: one field per request, so
			// that the write it could not take is found and held
			boolean alone = false;
			while (true) {
				List<QueuedWrite> writes = plan(OutboxSync.this.outbox.next(Integer.MAX_VALUE), visits, others);
				if (writes.isEmpty()) {
					return photos();
				}
				if (alone) {
					writes = firstField(writes);
				}
				List<QueuedWrite> request = writes;
				Map<String, JSONObject> results;
				try {
					results = OutboxSync.this.retry.call(() -> {
						this.requests++;
						try {
							return send(request);
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
					if (ex instanceof SignInRequiredException || ex.hasCode("UNAUTHENTICATED")
							|| ex.hasCode("FORBIDDEN")) {
						return report(SyncReport.Outcome.STOPPED, ex);
					}
					if (ex.hasCode("DOCUMENT_TOO_LARGE") && (visits > 1 || others > 1)) {
						// long notes: fewer writes per request
						visits = Math.max(1, visits / 2);
						others = Math.max(1, others / 2);
						continue;
					}
					if (firstField(request).size() < request.size()) {
						alone = true;
						continue;
					}
					if (request.get(0).kind() != WriteKind.VISIT) {
						// a write the service cannot take, alone: the person sees why
						settleAs(request.get(0), "REJECTED", errorsOf(ex), null);
						continue;
					}
					return report(SyncReport.Outcome.STOPPED, ex);
				}
				catch (BangfuException ex) {
					return report(SyncReport.Outcome.STOPPED, ex);
				}
				if (settle(request, results) == 0) {
					// nothing settled: sending the same again would loop for ever
					return report(SyncReport.Outcome.STOPPED, new PermanentException(
							"The service answered none of the writes sent", 200, new ArrayList<String>()));
				}
			}
		}

		/**
		 * Uploads the queued photos one by one, oldest first, each settled by its own
		 * outcome.
		 */
		private SyncReport photos() throws IOException, InterruptedException {
			List<QueuedWrite> photos = new ArrayList<>();
			for (QueuedWrite write : OutboxSync.this.outbox.next(Integer.MAX_VALUE)) {
				if (write.kind() == WriteKind.PHOTO) {
					photos.add(write);
				}
			}
			for (QueuedWrite photo : photos) {
				this.requests++;
				PhotoUploader.Result uploaded;
				try {
					uploaded = OutboxSync.this.photos.upload(PhotoDraft.prepared(photo));
				}
				catch (TransientException ex) {
					// the uploader has ridden out what the policy allows: the link is
					// down, the rest waits too
					this.failedRequests++;
					return report(SyncReport.Outcome.RETRY_LATER, ex);
				}
				catch (PermanentException ex) {
					if (ex instanceof SignInRequiredException || ex.hasCode("UNAUTHENTICATED")) {
						// the person's session, not the photo: keep it for after the
						// sign-in
						return report(SyncReport.Outcome.STOPPED, ex);
					}
					settleAs(photo, "REJECTED", errorsOf(ex), null);
					continue;
				}
				catch (NoSuchFileException ex) {
					JSONArray errors = new JSONArray().put(new JSONObject().put("code", PHOTO_MISSING)
						.put("message", "The photo's file is gone: " + ex.getFile()));
					settleAs(photo, "REJECTED", errors, null);
					continue;
				}
				catch (BangfuException ex) {
					return report(SyncReport.Outcome.STOPPED, ex);
				}
				this.failedRequests += uploaded.failures();
				JSONObject result = new JSONObject().put("sha256", uploaded.sha256())
					.put("size", uploaded.size())
					.put("bytesSent", uploaded.bytesSent())
					.put("alreadyStored", uploaded.alreadyStored());
				settleAs(photo, uploaded.alreadyStored() ? "DUPLICATE" : "ACCEPTED", new JSONArray(), result);
			}
			return report(SyncReport.Outcome.DRAINED, null);
		}

		/** The visits of a request, or else its first write. */
		private List<QueuedWrite> firstField(List<QueuedWrite> writes) {
			List<QueuedWrite> first = new ArrayList<>();
			for (QueuedWrite write : writes) {
				if (write.kind() == WriteKind.VISIT) {
					first.add(write);
				}
			}
			if (first.isEmpty()) {
				first.add(writes.get(0));
			}
			return first;
		}

		private int settle(List<QueuedWrite> writes, Map<String, JSONObject> results) throws IOException {
			int settled = 0;
			for (QueuedWrite write : writes) {
				JSONObject result = results.get(write.id());
				if (result == null) {
					// no answer for it: it stays queued
					continue;
				}
				String status;
				JSONArray errors;
				JSONObject receipt;
				if (write.kind() == WriteKind.VISIT) {
					status = result.getString("status");
					errors = result.optJSONArray("errors");
					receipt = result.optJSONObject("receipt");
				}
				else {
					errors = result.optJSONArray("userErrors");
					receipt = result.optJSONObject("receipt");
					status = status(errors, receipt);
				}
				if (status == null || !settleAs(write, status, (errors != null) ? errors : new JSONArray(), result)) {
					// a status this client does not know yet: keep the write
					continue;
				}
				if (receipt != null) {
					this.receipts.add(receipt);
				}
				settled++;
			}
			return settled;
		}

		/** Settles a write by its status; false when the status is not one it knows. */
		private boolean settleAs(QueuedWrite write, String status, JSONArray errors, JSONObject result)
				throws IOException {
			Outbox outbox = OutboxSync.this.outbox;
			if ("ACCEPTED".equals(status) || "DUPLICATE".equals(status)) {
				outbox.delivered(write.id());
				if ("ACCEPTED".equals(status)) {
					this.accepted++;
				}
				else {
					this.duplicates++;
				}
			}
			else if ("CONFLICT".equals(status)) {
				outbox.conflict(write.id(), errors);
				this.conflicts++;
			}
			else if ("REJECTED".equals(status)) {
				outbox.reject(write.id(), errors);
				this.rejected++;
			}
			else {
				return false;
			}
			this.answers.add(new SyncReport.Answer(write, status, (result != null) ? result : new JSONObject()));
			return true;
		}

		private SyncReport report(SyncReport.Outcome outcome, BangfuException failure) throws IOException {
			return new SyncReport(outcome, failure, this.accepted, this.duplicates, this.conflicts, this.rejected,
					this.requests, this.failedRequests, OutboxSync.this.outbox.size(), this.receipts, this.answers,
					OutboxSync.this.client.traffic().since(this.trafficBefore),
					Duration.ofNanos(System.nanoTime() - this.started));
		}

	}

	/**
	 * The status of a write other than a visit by its payload: stored unless it carries
	 * user errors (a correction's receipt says whether now or before).
	 */
	static String status(JSONArray userErrors, JSONObject receipt) {
		if (userErrors == null || userErrors.length() == 0) {
			return (receipt != null) ? receipt.getString("status") : "ACCEPTED";
		}
		for (int i = 0; i < userErrors.length(); i++) {
			if (WriteKind.CONFLICT_CODES.contains(userErrors.getJSONObject(i).optString("code"))) {
				return "CONFLICT";
			}
		}
		return "REJECTED";
	}

	/** A refusal of the whole request as the errors a held write keeps. */
	private static JSONArray errorsOf(PermanentException ex) {
		JSONArray errors = new JSONArray();
		for (String code : ex.codes()) {
			errors.put(new JSONObject().put("code", code).put("message", ex.getMessage()));
		}
		if (errors.length() == 0) {
			errors.put(new JSONObject().put("code", REFUSED).put("message", ex.getMessage()));
		}
		return errors;
	}

}
