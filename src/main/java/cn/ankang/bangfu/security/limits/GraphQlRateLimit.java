package cn.ankang.bangfu.security.limits;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cn.ankang.bangfu.shared.errors.ErrorCode;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Spends the points of the caller's rate limit on each operation, and tells what is left
 * in {@code extensions.rateLimit} of every answer, as the GitHub and Shopify APIs do. An
 * operation the bucket cannot pay for is not run: it gets {@code RATE_LIMITED} with
 * {@code retryAfterSeconds} (HTTP 429 with {@code Retry-After}).
 * <p>
 * Counts before the query's transaction begins ({@code security.QueryTransaction}, last
 * in the chain): the bucket takes a pooled connection of its own, and a request must
 * never hold two at once. An operation the cost limit refuses costs nothing.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 1)
class GraphQlRateLimit extends SimplePerformantInstrumentation {

	static final String USAGE = GraphQlRateLimit.class.getName() + ".usage";

	private static final Logger logger = LoggerFactory.getLogger(GraphQlRateLimit.class);

	private final TokenBuckets buckets;

	private final RateLimits.Properties properties;

	private final RequestLimits.Limits limits;

	private final BucketConfiguration configuration;

	private final Caller caller;

	GraphQlRateLimit(RateLimits buckets, RateLimits.Properties properties, RequestLimits.Limits limits, Caller caller) {
		this.buckets = buckets;
		this.properties = properties;
		this.limits = limits;
		this.caller = caller;
		this.configuration = configuration(properties);
	}

	/**
	 * A user's bucket: {@code points} at most, {@code pointsPerSecond} back each second.
	 */
	static BucketConfiguration configuration(RateLimits.Properties properties) {
		return BucketConfiguration.builder()
			.addLimit((limit) -> limit.capacity(properties.points())
				.refillGreedy(properties.pointsPerSecond(), Duration.ofSeconds(1)))
			.build();
	}

	@Override
	public InstrumentationContext<ExecutionResult> beginExecuteOperation(
			InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
		if (!this.properties.enabled()) {
			return SimpleInstrumentationContext.noOp();
		}
		ExecutionContext execution = parameters.getExecutionContext();
		int cost = QueryCost.of(execution);
		if (cost > this.limits.maxCost()) {
			// the cost limit refuses it: nothing to pay
			return SimpleInstrumentationContext.noOp();
		}
		String key = this.caller.signedInUserKey()
			.map((userKey) -> "graphql:user:" + userKey)
			.orElseGet(() -> "graphql:address:"
					+ execution.getGraphQLContext().getOrDefault(ClientAddressInterceptor.KEY, "unknown"));
		ConsumptionProbe probe;
		try {
			probe = this.buckets.bucket(key, () -> this.configuration).tryConsumeAndReturnRemaining(Math.max(1, cost));
		}
		catch (RuntimeException ex) {
			// the buckets live in the database the operation needs too: if it cannot be
			// reached the operation fails on its own, with the error that says so
			logger.warn("Could not count the rate limit of {}; letting the operation through: {}", key, ex.toString());
			return SimpleInstrumentationContext.noOp();
		}
		Usage usage = new Usage(cost, this.properties.points(), probe.getRemainingTokens(),
				this.properties.pointsPerSecond(),
				Instant.now().plusNanos(probe.getNanosToWaitForReset()).truncatedTo(ChronoUnit.SECONDS));
		execution.getGraphQLContext().put(USAGE, usage);
		if (!probe.isConsumed()) {
			long seconds = RateLimits.secondsToWait(probe.getNanosToWaitForRefill());
			throw new AbortExecutionException(List.of(GraphqlErrorBuilder.newError()
				.message(("The operation costs %d points and %d are left; %d come back each second. "
						+ "Try again in %d seconds, or ask for less.")
					.formatted(cost, probe.getRemainingTokens(), this.properties.pointsPerSecond(), seconds))
				.errorType(ErrorCode.RATE_LIMITED.errorType())
				.extensions(Map.of("code", ErrorCode.RATE_LIMITED.name(), "retryAfterSeconds", seconds))
				.build()));
		}
		return SimpleInstrumentationContext.noOp();
	}

	@Override
	public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
			InstrumentationExecutionParameters parameters, InstrumentationState state) {
		Usage usage = parameters.getGraphQLContext().get(USAGE);
		if (usage == null) {
			return CompletableFuture.completedFuture(result);
		}
		Map<Object, Object> extensions = new LinkedHashMap<>();
		if (result.getExtensions() != null) {
			extensions.putAll(result.getExtensions());
		}
		extensions.put("rateLimit", usage.toMap());
		return CompletableFuture.completedFuture(result.transform((builder) -> builder.extensions(extensions)));
	}

	/**
	 * What an operation cost and what is left.
	 *
	 * @param cost the points this operation took
	 * @param limit the most points the bucket holds
	 * @param remaining points left after this operation
	 * @param restoreRate points that come back each second
	 * @param resetAt when the bucket will be full again
	 */
	record Usage(long cost, long limit, long remaining, long restoreRate, Instant resetAt) {

		Map<String, Object> toMap() {
			Map<String, Object> map = new LinkedHashMap<>();
			map.put("cost", this.cost);
			map.put("limit", this.limit);
			map.put("remaining", this.remaining);
			map.put("restoreRate", this.restoreRate);
			map.put("resetAt", this.resetAt.toString());
			return map;
		}

	}

}
