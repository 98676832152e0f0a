package cn.ankang.bangfu.security.limits;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.BucketExceptions;
import io.github.bucket4j.EstimationProbe;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cn.ankang.bangfu.shared.errors.ApiException;
import cn.ankang.bangfu.shared.errors.ErrorCode;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Slows down and then refuses guessing: an account, and an address, may fail to sign in a
 * few times in a row; after that one more failure is allowed every little while, and
 * after many failures none until the lockout ends. Addresses get more room than accounts,
 * since a whole village office may sign in from one.
 * <p>
 * Failures are counted in token buckets kept in the database ({@link RateLimits}), so
 * several instances of the service count together and a restart forgets nothing.
 * <p>
 * Public for sign-in, which reports each attempt here; the bean and its settings are the
 * limits' own ({@link LimitsConfiguration}), so sign-in need not know how it is built.
 */
public class LoginThrottle {

	private static final Logger logger = LoggerFactory.getLogger(LoginThrottle.class);

	private final TokenBuckets buckets;

	private final Limits accountLimits;

	private final Limits addressLimits;

	LoginThrottle(TokenBuckets buckets, Limits accountLimits, Limits addressLimits) {
		this.buckets = buckets;
		this.accountLimits = accountLimits;
		this.addressLimits = addressLimits;
	}

	/**
	 * Refuses an attempt that comes too soon for the account or the address.
	 * @throws ApiException {@code TOO_MANY_ATTEMPTS} with {@code retryAfterSeconds}
	 */
	public void check(String username, @Nullable String address) {
		long waitNanos = waitNanos(account(username));
		if (address != null) {
			waitNanos = Math.max(waitNanos, waitNanos(address(address)));
		}
		if (waitNanos > 0) {
			long seconds = RateLimits.secondsToWait(waitNanos);
			throw new ApiException(ErrorCode.TOO_MANY_ATTEMPTS,
					"Too many failed sign-ins. Try again in %d seconds.".formatted(seconds),
					Map.of("retryAfterSeconds", seconds));
		}
	}

	public void failed(String username, @Nullable String address) {
		counting(() -> account(username).tryConsume(1));
		if (address != null) {
			counting(() -> address(address).tryConsume(1));
		}
	}

	/** A successful sign-in clears the account's count; the address keeps its own. */
	public void succeeded(String username) {
		counting(() -> {
			account(username).reset();
			return null;
		});
	}

	private static long waitNanos(Bucket bucket) {
		EstimationProbe probe = counting(() -> bucket.estimateAbilityToConsume(1));
		return probe.canBeConsumed() ? 0 : probe.getNanosToWaitForRefill();
	}

	/**
	 * A throttle that cannot count refuses, unlike the rate limit of operations: sign-in
	 * needs the same database, and an attempt that went uncounted would be a free guess.
	 * The caller is told that nothing was done and to send it again (a pooled connection
	 * broken under the bucket's transaction reaches here as Bucket4j's exception, whose
	 * cause carries no SQL state the error policy would know).
	 */
	private static <T> T counting(Supplier<T> work) {
		try {
			return work.get();
		}
		catch (BucketExceptions.BucketExecutionException ex) {
			logger.warn("Could not count a sign-in attempt: {}", ex.toString());
			throw ApiException.unavailable(
					"The sign-in could not be checked against its limits; nothing was done. Send the same request again shortly.");
		}
	}

	private Bucket account(String username) {
		return this.buckets.bucket("login:account:" + username, this.accountLimits::configuration);
	}

	private Bucket address(String address) {
		return this.buckets.bucket("login:address:" + address, this.addressLimits::configuration);
	}

	/**
	 * When waits start and when refusals do.
	 *
	 * @param freeFailures failures in a row before waits start; after them one more is
	 * allowed every minute divided by this
	 * @param maxFailures failures after which attempts are refused until the lockout ends
	 * @param lockout how long a refusal lasts at most
	 */
	record Limits(int freeFailures, int maxFailures, Duration lockout) {

		BucketConfiguration configuration() {
			return BucketConfiguration.builder()
				.addLimit((limit) -> limit.capacity(this.freeFailures)
					.refillGreedy(this.freeFailures, Duration.ofMinutes(1))
					.id("burst"))
				.addLimit((limit) -> limit.capacity(this.maxFailures)
					.refillIntervally(this.maxFailures, this.lockout)
					.id("lockout"))
				.build();
		}

	}

	/**
	 * How failed sign-ins are slowed down, then refused (an address gets ten times the
	 * room of an account).
	 *
	 * @param freeFailures failures in a row before waits start; then one more is allowed
	 * every minute divided by this
	 * @param maxFailures failures after which attempts are refused until the lockout
	 * period ends
	 * @param lockout the period in which at most {@code maxFailures} are allowed
	 */
	@ConfigurationProperties("bangfu.security.login-throttle")
	record Properties(@DefaultValue("3") int freeFailures, @DefaultValue("10") int maxFailures,
			@DefaultValue("15m") Duration lockout) {
	}

}
