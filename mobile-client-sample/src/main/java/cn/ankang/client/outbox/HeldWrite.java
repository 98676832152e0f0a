package cn.ankang.client.outbox;

import org.json.JSONArray;

/**
 * A write taken out of the queue that a person must look at, with the service's errors: a
 * {@code CONFLICT} (the record moved on first: another write under its id, a stale state
 * or version, a task closed already) or a {@code REJECTED} one (field errors; for a photo
 * the service's refusal, or {@code PHOTO_MISSING} / {@code PHOTO_CHANGED} when its file
 * is gone or changed on the phone).
 */
public final class HeldWrite {

	private final QueuedWrite write;

	private final String status;

	private final JSONArray errors;

	/**
	 * A held write.
	 * @param write the write as it was queued
	 * @param status {@code CONFLICT} or {@code REJECTED}
	 * @param errors the service's {@code UserError}s
	 */
	public HeldWrite(QueuedWrite write, String status, JSONArray errors) {
		this.write = write;
		this.status = status;
		this.errors = errors;
	}

	/**
	 * The write as it was queued.
	 * @return the write
	 */
	public QueuedWrite write() {
		return this.write;
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
