package cn.ankang.bangfu.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.shared.ApiException;
import cn.ankang.bangfu.shared.ErrorCode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The throttle's timing, with a clock the test moves.
 */
class LoginThrottleTests {

	private final MovableClock clock = new MovableClock();

	private final LoginThrottle throttle = new LoginThrottle(new LoginThrottle.Limits(3, 6, Duration.ofMinutes(15)),
			new LoginThrottle.Limits(5, 10, Duration.ofMinutes(15)), this.clock);

	@Test
	void freeFailuresThenDoublingWaitsThenALockoutThatEnds() {
		for (int i = 0; i < 3; i++) {
			this.throttle.check("wang", null);
			this.throttle.failed("wang", null);
		}
		assertThat(retryAfter("wang", null)).isEqualTo(2);
		this.clock.advance(Duration.ofSeconds(2));
		assertThatCode(() -> this.throttle.check("wang", null)).doesNotThrowAnyException();
		this.throttle.failed("wang", null);
		assertThat(retryAfter("wang", null)).isEqualTo(3);
		this.clock.advance(Duration.ofSeconds(2));
		this.throttle.failed("wang", null);
		this.clock.advance(Duration.ofSeconds(4));
		this.throttle.failed("wang", null);
		// six failures: locked out for fifteen minutes
		assertThat(retryAfter("wang", null)).isEqualTo(901);
		this.clock.advance(Duration.ofMinutes(15).plusSeconds(1));
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
		this.throttle.succeeded("li");
		assertThatCode(() -> this.throttle.check("li", null)).doesNotThrowAnyException();
	}

	private long retryAfter(String username, String address) {
		ApiException refused = org.assertj.core.api.Assertions.catchThrowableOfType(ApiException.class,
				() -> this.throttle.check(username, address));
		assertThat(refused).isNotNull();
		assertThat(refused.code()).isEqualTo(ErrorCode.TOO_MANY_ATTEMPTS);
		return ((Number) refused.details().get("retryAfterSeconds")).longValue();
	}

	private static final class MovableClock extends Clock {

		private Instant now = Instant.parse("2026-01-01T00:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
