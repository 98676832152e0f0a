package cn.ankang.client.outbox;

import java.time.Instant;
import java.util.List;

import org.json.JSONException;
import org.json.JSONObject;

/**
 * A write in the outbox: its kind, its id, made once when it was recorded, and the input
 * sent, unchanged, on every attempt.
 */
public final class QueuedWrite {

	private final WriteKind kind;

	private final String id;

	private final JSONObject input;

	private final Instant queuedAt;

	/**
	 * A queued write.
	 * @param kind its kind
	 * @param id its client-made id
	 * @param input its input, the id included
	 * @param queuedAt when it was recorded into the outbox
	 * @throws JSONException when the input carries another id
	 */
	public QueuedWrite(WriteKind kind, String id, JSONObject input, Instant queuedAt) {
		if (!id.equals(kind.idOf(input))) {
			throw new JSONException("The " + kind + "'s input carries another id");
		}
		this.kind = kind;
		this.id = id;
		this.input = input;
		this.queuedAt = queuedAt;
	}

	/**
	 * Reads what {@link #toJson()} wrote, or what the outbox kept of a visit before it
	 * held other writes ({@code uuid} and {@code input}, no kind).
	 * @param json the stored form
	 * @return the write
	 * @throws JSONException when a part is missing
	 */
	public static QueuedWrite fromJson(JSONObject json) {
		WriteKind kind = WriteKind.valueOf(json.optString("kind", WriteKind.VISIT.name()));
		String id = json.has("id") ? json.getString("id") : json.getString("uuid");
		try {
			return new QueuedWrite(kind, id, json.getJSONObject("input"), Instant.parse(json.getString("queuedAt")));
		}
		catch (RuntimeException ex) {
			throw new JSONException("Not a queued write: " + ex.getMessage());
		}
	}

	/**
	 * The stored form.
	 * @return a new JSON object
	 */
	public JSONObject toJson() {
		return new JSONObject().put("kind", this.kind.name())
			.put("id", this.id)
			.put("queuedAt", this.queuedAt.toString())
			.put("input", this.input);
	}

	/**
	 * What kind of write it is.
	 * @return the kind
	 */
	public WriteKind kind() {
		return this.kind;
	}

	/**
	 * The id the phone made for it: a visit's or correction's {@code uuid}, a step's
	 * {@code stepId}, a completion's {@code completionId}, an update's {@code changeId}.
	 * @return the id
	 */
	public String id() {
		return this.id;
	}

	/**
	 * The input to send; do not change it, or a resend becomes a {@code CONFLICT}.
	 * @return the input
	 */
	public JSONObject input() {
		return this.input;
	}

	/**
	 * When the write was recorded into the outbox.
	 * @return the instant
	 */
	public Instant queuedAt() {
		return this.queuedAt;
	}

	/** The records it touches, for the order per record. */
	List<String> records() {
		return this.kind.records(this.input);
	}

	@Override
	public String toString() {
		return this.kind + " " + this.id;
	}

}
