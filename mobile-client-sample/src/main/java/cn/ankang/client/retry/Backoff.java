package cn.ankang.client.retry;

import java.time.Duration;
import java.util.Random;

/**
 * Exponential backoff with full jitter: the n-th retry waits a random time between zero
 * and {@code min(cap, base * 2^(n-1))}. The randomness spreads the retries of many phones
 * over the whole window instead of bunching them at its end.
 */
public final class Backoff {

	private final long baseMillis;

	private final long capMillis;

	private final Random random;

	/**
	 * A backoff.
	 * @param base the ceiling of the first retry's wait
	 * @param cap the ceiling no wait goes over
	 * @param random where the jitter comes from
	 */
	public Backoff(Duration base, Duration cap, Random random) {
		if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
			throw new IllegalArgumentException("Backoff needs 0 < base <= cap");
		}
		this.baseMillis = base.toMillis();
		this.capMillis = cap.toMillis();
		this.random = random;
	}

	/**
	 * A backoff from one second up to five minutes, WorkManager's defaults in spirit.
	 * @return the backoff
	 */
	public static Backoff standard() {
		return new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), new Random());
	}

	/**
	 * The longest wait before a retry.
	 * @param attempt which retry, from 1
	 * @return {@code min(cap, base * 2^(attempt-1))}
	 */
	public Duration ceiling(int attempt) {
		int doublings = Math.max(0, attempt - 1);
		// past 62 doublings a long overflows; the cap is reached long before
		if (doublings >= 62 || this.baseMillis > (this.capMillis >> doublings)) {
			return Duration.ofMillis(this.capMillis);
		}
		return Duration.ofMillis(Math.min(this.capMillis, this.baseMillis << doublings));
	}

	/**
	 * How long to wait before a retry.
	 * @param attempt which retry, from 1
	 * @return a random wait between zero and {@link #ceiling(int)}, both included
	 */
	public Duration delay(int attempt) {
		long ceiling = ceiling(attempt).toMillis();
		long jitter;
		synchronized (this.random) {
			jitter = (long) (this.random.nextDouble() * (ceiling + 1));
		}
		return Duration.ofMillis(Math.min(jitter, ceiling));
	}

}
