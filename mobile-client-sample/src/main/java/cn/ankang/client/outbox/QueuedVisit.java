package cn.ankang.client.outbox;

import java.time.Instant;

import org.json.JSONObject;

/**
 * A visit in the outbox: its uuid, made once when it was recorded, and the
 * {@code LogVisitInput} sent, unchanged, on every attempt.
 */
public final class QueuedVisit {

	private final String uuid;

	private final JSONObject input;

	private final Instant queuedAt;

	/**
	 * A queued visit.
	 * @param uuid its uuid
	 * @param input its {@code LogVisitInput}, the uuid included
	 * @param queuedAt when it was recorded into the outbox
	 */
	public QueuedVisit(String uuid, JSONObject input, Instant queuedAt) {
		this.uuid = uuid;
		this.input = input;
		this.queuedAt = queuedAt;
	}

	/**
	 * Reads what {@link #toJson()} wrote.
	 * @param json the stored form
	 * @return the visit
	 * @throws org.json.JSONException when a part is missing
	 */
	public static QueuedVisit fromJson(JSONObject json) {
		JSONObject input = json.getJSONObject("input");
		String uuid = json.getString("uuid");
		if (!uuid.equals(input.getString("uuid"))) {
			throw new org.json.JSONException("The visit's input carries another uuid");
		}
		return new QueuedVisit(uuid, input, Instant.parse(json.getString("queuedAt")));
	}

	/**
	 * The stored form.
	 * @return a new JSON object
	 */
	public JSONObject toJson() {
		return new JSONObject().put("uuid", this.uuid)
			.put("queuedAt", this.queuedAt.toString())
			.put("input", this.input);
	}

	/**
	 * The visit's uuid.
	 * @return the uuid
	 */
	public String uuid() {
		return this.uuid;
	}

	/**
	 * The {@code LogVisitInput} to send; do not change it, or a resend becomes a
	 * {@code CONFLICT}.
	 * @return the input
	 */
	public JSONObject input() {
		return this.input;
	}

	/**
	 * When the visit was recorded into the outbox.
	 * @return the instant
	 */
	public Instant queuedAt() {
		return this.queuedAt;
	}

}
