package cn.ankang.bangfu.security.limits;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationValidationParameters;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.Node;
import graphql.language.NodeVisitorStub;
import graphql.language.NodeTraverser;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import graphql.validation.ValidationError;

import cn.ankang.bangfu.shared.errors.ErrorCode;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Limits checked before an operation runs, so that no request can make the service or the
 * database work without bound: document size, fields, aliases, depth and cost, where a
 * connection's cost is its children's times its {@code first}. Each refusal is a coded
 * error that names the limit.
 */
@Configuration(proxyBeanMethods = false)
class RequestLimits {

	/**
	 * The standard introspection query of GraphiQL, Apollo and the code generators nests
	 * 13 levels ({@code ofType} within {@code ofType}): an operation that only
	 * introspects may nest {@value #INTROSPECTION_DEPTH}. Its size is bounded by the
	 * schema, not the data, and graphql-java's good-faith introspection check refuses the
	 * cycles that could make it large.
	 */
	static final int INTROSPECTION_DEPTH = 15;

	/** Refuses an operation nested too deep, before the rate limit counts it. */
	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE - 2)
	MaxQueryDepthInstrumentation maxDepth(Limits limits) {
		MaxQueryDepthInstrumentation introspection = depthLimit(Math.max(limits.maxDepth(), INTROSPECTION_DEPTH));
		return new MaxQueryDepthInstrumentation(limits.maxDepth()) {
			@Override
			public InstrumentationContext<ExecutionResult> beginExecuteOperation(
					InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
				if (introspectionOnly(parameters.getExecutionContext().getOperationDefinition())) {
					return introspection.beginExecuteOperation(parameters, state);
				}
				return super.beginExecuteOperation(parameters, state);
			}

			@Override
			protected AbortExecutionException mkAbortException(int depth, int maxDepth) {
				return tooDeep(depth, maxDepth);
			}
		};
	}

	private static MaxQueryDepthInstrumentation depthLimit(int depth) {
		return new MaxQueryDepthInstrumentation(depth) {
			@Override
			protected AbortExecutionException mkAbortException(int depth, int maxDepth) {
				return tooDeep(depth, maxDepth);
			}
		};
	}

	private static AbortExecutionException tooDeep(int depth, int maxDepth) {
		return refusal(ErrorCode.QUERY_TOO_DEEP,
				"The operation nests %d levels deep; at most %d are allowed.".formatted(depth, maxDepth));
	}

	/**
	 * Whether every root field of the operation is {@code __schema}, {@code __type} or
	 * {@code __typename}.
	 */
	static boolean introspectionOnly(graphql.language.OperationDefinition operation) {
		List<Field> roots = operation.getSelectionSet().getSelectionsOfType(Field.class);
		return !roots.isEmpty() && roots.size() == operation.getSelectionSet().getSelections().size()
				&& roots.stream().allMatch((field) -> field.getName().startsWith("__"));
	}

	/**
	 * Refuses an operation that would cost more than the limit ({@link QueryCost}),
	 * before the rate limit counts it.
	 */
	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE - 2)
	SimplePerformantInstrumentation maxCost(Limits limits) {
		return new SimplePerformantInstrumentation() {
			@Override
			public InstrumentationContext<ExecutionResult> beginExecuteOperation(
					InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
				int cost = QueryCost.of(parameters.getExecutionContext());
				if (cost > limits.maxCost()) {
					throw refusal(ErrorCode.QUERY_TOO_COMPLEX,
							"The operation would cost %d (a connection costs its fields times its 'first'); at most %d is "
								.formatted(cost, limits.maxCost()) + "allowed. Ask for smaller pages or fewer fields.");
				}
				return SimpleInstrumentationContext.noOp();
			}
		};
	}

	@Bean
	SimplePerformantInstrumentation documentLimits(Limits limits) {
		return new SimplePerformantInstrumentation() {

			@Override
			public InstrumentationContext<ExecutionResult> beginExecution(InstrumentationExecutionParameters parameters,
					InstrumentationState state) {
				int items = longestList(parameters.getExecutionInput().getVariables());
				if (items > limits.maxListItems()) {
					throw refusal(ErrorCode.INVALID_ARGUMENT,
							"A list in the variables holds %d items; at most %d are allowed in one request: send the rest next."
								.formatted(items, limits.maxListItems()));
				}
				int length = parameters.getQuery().length();
				if (length > limits.maxDocumentLength()) {
					throw refusal(ErrorCode.DOCUMENT_TOO_LARGE,
							"The document has %d characters; at most %d are allowed.".formatted(length,
									limits.maxDocumentLength()));
				}
				return SimpleInstrumentationContext.noOp();
			}

			@Override
			public InstrumentationContext<List<ValidationError>> beginValidation(
					InstrumentationValidationParameters parameters, InstrumentationState state) {
				Counts counts = count(parameters.getDocument());
				if (counts.fields() > limits.maxFields()) {
					throw refusal(ErrorCode.TOO_MANY_FIELDS, "The document selects %d fields; at most %d are allowed."
						.formatted(counts.fields(), limits.maxFields()));
				}
				if (counts.aliases() > limits.maxAliases()) {
					throw refusal(ErrorCode.TOO_MANY_ALIASES, "The document uses %d aliases; at most %d are allowed."
						.formatted(counts.aliases(), limits.maxAliases()));
				}
				return SimpleInstrumentationContext.noOp();
			}

		};
	}

	/**
	 * The most items any list in the variables holds, however deep. Fields bound their
	 * lists more tightly (250 visits a sync); this bound stops any list before the
	 * service spends work on it.
	 */
	static int longestList(Object value) {
		if (value instanceof Map<?, ?> map) {
			int longest = 0;
			for (Object item : map.values()) {
				longest = Math.max(longest, longestList(item));
			}
			return longest;
		}
		if (value instanceof List<?> list) {
			int longest = list.size();
			for (Object item : list) {
				longest = Math.max(longest, longestList(item));
			}
			return longest;
		}
		return 0;
	}

	static Counts count(Document document) {
		AtomicInteger fields = new AtomicInteger();
		AtomicInteger aliases = new AtomicInteger();
		new NodeTraverser().depthFirst(new NodeVisitorStub() {
			@Override
			public TraversalControl visitField(Field node, TraverserContext<Node> context) {
				fields.incrementAndGet();
				if (node.getAlias() != null) {
					aliases.incrementAndGet();
				}
				return TraversalControl.CONTINUE;
			}
		}, document);
		return new Counts(fields.get(), aliases.get());
	}

	static AbortExecutionException refusal(ErrorCode code, String message) {
		GraphQLError error = GraphqlErrorBuilder.newError()
			.message(message)
			.errorType(code.errorType())
			.extensions(Map.of("code", code.name()))
			.build();
		return new AbortExecutionException(List.of(error));
	}

	record Counts(int fields, int aliases) {
	}

	/**
	 * The limits, as Spring properties.
	 *
	 * @param maxDocumentLength characters in the document
	 * @param maxFields field selections in the document
	 * @param maxAliases aliases in the document
	 * @param maxDepth nesting of fields
	 * @param maxCost the cost of the operation
	 * @param maxListItems items in any one list of the variables
	 */
	@ConfigurationProperties("bangfu.graphql.limits")
	record Limits(@DefaultValue("32768") int maxDocumentLength, @DefaultValue("500") int maxFields,
			@DefaultValue("50") int maxAliases, @DefaultValue("12") int maxDepth, @DefaultValue("10000") int maxCost,
			@DefaultValue("5000") int maxListItems) {
	}

}
