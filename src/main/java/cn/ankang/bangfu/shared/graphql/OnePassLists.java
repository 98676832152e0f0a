package cn.ankang.bangfu.shared.graphql;

import java.util.concurrent.atomic.AtomicLong;

import graphql.execution.AsyncExecutionStrategy;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStrategyParameters;
import graphql.execution.FieldValueInfo;
import graphql.language.OperationDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLTypeUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.DataFetcherExceptionResolver;

/**
 * A query's lists of objects completed in one pass, level by level, instead of through
 * graphql-java's machinery for every field of every object: an execution step, a future,
 * instrumentation hooks and the data loaders' level bookkeeping each time. A village's
 * page is fifty households with their measures and visits, about 1,600 fields, and that
 * machinery was a third of the service's CPU a page (docs/performance.md).
 * <p>
 * The answer is the one graphql-java would give, made by the same parts: the schema's own
 * data fetchers, called with the environment they read (source, arguments, context, data
 * loaders, selection), so masking, the audit trail and batching are those of every other
 * path; the same scalars and enums serialize the values. A level's batched fields are
 * asked for every object of the level, the data loaders dispatched once, then the next
 * level. Where the pass could answer differently — a fetcher fails or reports an error, a
 * non-null field is null, an interface or union needs resolving, a data loader does not
 * finish when dispatched, {@code @defer} — it gives up and graphql-java completes the
 * list as always, from its start: the fetchers of a query only read, and the data
 * loaders' caches answer their second asking. The instrumentation's hooks around each
 * field are not called inside the pass: while one of the chain wants them, nothing is
 * completed in one pass ({@link InstrumentationChain.FieldHooks#watchesFields()}). A
 * fetcher it wraps is wrapped as graphql-java would, asked once for each field of a level
 * (with its first object) instead of for each object.
 */
@Configuration(proxyBeanMethods = false)
class OnePassLists {

	/**
	 * The query strategy, with the exception handler Spring for GraphQL gives the default
	 * one (made from the same resolvers, in their order).
	 */
	@Bean
	Strategy onePassListStrategy(ObjectProvider<DataFetcherExceptionResolver> resolvers) {
		return new Strategy(DataFetcherExceptionResolver.createExceptionHandler(resolvers.orderedStream().toList()));
	}

	@Bean
	GraphQlSourceBuilderCustomizer onePassListCompletion(Strategy strategy) {
		return (builder) -> builder.configureGraphQl((graphQl) -> graphQl.queryExecutionStrategy(strategy));
	}

	/**
	 * graphql-java's strategy for queries, with lists of objects completed in one pass.
	 */
	static final class Strategy extends AsyncExecutionStrategy {

		private static final Logger logger = LoggerFactory.getLogger(Strategy.class);

		private volatile boolean onePass = true;

		private final AtomicLong completedInOnePass = new AtomicLong();

		Strategy(DataFetcherExceptionHandler exceptions) {
			super(exceptions);
		}

		/**
		 * For the tests that compare the two ways: whether lists are completed in one
		 * pass.
		 */
		void completeInOnePass(boolean onePass) {
			this.onePass = onePass;
		}

		/** How many lists the pass completed, with everything below them, since start. */
		long listsCompletedInOnePass() {
			return this.completedInOnePass.get();
		}

		@Override
		protected FieldValueInfo completeValueForList(ExecutionContext context, ExecutionStrategyParameters parameters,
				Iterable<Object> values) {
			if (this.onePass && !context.hasIncrementalSupport()
					&& !(context.getInstrumentation() instanceof InstrumentationChain.FieldHooks hooks
							&& hooks.watchesFields())
					&& context.getOperationDefinition().getOperation() == OperationDefinition.Operation.QUERY
					&& GraphQLTypeUtil.unwrapNonNull(GraphQLTypeUtil.unwrapOne(parameters.getExecutionStepInfo()
						.getUnwrappedNonNullType())) instanceof GraphQLObjectType) {
				try {
					OnePass pass = new OnePass(context, parameters);
					Object list = pass.value(parameters.getExecutionStepInfo().getType(), values, parameters.getField(),
							parameters::getExecutionStepInfo, parameters::getPath, parameters.getLocalContext());
					pass.run();
					this.completedInOnePass.incrementAndGet();
					return new FieldValueInfo(FieldValueInfo.CompleteValueType.LIST, list);
				}
				catch (OnePass.Refused ex) {
					// graphql-java answers it, and reports what went wrong where it
					// always does
				}
				catch (RuntimeException ex) {
					// graphql-java did not work as the pass expects: the answer is still
					// right, through graphql-java, only slower; say so
					logger.warn("A list at {} could not be completed in one pass", parameters.getPath(), ex);
				}
			}
			return super.completeValueForList(context, parameters, values);
		}

	}

}
