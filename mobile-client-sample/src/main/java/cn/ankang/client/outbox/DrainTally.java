package cn.ankang.client.outbox;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.json.JSONArray;
import org.json.JSONObject;

import cn.ankang.client.BangfuClient;
import cn.ankang.client.BangfuException;
import cn.ankang.client.PermanentException;
import cn.ankang.client.Traffic;

/**
 * One drain's tally: settles each write in the {@link Outbox} by its answer (delivered,
 * or held as a conflict or a rejection), counts answers and requests, and makes the
 * {@link SyncReport} the drain ends with.
 */
final class DrainTally {

	private static final String REFUSED = "REFUSED";

	private final Outbox outbox;

	private final BangfuClient client;

	private final long started = System.nanoTime();

	private final Traffic trafficBefore;

	private final List<JSONObject> receipts = new ArrayList<>();

	private final List<SyncReport.Answer> answers = new ArrayList<>();

	private int accepted;

	private int duplicates;

	private int conflicts;

	private int rejected;

	private int requests;

	private int failedRequests;

	DrainTally(Outbox outbox, BangfuClient client) {
		this.outbox = outbox;
		this.client = client;
		this.trafficBefore = client.traffic();
	}

	void countRequest() {
		this.requests++;
	}

	void countFailedRequests(int failed) {
		this.failedRequests += failed;
	}

	int settle(List<QueuedWrite> writes, Map<String, JSONObject> results) throws IOException {
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
	boolean settleAs(QueuedWrite write, String status, JSONArray errors, JSONObject result) throws IOException {
		if ("ACCEPTED".equals(status) || "DUPLICATE".equals(status)) {
			this.outbox.delivered(write.id());
			if ("ACCEPTED".equals(status)) {
				this.accepted++;
			}
			else {
				this.duplicates++;
			}
		}
		else if ("CONFLICT".equals(status)) {
			this.outbox.conflict(write.id(), errors);
			this.conflicts++;
		}
		else if ("REJECTED".equals(status)) {
			this.outbox.reject(write.id(), errors);
			this.rejected++;
		}
		else {
			return false;
		}
		this.answers.add(new SyncReport.Answer(write, status, (result != null) ? result : new JSONObject()));
		return true;
	}

	SyncReport report(SyncReport.Outcome outcome, BangfuException failure) throws IOException {
		return new SyncReport(outcome, failure, this.accepted, this.duplicates, this.conflicts, this.rejected,
				this.requests, this.failedRequests, this.outbox.size(), this.receipts, this.answers,
				this.client.traffic().since(this.trafficBefore), Duration.ofNanos(System.nanoTime() - this.started));
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
	static JSONArray errorsOf(PermanentException ex) {
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
