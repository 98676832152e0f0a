package cn.ankang.bangfu.security.limits;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LocalBucketBuilder;
import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.shared.errors.ApiException;
import cn.ankang.bangfu.shared.errors.ErrorCode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The throttle's timing, with buckets in memory on a clock the test moves (the database
 * buckets are tested through the API in {@link RateLimitTests}).
 */
class LoginThrottleTests {

	private final MovableTime time = new MovableTime();

	private final Map<String, Bucket> buckets = new HashMap<>();

	private final LoginThrottle throttle = new LoginThrottle(
			(key, configuration) -> this.buckets.computeIfAbsent(key, (k) -> {
				LocalBucketBuilder builder = Bucket.builder().withCustomTimePrecision(this.time);
				for (Bandwidth limit : configuration.get().getBandwidths()) {
					builder.addLimit(limit);
				}
				return builder.build();
			}), new LoginThrottle.Limits(3, 6, Duration.ofMinutes(15)),
			new LoginThrottle.Limits(5, 10, Duration.ofMinutes(15)));

	@Test
	void freeFailuresThenOneEveryWhileThenALockoutThatEnds() {
		for (int i = 0; i < 3; i++) {
			this.throttle.check("wang", null);
			this.throttle.failed("wang", null);
		}
		// three a minute come back: one every twenty seconds
		assertThat(retryAfter("wang", null)).isEqualTo(20);
		this.time.advance(Duration.ofSeconds(20));
		assertThatCode(() -> this.throttle.check("wang", null)).doesNotThrowAnyException();
		this.throttle.failed("wang", null);
		assertThat(retryAfter("wang", null)).isEqualTo(20);
		this.time.advance(Duration.ofSeconds(20));
		this.throttle.failed("wang", null);
		this.time.advance(Duration.ofSeconds(20));
		this.throttle.failed("wang", null);
		// six failures within the quarter hour: nothing until it ends
		assertThat(retryAfter("wang", null)).isEqualTo(Duration.ofMinutes(15).minusSeconds(60).toSeconds());
		this.time.advance(Duration.ofMinutes(14));
		assertThatCode(() -> this.throttle.check("wang", null)).doesNotThrowAnyException();
	}

	@Test
	void anAddressIsThrottledAcrossAccountsAndASuccessClearsOnlyTheAccount() {
		for (int i = 0; i < 5; i++) {
			this.throttle.failed("user" + i, "10.0.0.7");
		}
		assertThat(retryAfter("someone-new", "10.0.0.7")).isPositive();
		assertThatCode(() -> this.throttle.check("someone-new", "10.0.0.8")).doesNotThrowAnyException();
		this.throttle.failed("li", null);
		this.throttle.failed("li", null);
		this.throttle.failed("li", null);
		assertThat(retryAfter("li", null)).isPositive();
		this.throttle.succeeded("li");
		assertThatCode(() -> this.throttle.check("li", null)).doesNotThrowAnyException();
	}

	@Test
	void aThrottleThatCannotReachItsBucketsRefusesAndSaysToSendItAgain() {
		// as a pooled connection broken under the bucket's transaction arrives:
		// Bucket4j's
		// exception around the pool's, which carries no SQL state
		Bucket unreachable = (Bucket) java.lang.reflect.Proxy.newProxyInstance(Bucket.class.getClassLoader(),
				new Class<?>[] { Bucket.class }, (proxy, method, arguments) -> {
					throw new io.github.bucket4j.BucketExceptions.BucketExecutionException(
							new java.sql.SQLException("Connection is closed"));
				});
		LoginThrottle down = new LoginThrottle((key, configuration) -> unreachable,
				new LoginThrottle.Limits(3, 6, Duration.ofMinutes(15)),
				new LoginThrottle.Limits(5, 10, Duration.ofMinutes(15)));
		for (Runnable attempt : new Runnable[] { () -> down.check("wang", "10.0.0.7"),
				() -> down.failed("wang", "10.0.0.7"), () -> down.succeeded("wang") }) {
			ApiException refused = org.assertj.core.api.Assertions.catchThrowableOfType(ApiException.class,
					attempt::run);
			assertThat(refused).isNotNull();
			assertThat(refused.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
			assertThat(refused.details()).containsEntry("retryAfterSeconds", 5);
		}
	}

	private long retryAfter(String username, String address) {
		ApiException refused = org.assertj.core.api.Assertions.catchThrowableOfType(ApiException.class,
				() -> this.throttle.check(username, address));
		assertThat(refused).isNotNull();
		assertThat(refused.code()).isEqualTo(ErrorCode.TOO_MANY_ATTEMPTS);
		return ((Number) refused.details().get("retryAfterSeconds")).longValue();
	}

	private static final class MovableTime implements TimeMeter {

		private long nanos = Duration.ofDays(20_000).toNanos();

		void advance(Duration duration) {
			this.nanos += duration.toNanos();
		}

		@Override
		public long currentTimeNanos() {
			return this.nanos;
		}

		@Override
		public boolean isWallClockBased() {
			return false;
		}

	}

}
