package cn.ankang.bangfu.shared.graphql;

import java.util.List;

import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.ExecuteObjectInstrumentationContext;
import graphql.execution.instrumentation.FieldFetchingInstrumentationContext;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionStrategyParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldCompleteParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldParameters;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * graphql-java's chain of the service's instrumentations, without the per-field calls
 * that none of them answers.
 * <p>
 * The service's instrumentations (limits, rate limit, audit, metrics, the query's
 * transaction) act once per operation. graphql-java's {@link ChainedInstrumentation}
 * still asks each of them, for every field and every object of an answer, whether it
 * wants to time the field's execution, fetch and completion, and collects their answers
 * in a new list each time: for a village's page of fifty households, about 1,600 fields,
 * that was a sixth of the service's CPU. Here a hook that no instrumentation overrides is
 * answered with no context straight away; a hook that one of them does override goes
 * through the whole chain as before, so adding an instrumentation that times fields needs
 * nothing here.
 */
@Configuration(proxyBeanMethods = false)
class InstrumentationChain {

	/**
	 * Replaces the chain Spring for GraphQL builds from the same instrumentations, in the
	 * same order (Spring Boot passes the beans in their order).
	 */
	@Bean
	GraphQlSourceBuilderCustomizer fieldHooksOnlyWhereUsed(ObjectProvider<Instrumentation> instrumentations) {
		return (builder) -> builder.configureGraphQl(
				(graphQl) -> graphQl.instrumentation(new FieldHooks(instrumentations.orderedStream().toList())));
	}

	/**
	 * A chain that skips the per-field and per-object hooks none of its links overrides.
	 */
	static final class FieldHooks extends ChainedInstrumentation {

		private final boolean executeObject;

		private final boolean fieldExecution;

		private final boolean fieldFetching;

		private final boolean fieldCompletion;

		private final boolean fieldListCompletion;

		FieldHooks(List<Instrumentation> instrumentations) {
			super(instrumentations);
			this.executeObject = anyOverrides(instrumentations, "beginExecuteObject",
					InstrumentationExecutionStrategyParameters.class);
			this.fieldExecution = anyOverrides(instrumentations, "beginFieldExecution",
					InstrumentationFieldParameters.class);
			this.fieldFetching = anyOverrides(instrumentations, "beginFieldFetching",
					InstrumentationFieldFetchParameters.class)
					|| anyOverrides(instrumentations, "beginFieldFetch", InstrumentationFieldFetchParameters.class);
			this.fieldCompletion = anyOverrides(instrumentations, "beginFieldCompletion",
					InstrumentationFieldCompleteParameters.class);
			this.fieldListCompletion = anyOverrides(instrumentations, "beginFieldListCompletion",
					InstrumentationFieldCompleteParameters.class);
		}

		/**
		 * Whether an instrumentation wants to see every field or object: then lists are
		 * not completed in one pass ({@link OnePassLists}), which would pass it by.
		 */
		boolean watchesFields() {
			return this.executeObject || this.fieldExecution || this.fieldFetching || this.fieldCompletion
					|| this.fieldListCompletion;
		}

		/**
		 * Whether any instrumentation declares the hook itself, rather than inheriting
		 * graphql-java's default that does nothing. An instrumentation outside that
		 * family (declaring every hook) counts as overriding all of them.
		 */
		static boolean anyOverrides(List<Instrumentation> instrumentations, String hook, Class<?> parameters) {
			for (Instrumentation instrumentation : instrumentations) {
				try {
					Class<?> declaring = instrumentation.getClass()
						.getMethod(hook, parameters, InstrumentationState.class)
						.getDeclaringClass();
					if (declaring != SimplePerformantInstrumentation.class && declaring != Instrumentation.class) {
						return true;
					}
				}
				catch (NoSuchMethodException ex) {
					throw new IllegalStateException("graphql-java's Instrumentation has no " + hook, ex);
				}
			}
			return false;
		}

		@Override
		public @Nullable ExecuteObjectInstrumentationContext beginExecuteObject(
				InstrumentationExecutionStrategyParameters parameters, InstrumentationState state) {
			return this.executeObject ? super.beginExecuteObject(parameters, state) : null;
		}

		@Override
		public @Nullable InstrumentationContext<Object> beginFieldExecution(InstrumentationFieldParameters parameters,
				InstrumentationState state) {
			return this.fieldExecution ? super.beginFieldExecution(parameters, state) : null;
		}

		@Override
		public FieldFetchingInstrumentationContext beginFieldFetching(InstrumentationFieldFetchParameters parameters,
				InstrumentationState state) {
			return this.fieldFetching ? super.beginFieldFetching(parameters, state)
					: FieldFetchingInstrumentationContext.NOOP;
		}

		@Override
		public @Nullable InstrumentationContext<Object> beginFieldCompletion(
				InstrumentationFieldCompleteParameters parameters, InstrumentationState state) {
			return this.fieldCompletion ? super.beginFieldCompletion(parameters, state) : null;
		}

		@Override
		public @Nullable InstrumentationContext<Object> beginFieldListCompletion(
				InstrumentationFieldCompleteParameters parameters, InstrumentationState state) {
			return this.fieldListCompletion ? super.beginFieldListCompletion(parameters, state) : null;
		}

	}

}
