package cn.ankang.client;

import java.time.Duration;
import java.util.Collections;
import java.util.List;

/**
 * A failure that says nothing about the request itself: no network, a connection cut, an
 * answer lost or garbled, the service overloaded (429, 503) or failing (5xx). Sending the
 * same request again later is right; a request may or may not have taken effect, which is
 * why everything the client sends can be sent twice.
 */
public class TransientException extends BangfuException {

	private final int status;

	private final Duration retryAfter;

	/**
	 * A failure without an answer from the service.
	 * @param message what happened
	 * @param cause the I/O failure
	 */
	public TransientException(String message, Throwable cause) {
		this(message, 0, Collections.<String>emptyList(), null, cause);
	}

	/**
	 * A failure the service answered.
	 * @param message what happened
	 * @param status the HTTP status, 0 when there was none
	 * @param codes the error codes of the answer
	 * @param retryAfter how long the service asked to wait, or null
	 * @param cause the cause, or null
	 */
	public TransientException(String message, int status, List<String> codes, Duration retryAfter, Throwable cause) {
		super(message, codes, cause);
		this.status = status;
		this.retryAfter = retryAfter;
	}

	/**
	 * The HTTP status of the answer.
	 * @return the status, 0 when no answer arrived
	 */
	public int status() {
		return this.status;
	}

	/**
	 * How long the service asked the client to wait ({@code Retry-After}).
	 * @return the wait, or null when it did not say
	 */
	public Duration retryAfter() {
		return this.retryAfter;
	}

}
