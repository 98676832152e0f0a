package cn.ankang.bangfu.operations;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import graphql.ExecutionResult;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;

/**
 * Measures every GraphQL request, outermost of the interceptors so that it sees the
 * answer as the client does: {@code bangfu.graphql.requests} (a timer per operation name
 * and outcome), {@code bangfu.graphql.errors} (per error code) and
 * {@code bangfu.graphql.sql.statements} (per operation name); and puts the request id
 * into {@code extensions.requestId}.
 * <p>
 * Operation names come from clients: a name that is not an identifier, and any name
 * beyond the first {@value #MAX_NAMES}, is counted as {@code other}, so that no client
 * can flood the metrics.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class GraphQlMetrics extends SimplePerformantInstrumentation implements WebGraphQlInterceptor {

	private static final String OPERATION = GraphQlMetrics.class.getName() + ".operation";

	static final int MAX_NAMES = 200;

	private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

	private final MeterRegistry registry;

	private final Set<String> names = ConcurrentHashMap.newKeySet();

	GraphQlMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		long started = System.nanoTime();
		StatementCounting.reset();
		Object id = request.getAttributes().get(RequestIdFilter.ATTRIBUTE);
		// the operation chosen, named in the body or only in the document, is known once
		// the document is parsed: the instrumentation below writes it down
		AtomicReference<@Nullable String> chosen = new AtomicReference<>(request.getOperationName());
		request.configureExecutionInput((input, builder) -> builder.graphQLContext(Map.of(OPERATION, chosen)).build());
		return chain.next(request).map((response) -> {
			String operation = name(chosen.get());
			String outcome = response.getErrors().isEmpty() ? "success" : "error";
			Timer.builder("bangfu.graphql.requests")
				.description("GraphQL requests by operation name and outcome")
				.tag("operation", operation)
				.tag("outcome", outcome)
				.publishPercentileHistogram()
				.register(this.registry)
				.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
			for (ResponseError error : response.getErrors()) {
				Object code = error.getExtensions().get("code");
				Counter.builder("bangfu.graphql.errors")
					.description("GraphQL errors by code")
					.tag("code", (code != null) ? code.toString() : "NONE")
					.register(this.registry)
					.increment();
			}
			DistributionSummary.builder("bangfu.graphql.sql.statements")
				.description("SQL statements one GraphQL request ran")
				.tag("operation", operation)
				.register(this.registry)
				.record(StatementCounting.count());
			if (id == null) {
				return response;
			}
			return response.transform((builder) -> {
				Map<Object, @Nullable Object> extensions = new LinkedHashMap<>(response.getExtensions());
				extensions.put("requestId", id);
				builder.extensions(extensions);
			});
		});
	}

	@Override
	public InstrumentationContext<ExecutionResult> beginExecuteOperation(
			InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
		AtomicReference<@Nullable String> chosen = parameters.getExecutionContext().getGraphQLContext().get(OPERATION);
		if (chosen != null) {
			chosen.set(parameters.getExecutionContext().getOperationDefinition().getName());
		}
		return SimpleInstrumentationContext.noOp();
	}

	private String name(@Nullable String given) {
		if (given == null || given.isEmpty()) {
			return "anonymous";
		}
		if (!NAME.matcher(given).matches()) {
			return "other";
		}
		if (this.names.contains(given)) {
			return given;
		}
		if (this.names.size() >= MAX_NAMES) {
			return "other";
		}
		this.names.add(given);
		return given;
	}

}
