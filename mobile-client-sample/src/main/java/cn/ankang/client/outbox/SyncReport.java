package cn.ankang.client.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.json.JSONObject;

import cn.ankang.client.BangfuException;
import cn.ankang.client.Traffic;

/**
 * What one {@link OutboxSync#drain()} did, and how it ended: a WorkManager worker returns
 * success for {@link Outcome#DRAINED}, retry for {@link Outcome#RETRY_LATER}, and failure
 * (with a notice to the cadre) for {@link Outcome#STOPPED}.
 */
public final class SyncReport {

	private final Outcome outcome;

	private final BangfuException failure;

	private final int accepted;

	private final int duplicates;

	private final int conflicts;

	private final int rejected;

	private final int requests;

	private final int failedRequests;

	private final int remaining;

	private final List<JSONObject> receipts;

	private final List<Answer> answers;

	private final Traffic traffic;

	private final Duration elapsed;

	SyncReport(Outcome outcome, BangfuException failure, int accepted, int duplicates, int conflicts, int rejected,
			int requests, int failedRequests, int remaining, List<JSONObject> receipts, List<Answer> answers,
			Traffic traffic, Duration elapsed) {
		this.outcome = outcome;
		this.failure = failure;
		this.accepted = accepted;
		this.duplicates = duplicates;
		this.conflicts = conflicts;
		this.rejected = rejected;
		this.requests = requests;
		this.failedRequests = failedRequests;
		this.remaining = remaining;
		this.receipts = Collections.unmodifiableList(new ArrayList<>(receipts));
		this.answers = Collections.unmodifiableList(new ArrayList<>(answers));
		this.traffic = traffic;
		this.elapsed = elapsed;
	}

	/**
	 * How the drain ended.
	 * @return the outcome
	 */
	public Outcome outcome() {
		return this.outcome;
	}

	/**
	 * The failure that ended it, for {@link Outcome#RETRY_LATER} and
	 * {@link Outcome#STOPPED}.
	 * @return the failure, or null
	 */
	public BangfuException failure() {
		return this.failure;
	}

	/**
	 * Writes the service stored now.
	 * @return the number
	 */
	public int accepted() {
		return this.accepted;
	}

	/**
	 * Visits and corrections the service had stored already (an earlier answer was lost),
	 * and photos it held whole before this drain sent a byte; a resent step, completion
	 * or update answers as the first time and counts as accepted.
	 * @return the number
	 */
	public int duplicates() {
		return this.duplicates;
	}

	/**
	 * Writes moved aside for a conflict (the record moved on first).
	 * @return the number
	 */
	public int conflicts() {
		return this.conflicts;
	}

	/**
	 * Writes moved aside as {@code REJECTED}.
	 * @return the number
	 */
	public int rejected() {
		return this.rejected;
	}

	/**
	 * Requests of writes sent, failed ones included (a request carries a batch of visits
	 * and the other writes that fit; a photo's upload counts as one, however many pieces
	 * it took); the HTTP requests on the wire are in {@link #traffic()}.
	 * @return the number
	 */
	public int requests() {
		return this.requests;
	}

	/**
	 * Requests that failed transiently and were sent again or left for later (for a
	 * photo, each break its upload went on after).
	 * @return the number
	 */
	public int failedRequests() {
		return this.failedRequests;
	}

	/**
	 * Writes still queued at the end.
	 * @return the number
	 */
	public int remaining() {
		return this.remaining;
	}

	/**
	 * The receipts of the visits and corrections stored, in the order they came.
	 * @return the {@code VisitReceipt}s
	 */
	public List<JSONObject> receipts() {
		return this.receipts;
	}

	/**
	 * The answer to every write settled, in the order they came, for the person to see.
	 * @return the answers
	 */
	public List<Answer> answers() {
		return this.answers;
	}

	/**
	 * What the client put on the wire during the drain: HTTP requests (persisted-query
	 * misses, refreshes and resends included), bytes up and down, headers included. Other
	 * threads' requests through the same client at the same time count too.
	 * @return the traffic
	 */
	public Traffic traffic() {
		return this.traffic;
	}

	/**
	 * How long the drain took.
	 * @return the time
	 */
	public Duration elapsed() {
		return this.elapsed;
	}

	@Override
	public String toString() {
		return this.outcome + ": " + this.accepted + " accepted, " + this.duplicates + " duplicates, " + this.conflicts
				+ " conflicts, " + this.rejected + " rejected, " + this.remaining + " left; " + this.requests
				+ " requests (" + this.failedRequests + " failed) in " + this.elapsed.toMillis() + " ms; "
				+ this.traffic + ((this.failure != null) ? "; " + this.failure.getMessage() : "");
	}

	/** What the service answered for one write. */
	public static final class Answer {

		private final QueuedWrite write;

		private final String status;

		private final JSONObject result;

		Answer(QueuedWrite write, String status, JSONObject result) {
			this.write = write;
			this.status = status;
			this.result = result;
		}

		/**
		 * The write as it was queued.
		 * @return the write
		 */
		public QueuedWrite write() {
			return this.write;
		}

		/**
		 * {@code ACCEPTED}, {@code DUPLICATE}, {@code CONFLICT} or {@code REJECTED}.
		 * @return the status
		 */
		public String status() {
			return this.status;
		}

		/**
		 * The service's answer: a visit's {@code SyncVisitResult}, the payload of the
		 * others (the case, task or household as it stands, the user errors); for a photo
		 * delivered its {@code sha256}, {@code size}, {@code bytesSent} and
		 * {@code alreadyStored}.
		 * @return the answer
		 */
		public JSONObject result() {
			return this.result;
		}

		@Override
		public String toString() {
			return this.write + " " + this.status;
		}

	}

	/** How a drain ended. */
	public enum Outcome {

		/** The queue is empty. */
		DRAINED,
		/** Transient failures outlasted the attempts: run again later. */
		RETRY_LATER,
		/**
		 * The service refused (signed out, forbidden): nothing was dropped; a person must
		 * act first.
		 */
		STOPPED

	}

}
