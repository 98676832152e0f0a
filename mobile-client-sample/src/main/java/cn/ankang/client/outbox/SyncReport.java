package cn.ankang.client.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.json.JSONObject;

import cn.ankang.client.BangfuException;

/**
 * What one {@link VisitSync#drain()} did, and how it ended: a WorkManager worker returns
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

	private final Duration elapsed;

	SyncReport(Outcome outcome, BangfuException failure, int accepted, int duplicates, int conflicts, int rejected,
			int requests, int failedRequests, int remaining, List<JSONObject> receipts, Duration elapsed) {
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
	 * Visits the service stored now.
	 * @return the number
	 */
	public int accepted() {
		return this.accepted;
	}

	/**
	 * Visits the service had stored already (an earlier answer was lost).
	 * @return the number
	 */
	public int duplicates() {
		return this.duplicates;
	}

	/**
	 * Visits moved aside for a {@code CONFLICT}.
	 * @return the number
	 */
	public int conflicts() {
		return this.conflicts;
	}

	/**
	 * Visits moved aside as {@code REJECTED}.
	 * @return the number
	 */
	public int rejected() {
		return this.rejected;
	}

	/**
	 * {@code syncVisits} requests sent, failed ones included.
	 * @return the number
	 */
	public int requests() {
		return this.requests;
	}

	/**
	 * Requests that failed transiently and were sent again or left for later.
	 * @return the number
	 */
	public int failedRequests() {
		return this.failedRequests;
	}

	/**
	 * Visits still queued at the end.
	 * @return the number
	 */
	public int remaining() {
		return this.remaining;
	}

	/**
	 * The receipts of the visits stored, in the order they came.
	 * @return the {@code VisitReceipt}s
	 */
	public List<JSONObject> receipts() {
		return this.receipts;
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
				+ " requests (" + this.failedRequests + " failed) in " + this.elapsed.toMillis() + " ms"
				+ ((this.failure != null) ? "; " + this.failure.getMessage() : "");
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
