package cn.ankang.client.retry;

import java.time.Duration;

/**
 * Waits. Tests pass one that only records, so that backoff costs them no time.
 */
public interface Sleeper {

	/** Waits with {@link Thread#sleep(long)}. */
	Sleeper THREAD = (duration) -> Thread.sleep(duration.toMillis());

	/**
	 * Waits this long.
	 * @param duration how long
	 * @throws InterruptedException when the thread is interrupted (work cancelled)
	 */
	void sleep(Duration duration) throws InterruptedException;

}
