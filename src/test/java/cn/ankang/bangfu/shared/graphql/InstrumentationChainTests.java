package cn.ankang.bangfu.shared.graphql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldCompleteParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldParameters;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.shared.graphql.InstrumentationChain.FieldHooks;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chain that skips per-field hooks nobody overrides: operation hooks always run,
 * field hooks run for the instrumentations that declare them, and answers are the same.
 * No database: graphql-java on a two-field schema.
 */
class InstrumentationChainTests {

	private static GraphQL engine(Instrumentation chain) {
		return GraphQL.newGraphQL(new SchemaGenerator().makeExecutableSchema(
				new SchemaParser().parse("type Query { greeting: String, names: [String] }"),
				RuntimeWiring.newRuntimeWiring()
					.type("Query",
							(type) -> type.dataFetcher("greeting", (env) -> "你好")
								.dataFetcher("names", (env) -> List.of("甲", "乙")))
					.build()))
			.instrumentation(chain)
			.build();
	}

	@Test
	void runsOperationHooksAndSkipsFieldHooksThatNobodyOverrides() {
		AtomicInteger operations = new AtomicInteger();
		Instrumentation operationOnly = new SimplePerformantInstrumentation() {
			@Override
			public InstrumentationContext<ExecutionResult> beginExecuteOperation(
					InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
				operations.incrementAndGet();
				return SimpleInstrumentationContext.noOp();
			}
		};
		List<Instrumentation> links = List.of(operationOnly, new SimplePerformantInstrumentation());
		FieldHooks chain = new FieldHooks(links);

		ExecutionResult result = engine(chain).execute("{ greeting names }");

		assertThat(result.getErrors()).isEmpty();
		assertThat(result.<Map<String, Object>>getData()).containsEntry("greeting", "你好")
			.containsEntry("names", List.of("甲", "乙"));
		assertThat(operations).hasValue(1);
		assertThat(FieldHooks.anyOverrides(links, "beginFieldExecution", InstrumentationFieldParameters.class))
			.isFalse();
		assertThat(chain.beginFieldCompletion(null, null)).isNull();
		assertThat(chain.beginFieldExecution(null, null)).isNull();
	}

	/** An instrumentation that notes the path of every field it sees completed. */
	static Instrumentation notingCompletedFields(List<String> completed) {
		return new SimplePerformantInstrumentation() {
			@Override
			public InstrumentationContext<Object> beginFieldCompletion(
					InstrumentationFieldCompleteParameters parameters, InstrumentationState state) {
				completed.add(parameters.getExecutionStepInfo().getPath().toString());
				return SimpleInstrumentationContext.noOp();
			}
		};
	}

	@Test
	void callsTheFieldHooksAnInstrumentationDeclares() {
		List<String> completed = new ArrayList<>();
		Instrumentation timesFields = notingCompletedFields(completed);
		List<Instrumentation> links = List.of(new SimplePerformantInstrumentation(), timesFields);

		ExecutionResult result = engine(new FieldHooks(links)).execute("{ greeting names }");

		assertThat(result.getErrors()).isEmpty();
		assertThat(completed).containsExactly("/greeting", "/names");
		assertThat(FieldHooks.anyOverrides(links, "beginFieldCompletion", InstrumentationFieldCompleteParameters.class))
			.isTrue();
	}

}
