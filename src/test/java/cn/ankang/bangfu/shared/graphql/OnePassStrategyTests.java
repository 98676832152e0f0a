package cn.ankang.bangfu.shared.graphql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.execution.SimpleDataFetcherExceptionHandler;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.shared.graphql.InstrumentationChain.FieldHooks;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one pass and the instrumentation chain: a fetcher an instrumentation wraps is
 * wrapped inside the pass too, and an instrumentation that watches every field keeps
 * lists out of the pass. No database: graphql-java on a small schema of people.
 */
class OnePassStrategyTests {

	private final OnePassLists.Strategy strategy = new OnePassLists.Strategy(new SimpleDataFetcherExceptionHandler());

	private GraphQL engine(Instrumentation... instrumentations) {
		return GraphQL
			.newGraphQL(new SchemaGenerator().makeExecutableSchema(
					new SchemaParser().parse("type Query { people: [Person!]! } type Person { name: String! }"),
					RuntimeWiring.newRuntimeWiring()
						.type("Query",
								(type) -> type.dataFetcher("people",
										(env) -> List.of(Map.of("name", "张三"), Map.of("name", "李四"))))
						.build()))
			.instrumentation(new FieldHooks(List.of(instrumentations)))
			.queryExecutionStrategy(this.strategy)
			.build();
	}

	@Test
	void aFetcherTheInstrumentationWrapsIsWrappedInThePass() {
		Instrumentation marksNames = new SimplePerformantInstrumentation() {
			@Override
			public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> fetcher,
					InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
				if (!parameters.getExecutionStepInfo().getFieldDefinition().getName().equals("name")) {
					return fetcher;
				}
				return (env) -> "«" + fetcher.get(env) + "»";
			}
		};
		long before = this.strategy.listsCompletedInOnePass();

		ExecutionResult result = engine(marksNames).execute("{ people { name } }");

		assertThat(result.getErrors()).isEmpty();
		assertThat(result.<Map<String, Object>>getData())
			.isEqualTo(Map.of("people", List.of(Map.of("name", "«张三»"), Map.of("name", "«李四»"))));
		assertThat(this.strategy.listsCompletedInOnePass()).isEqualTo(before + 1);
	}

	@Test
	void anInstrumentationThatWatchesEveryFieldSeesEveryField() {
		List<String> completed = new ArrayList<>();
		Instrumentation timesFields = InstrumentationChainTests.notingCompletedFields(completed);
		long before = this.strategy.listsCompletedInOnePass();

		ExecutionResult result = engine(timesFields).execute("{ people { name } }");

		assertThat(result.getErrors()).isEmpty();
		assertThat(completed).contains("/people[0]/name", "/people[1]/name");
		assertThat(this.strategy.listsCompletedInOnePass()).isEqualTo(before);
	}

}
