package cn.ankang.client.retry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import cn.ankang.client.PermanentException;
import cn.ankang.client.TransientException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Backoff stays within its bounds, spreads over its whole window, and the retry policy
 * retries only what is transient, as often as it may.
 */
class BackoffTests {

	private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(30), new Random(42));

	@Test
	void theCeilingDoublesFromTheBaseUpToTheCap() {
		assertThat(this.backoff.ceiling(1)).isEqualTo(Duration.ofMillis(100));
		assertThat(this.backoff.ceiling(2)).isEqualTo(Duration.ofMillis(200));
		assertThat(this.backoff.ceiling(5)).isEqualTo(Duration.ofMillis(1600));
		assertThat(this.backoff.ceiling(9)).isEqualTo(Duration.ofMillis(25_600));
		assertThat(this.backoff.ceiling(10)).isEqualTo(Duration.ofSeconds(30));
		// no overflow however long the phone stays offline
		assertThat(this.backoff.ceiling(64)).isEqualTo(Duration.ofSeconds(30));
		assertThat(this.backoff.ceiling(10_000)).isEqualTo(Duration.ofSeconds(30));
		assertThat(this.backoff.ceiling(0)).isEqualTo(Duration.ofMillis(100));
	}

	@Test
	void everyDelayLiesBetweenZeroAndTheCeiling() {
		for (int attempt = 1; attempt <= 80; attempt++) {
			for (int i = 0; i < 200; i++) {
				Duration delay = this.backoff.delay(attempt);
				assertThat(delay).isBetween(Duration.ZERO, this.backoff.ceiling(attempt));
			}
		}
	}

	@Test
	void fullJitterSpreadsDelaysOverTheWholeWindow() {
		List<Long> delays = new ArrayList<>();
		for (int i = 0; i < 2000; i++) {
			delays.add(this.backoff.delay(12).toMillis());
		}
		Collections.sort(delays);
		// thousands of phones coming back at once do not retry in step
		assertThat(delays.get(0)).isLessThan(1_500);
		assertThat(delays.get(delays.size() - 1)).isGreaterThan(28_500);
		assertThat(delays.get(delays.size() / 2)).isBetween(12_000L, 18_000L);
	}

	@Test
	void aBackoffNeedsAPositiveBaseUnderItsCap() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), new Random()));
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), new Random()));
	}

	@Test
	void transientFailuresAreRetriedUpToTheLimitWithGrowingWaits() {
		List<Duration> waits = new ArrayList<>();
		RetryPolicy policy = new RetryPolicy(this.backoff, 5, waits::add);
		int[] calls = { 0 };

		assertThatExceptionOfType(TransientException.class).isThrownBy(() -> policy.call(() -> {
			calls[0]++;
			throw new TransientException("offline", null);
		}));
		assertThat(calls[0]).isEqualTo(5);
		assertThat(waits).hasSize(4);
		for (int i = 0; i < waits.size(); i++) {
			assertThat(waits.get(i)).isLessThanOrEqualTo(this.backoff.ceiling(i + 1));
		}
	}

	@Test
	void aSuccessAfterFailuresEndsTheRetries() throws Exception {
		RetryPolicy policy = new RetryPolicy(this.backoff, 5, (wait) -> {
		});
		int[] calls = { 0 };
		String answer = policy.call(() -> {
			if (++calls[0] < 3) {
				throw new TransientException("offline", null);
			}
			return "stored";
		});
		assertThat(answer).isEqualTo("stored");
		assertThat(calls[0]).isEqualTo(3);
	}

	@Test
	void permanentFailuresAreNeverRetried() {
		RetryPolicy policy = new RetryPolicy(this.backoff, 5, (wait) -> {
		});
		int[] calls = { 0 };
		assertThatExceptionOfType(PermanentException.class).isThrownBy(() -> policy.call(() -> {
			calls[0]++;
			throw new PermanentException("forbidden", 200, Collections.singletonList("FORBIDDEN"));
		}));
		assertThat(calls[0]).isEqualTo(1);
	}

	@Test
	void theServicesRetryAfterIsWaitedAtLeast() throws Exception {
		List<Duration> waits = new ArrayList<>();
		RetryPolicy policy = new RetryPolicy(this.backoff, 2, waits::add);
		policy.pause(1,
				new TransientException("busy", 503, Collections.<String>emptyList(), Duration.ofSeconds(20), null));
		assertThat(waits).containsExactly(Duration.ofSeconds(20));
	}

}
