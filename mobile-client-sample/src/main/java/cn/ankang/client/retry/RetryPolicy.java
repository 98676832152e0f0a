package cn.ankang.client.retry;

import java.time.Duration;

import cn.ankang.client.BangfuException;
import cn.ankang.client.TransientException;

/**
 * Runs a request again after transient failures, waiting as the {@link Backoff} says (or
 * longer, when the service asked with {@code Retry-After}), up to a number of attempts.
 * Permanent failures are never retried. Only requests that are safe to send twice go
 * through here: everything the client sends is, by design.
 */
public final class RetryPolicy {

	private final Backoff backoff;

	private final int maxAttempts;

	private final Sleeper sleeper;

	/**
	 * A policy.
	 * @param backoff how long to wait between attempts
	 * @param maxAttempts how many attempts at most, the first included
	 * @param sleeper how to wait
	 */
	public RetryPolicy(Backoff backoff, int maxAttempts, Sleeper sleeper) {
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("At least one attempt");
		}
		this.backoff = backoff;
		this.maxAttempts = maxAttempts;
		this.sleeper = sleeper;
	}

	/**
	 * Eight attempts over about four minutes at most, then the caller gives up until its
	 * next scheduled run.
	 * @return the policy
	 */
	public static RetryPolicy standard() {
		return new RetryPolicy(Backoff.standard(), 8, Sleeper.THREAD);
	}

	/**
	 * Runs a request until it succeeds, fails permanently, or the attempts run out.
	 * @param <T> what the request returns
	 * @param request the request
	 * @return its result
	 * @throws TransientException the last transient failure, when the attempts ran out
	 * @throws BangfuException a permanent failure, at once
	 * @throws InterruptedException when waiting was interrupted
	 */
	public <T> T call(Request<T> request) throws BangfuException, InterruptedException {
		for (int attempt = 1;; attempt++) {
			try {
				return request.send();
			}
			catch (TransientException ex) {
				if (attempt >= this.maxAttempts) {
					throw ex;
				}
				pause(attempt, ex);
			}
		}
	}

	/**
	 * Waits before retry number {@code attempt}.
	 * @param attempt which retry, from 1
	 * @param failure the failure, whose {@code Retry-After} is respected; or null
	 * @throws InterruptedException when waiting was interrupted
	 */
	public void pause(int attempt, TransientException failure) throws InterruptedException {
		Duration wait = this.backoff.delay(attempt);
		if (failure != null && failure.retryAfter() != null && failure.retryAfter().compareTo(wait) > 0) {
			wait = failure.retryAfter();
		}
		this.sleeper.sleep(wait);
	}

	/**
	 * How many attempts a call makes at most.
	 * @return the number, the first attempt included
	 */
	public int maxAttempts() {
		return this.maxAttempts;
	}

	/**
	 * A request that may be retried.
	 *
	 * @param <T> what it returns
	 */
	public interface Request<T> {

		/**
		 * Sends the request once.
		 * @return its result
		 * @throws BangfuException when it failed
		 */
		T send() throws BangfuException;

	}

}
