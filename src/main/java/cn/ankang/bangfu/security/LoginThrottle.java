package cn.ankang.bangfu.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.ApiException;
import cn.ankang.bangfu.shared.ErrorCode;

/**
 * Slows down and then refuses guessing: after a few free failures each further attempt
 * for the same account, or from the same address, must wait twice as long as the last,
 * and after many it is refused for a while. Addresses get more room than accounts, since
 * a whole village office may sign in from one.
 * <p>
 * The counts live in memory: they protect one instance and reset on restart, which is
 * enough to make guessing slow; several instances behind one name would each count on
 * their own.
 */
class LoginThrottle {

	private final Map<String, Attempts> attempts = new ConcurrentHashMap<>();

	private final Limits accountLimits;

	private final Limits addressLimits;

	private final Clock clock;

	LoginThrottle(Limits accountLimits, Limits addressLimits, Clock clock) {
		this.accountLimits = accountLimits;
		this.addressLimits = addressLimits;
		this.clock = clock;
	}

	/**
	 * Refuses an attempt that comes too soon for the account or the address.
	 * @throws ApiException {@code TOO_MANY_ATTEMPTS} with {@code retryAfterSeconds}
	 */
	void check(String username, @Nullable String address) {
		Instant now = this.clock.instant();
		long wait = Math.max(waitFor("account:" + username, this.accountLimits, now),
				(address != null) ? waitFor("address:" + address, this.addressLimits, now) : 0);
		if (wait > 0) {
			throw new ApiException(ErrorCode.TOO_MANY_ATTEMPTS,
					"Too many failed sign-ins. Try again in %d seconds.".formatted(wait),
					Map.of("retryAfterSeconds", wait));
		}
	}

	void failed(String username, @Nullable String address) {
		Instant now = this.clock.instant();
		record("account:" + username, this.accountLimits, now);
		if (address != null) {
			record("address:" + address, this.addressLimits, now);
		}
	}

	/** A successful sign-in clears the account's count; the address keeps its own. */
	void succeeded(String username) {
		this.attempts.remove("account:" + username);
	}

	private long waitFor(String key, Limits limits, Instant now) {
		Attempts current = this.attempts.get(key);
		if (current == null) {
			return 0;
		}
		Instant allowedAt;
		if (current.failures() >= limits.maxFailures()) {
			allowedAt = current.last().plus(limits.lockout());
		}
		else if (current.failures() >= limits.freeFailures()) {
			long seconds = 1L << Math.min(20, current.failures() - limits.freeFailures());
			allowedAt = current.last().plus(Duration.ofSeconds(Math.min(seconds, limits.lockout().toSeconds())));
		}
		else {
			return 0;
		}
		return Math.max(0, Duration.between(now, allowedAt).toSeconds() + ((now.isBefore(allowedAt)) ? 1 : 0));
	}

	private void record(String key, Limits limits, Instant now) {
		this.attempts.compute(key, (k, current) -> {
			// a count older than a lockout is forgotten: the account or address starts
			// afresh
			if (current == null || current.last().plus(limits.lockout()).isBefore(now)) {
				return new Attempts(1, now);
			}
			return new Attempts(current.failures() + 1, now);
		});
	}

	/**
	 * When waits start and when refusals do.
	 *
	 * @param freeFailures failures before waits start
	 * @param maxFailures failures after which attempts are refused for {@code lockout}
	 * @param lockout how long a refusal lasts
	 */
	record Limits(int freeFailures, int maxFailures, Duration lockout) {
	}

	private record Attempts(int failures, Instant last) {
	}

}
