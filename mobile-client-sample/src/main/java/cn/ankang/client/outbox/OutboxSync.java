package cn.ankang.client.outbox;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import org.json.JSONArray;
import org.json.JSONObject;

import cn.ankang.client.BangfuClient;
import cn.ankang.client.BangfuException;
import cn.ankang.client.Operation;
import cn.ankang.client.PermanentException;
import cn.ankang.client.SignInRequiredException;
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

	/** The code a photo is held with when its file is no longer on the phone. */
	public static final String PHOTO_MISSING = "PHOTO_MISSING";

	private final BangfuClient client;

	private final Outbox outbox;

	private final RetryPolicy retry;

	private final int batchSize;

	private final WriteRequests writeRequests;

	private final PhotoUploader photos;

	private final ReentrantLock draining = new ReentrantLock();

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
		this.writeRequests = new WriteRequests(client, clock);
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
		return WriteRequests.combined(withVisits, counts);
	}

	/** One drain: the requests of writes, then the photos. */
	private final class Run {

		private final DrainTally tally = new DrainTally(OutboxSync.this.outbox, OutboxSync.this.client);

		SyncReport drain() throws IOException, InterruptedException {
			int visits = OutboxSync.this.batchSize;
			int others = MAX_OTHERS;
			// after a request the service refused as a whole: one field per request, so
			// that the write it could not take is found and held
			boolean alone = false;
			while (true) {
				List<QueuedWrite> writes = RequestPlan.plan(OutboxSync.this.outbox.next(Integer.MAX_VALUE), visits,
						others);
				if (writes.isEmpty()) {
					return photos();
				}
				if (alone) {
					writes = RequestPlan.firstField(writes);
				}
				List<QueuedWrite> request = writes;
				Map<String, JSONObject> results;
				try {
					results = OutboxSync.this.retry.call(() -> {
						this.tally.countRequest();
						try {
							return OutboxSync.this.writeRequests.send(request);
						}
						catch (TransientException ex) {
							this.tally.countFailedRequests(1);
							throw ex;
						}
					});
				}
				catch (TransientException ex) {
					return this.tally.report(SyncReport.Outcome.RETRY_LATER, ex);
				}
				catch (PermanentException ex) {
					if (ex instanceof SignInRequiredException || ex.hasCode("UNAUTHENTICATED")
							|| ex.hasCode("FORBIDDEN")) {
						return this.tally.report(SyncReport.Outcome.STOPPED, ex);
					}
					if (ex.hasCode("DOCUMENT_TOO_LARGE") && (visits > 1 || others > 1)) {
						// long notes: fewer writes per request
						visits = Math.max(1, visits / 2);
						others = Math.max(1, others / 2);
						continue;
					}
					if (RequestPlan.firstField(request).size() < request.size()) {
						alone = true;
						continue;
					}
					if (request.get(0).kind() != WriteKind.VISIT) {
						// a write the service cannot take, alone: the person sees why
						this.tally.settleAs(request.get(0), "REJECTED", DrainTally.errorsOf(ex), null);
						continue;
					}
					return this.tally.report(SyncReport.Outcome.STOPPED, ex);
				}
				catch (BangfuException ex) {
					return this.tally.report(SyncReport.Outcome.STOPPED, ex);
				}
				if (this.tally.settle(request, results) == 0) {
					// nothing settled: sending the same again would loop for ever
					return this.tally.report(SyncReport.Outcome.STOPPED, new PermanentException(
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
				this.tally.countRequest();
				PhotoUploader.Result uploaded;
				try {
					uploaded = OutboxSync.this.photos.upload(PhotoDraft.prepared(photo));
				}
				catch (TransientException ex) {
					// the uploader has ridden out what the policy allows: the link is
					// down, the rest waits too
					this.tally.countFailedRequests(1);
					return this.tally.report(SyncReport.Outcome.RETRY_LATER, ex);
				}
				catch (PermanentException ex) {
					if (ex instanceof SignInRequiredException || ex.hasCode("UNAUTHENTICATED")) {
						// the person's session, not the photo: keep it for after the
						// sign-in
						return this.tally.report(SyncReport.Outcome.STOPPED, ex);
					}
					this.tally.settleAs(photo, "REJECTED", DrainTally.errorsOf(ex), null);
					continue;
				}
				catch (NoSuchFileException ex) {
					JSONArray errors = new JSONArray().put(new JSONObject().put("code", PHOTO_MISSING)
						.put("message", "The photo's file is gone: " + ex.getFile()));
					this.tally.settleAs(photo, "REJECTED", errors, null);
					continue;
				}
				catch (BangfuException ex) {
					return this.tally.report(SyncReport.Outcome.STOPPED, ex);
				}
				this.tally.countFailedRequests(uploaded.failures());
				JSONObject result = new JSONObject().put("sha256", uploaded.sha256())
					.put("size", uploaded.size())
					.put("bytesSent", uploaded.bytesSent())
					.put("alreadyStored", uploaded.alreadyStored());
				this.tally.settleAs(photo, uploaded.alreadyStored() ? "DUPLICATE" : "ACCEPTED", new JSONArray(),
						result);
			}
			return this.tally.report(SyncReport.Outcome.DRAINED, null);
		}

	}

}
