package cn.ankang.client.outbox;

import org.json.JSONArray;

/**
 * A visit taken out of the queue that a person must look at: a {@code CONFLICT} (another
 * visit is stored under its uuid) or a {@code REJECTED} one, with the service's errors.
 */
public final class HeldVisit {

	private final QueuedVisit visit;

	private final String status;

	private final JSONArray errors;

	/**
	 * A held visit.
	 * @param visit the visit as it was queued
	 * @param status {@code CONFLICT} or {@code REJECTED}
	 * @param errors the service's {@code UserError}s
	 */
	public HeldVisit(QueuedVisit visit, String status, JSONArray errors) {
		this.visit = visit;
		this.status = status;
		this.errors = errors;
	}

	/**
	 * The visit as it was queued.
	 * @return the visit
	 */
	public QueuedVisit visit() {
		return this.visit;
	}

	/**
	 * Why it is held.
	 * @return {@code CONFLICT} or {@code REJECTED}
	 */
	public String status() {
		return this.status;
	}

	/**
	 * The service's errors: code, field, message.
	 * @return the errors
	 */
	public JSONArray errors() {
		return this.errors;
	}

}
