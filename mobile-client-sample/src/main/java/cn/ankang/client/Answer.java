package cn.ankang.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.json.JSONArray;
import org.json.JSONObject;

/**
 * One answer of the service, before it is judged: its {@code data}, or the
 * {@link TransientException} or {@link PermanentException} its status and error codes
 * call for. Judges the POST answers of {@link BangfuClient} and the GET answers of
 * {@link ReferenceReads}.
 */
final class Answer {

	/**
	 * Codes that say the service failed or asks to come back later, not that the request
	 * is wrong: the phone keeps its data.
	 */
	private static final Set<String> TRANSIENT_CODES = new HashSet<>(
			Arrays.asList("INTERNAL", "SERVICE_UNAVAILABLE", "STORAGE_UNAVAILABLE", "RATE_LIMITED"));

	private final Operation operation;

	private final int status;

	private final JSONObject json;

	private final Duration retryAfter;

	private final List<String> codes = new ArrayList<>();

	private String message;

	Answer(Operation operation, int status, JSONObject json, Duration retryAfter) {
		this.operation = operation;
		this.status = status;
		this.json = json;
		this.retryAfter = retryAfter;
		JSONArray errors = (json != null) ? json.optJSONArray("errors") : null;
		if (errors != null) {
			for (int i = 0; i < errors.length(); i++) {
				JSONObject error = errors.optJSONObject(i);
				if (error == null) {
					continue;
				}
				if (this.message == null) {
					this.message = error.optString("message", null);
				}
				JSONObject extensions = error.optJSONObject("extensions");
				this.codes.add((extensions != null) ? extensions.optString("code", "UNKNOWN") : "UNKNOWN");
			}
		}
	}

	List<String> codes() {
		return this.codes;
	}

	boolean unauthenticated() {
		return this.status == 401 || this.codes.contains("UNAUTHENTICATED");
	}

	JSONObject data() throws BangfuException {
		String what = this.operation + ": " + ((this.message != null) ? this.message : "HTTP " + this.status);
		if (this.status == 408 || this.status == 429 || this.status >= 500) {
			throw new TransientException(what, this.status, this.codes, this.retryAfter, null);
		}
		for (String code : this.codes) {
			if (TRANSIENT_CODES.contains(code)) {
				throw new TransientException(what, this.status, this.codes, this.retryAfter, null);
			}
		}
		if (this.json == null) {
			if (this.status >= 400) {
				throw new PermanentException(what, this.status, this.codes);
			}
			throw new TransientException(this.operation + ": the answer was not JSON", this.status, this.codes, null,
					null);
		}
		if (!this.codes.isEmpty() || this.status >= 400) {
			throw new PermanentException(what, this.status, this.codes);
		}
		JSONObject data = this.json.optJSONObject("data");
		if (data == null) {
			throw new TransientException(this.operation + ": the answer had no data", this.status, this.codes, null,
					null);
		}
		return data;
	}

	static Duration retryAfter(String header) {
		if (header == null) {
			return null;
		}
		try {
			return Duration.ofSeconds(Long.parseLong(header.trim()));
		}
		catch (NumberFormatException ex) {
			// an HTTP date: rare enough to fall back on the backoff
			return null;
		}
	}

}
