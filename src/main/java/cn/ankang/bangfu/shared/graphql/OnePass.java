package cn.ankang.bangfu.shared.graphql;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import graphql.collect.ImmutableMapWithNullValues;
import graphql.execution.DataFetcherResult;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStepInfo;
import graphql.execution.ExecutionStepInfoFactory;
import graphql.execution.ExecutionStrategyParameters;
import graphql.execution.FieldCollector;
import graphql.execution.FieldCollectorParameters;
import graphql.execution.MergedField;
import graphql.execution.ResultPath;
import graphql.execution.ValuesResolver;
import graphql.execution.directives.QueryDirectivesImpl;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.TrivialDataFetcher;
import graphql.introspection.Introspection;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingEnvironmentImpl;
import graphql.schema.DataFetchingFieldSelectionSetImpl;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.LightDataFetcher;
import org.dataloader.DataLoaderRegistry;
import org.jspecify.annotations.Nullable;

/**
 * One list's pass ({@link OnePassLists}): its objects level by level, the batched fields
 * of a level at once. It answers only as graphql-java would; where it cannot be sure of
 * that, it throws {@link Refused} and graphql-java completes the list.
 */
final class OnePass {

	private static final FieldCollector fields = new FieldCollector();

	private static final ExecutionStepInfoFactory steps = new ExecutionStepInfoFactory();

	private final ExecutionContext context;

	private final Map<MergedField, Map<GraphQLObjectType, List<Planned>>> plans = new IdentityHashMap<>();

	private List<Item> level = new ArrayList<>();

	private final List<Waiting> waiting = new ArrayList<>();

	private final ExecutionStrategyParameters list;

	/**
	 * A pass over a list.
	 * @param context the execution
	 * @param list where graphql-java stands: at the list's field
	 */
	OnePass(ExecutionContext context, ExecutionStrategyParameters list) {
		this.context = context;
		this.list = list;
	}

	void run() {
		while (!this.level.isEmpty()) {
			List<Item> items = this.level;
			this.level = new ArrayList<>();
			for (Item item : items) {
				for (Planned field : plan(item)) {
					fetch(item, field);
				}
			}
			if (!this.waiting.isEmpty()) {
				awaitBatches();
			}
		}
	}

	private void fetch(Item item, Planned field) {
		// graphql-java writes a path's text when it makes the path: made only
		// where a fetcher asks for it
		Supplier<ResultPath> path = once(() -> item.path().get().segment(field.key()));
		Supplier<DataFetchingEnvironment> environment = once(() -> environment(item, field, path));
		Object fetched;
		try {
			fetched = (field.fetcher() instanceof LightDataFetcher<?> light)
					? light.get(field.definition(), item.source(), environment)
					: field.fetcher().get(environment.get());
		}
		catch (Exception ex) {
			throw Refused.INSTANCE;
		}
		if (fetched instanceof CompletionStage<?> stage) {
			// its place in the answer is kept, in the selection's order
			item.target().put(field.key(), null);
			this.waiting.add(new Waiting(item, field, path, stage.toCompletableFuture()));
		}
		else {
			item.target().put(field.key(), fetched(item, field, path, fetched));
		}
	}

	/**
	 * Dispatches the level's batches, then completes the values they answered.
	 */
	private void awaitBatches() {
		DataLoaderRegistry loaders = this.context.getDataLoaderRegistry();
		loaders.dispatchAll();
		while (!allDone() && loaders.dispatchAllWithCount() > 0) {
			// a batch loader that loads through another
		}
		if (!allDone()) {
			throw Refused.INSTANCE;
		}
		for (Waiting each : this.waiting) {
			if (each.value().isCompletedExceptionally()) {
				throw Refused.INSTANCE;
			}
			each.item()
				.target()
				.put(each.field().key(), fetched(each.item(), each.field(), each.path(), each.value().join()));
		}
		this.waiting.clear();
	}

	private boolean allDone() {
		return this.waiting.stream().allMatch((each) -> each.value().isDone());
	}

	private @Nullable Object fetched(Item item, Planned field, Supplier<ResultPath> path, @Nullable Object fetched) {
		Object value = fetched;
		Object localContext = item.localContext();
		if (fetched instanceof DataFetcherResult<?> result) {
			if (result.hasErrors()) {
				throw Refused.INSTANCE;
			}
			value = result.getData();
			if (result.getLocalContext() != null) {
				localContext = result.getLocalContext();
			}
		}
		Supplier<ExecutionStepInfo> step = once(() -> step(item, field, path));
		return value(field.definition().getType(), value, field.merged(), step, path, localContext);
	}

	/**
	 * A value as graphql-java completes it for its type; objects wait for the next level.
	 */
	@Nullable Object value(GraphQLOutputType type, @Nullable Object fetched, MergedField field, Supplier<ExecutionStepInfo> step,
			Supplier<ResultPath> path, @Nullable Object localContext) {
		Object value = this.context.getValueUnboxer().unbox(fetched);
		if (value == null) {
			return nullable(type, null);
		}
		GraphQLType bare = GraphQLTypeUtil.unwrapNonNull(type);
		if (bare instanceof GraphQLList list) {
			if (!(value instanceof Iterable<?> items)) {
				throw Refused.INSTANCE;
			}
			GraphQLOutputType itemType = (GraphQLOutputType) list.getWrappedType();
			List<@Nullable Object> completed = new ArrayList<>();
			int index = 0;
			for (Object each : items) {
				int at = index++;
				Supplier<ResultPath> itemPath = once(() -> path.get().segment(at));
				completed.add(value(itemType, each, field,
						once(() -> steps.newExecutionStepInfoForListElement(step.get(), itemPath.get())), itemPath,
						localContext));
			}
			return completed;
		}
		try {
			if (bare instanceof GraphQLScalarType scalar) {
				Object serialized = scalar.getCoercing()
					.serialize(value, this.context.getGraphQLContext(), this.context.getLocale());
				return nullable(type, (serialized instanceof Double number && number.isNaN()) ? null : serialized);
			}
			if (bare instanceof GraphQLEnumType enumType) {
				return nullable(type,
						enumType.serialize(value, this.context.getGraphQLContext(), this.context.getLocale()));
			}
		}
		catch (RuntimeException ex) {
			throw Refused.INSTANCE;
		}
		if (!(bare instanceof GraphQLObjectType object)) {
			// an interface or a union: its type resolver is graphql-java's to ask
			throw Refused.INSTANCE;
		}
		Map<String, @Nullable Object> target = new LinkedHashMap<>();
		this.level.add(new Item(target, value, localContext, object, field,
				once(() -> step.get().changeTypeWithPreservedNonNull(object)), path));
		return target;
	}

	private static @Nullable Object nullable(GraphQLOutputType type, @Nullable Object value) {
		if (value == null && GraphQLTypeUtil.isNonNull(type)) {
			throw Refused.INSTANCE;
		}
		return value;
	}

	/**
	 * The fields asked of objects of a type under a field, their definitions and
	 * fetchers.
	 */
	private List<Planned> plan(Item first) {
		GraphQLObjectType type = first.type();
		return this.plans.computeIfAbsent(first.field(), (key) -> new IdentityHashMap<>())
			.computeIfAbsent(type, (key) -> {
				FieldCollectorParameters collecting = FieldCollectorParameters.newParameters()
					.schema(this.context.getGraphQLSchema())
					.objectType(type)
					.fragments(this.context.getFragmentsByName())
					.variables(this.context.getCoercedVariables().toMap())
					.graphQLContext(this.context.getGraphQLContext())
					.build();
				List<Planned> planned = new ArrayList<>();
				fields.collectFields(collecting, first.field(), false).getSubFields().forEach((name, merged) -> {
					GraphQLFieldDefinition definition = Introspection
						.getFieldDefinition(this.context.getGraphQLSchema(), type, merged.getName());
					DataFetcher<?> fetcher = this.context.getGraphQLSchema()
						.getCodeRegistry()
						.getDataFetcher(type, definition);
					Planned field = new Planned(name, merged, definition, fetcher,
							once(() -> arguments(merged, definition)));
					// the instrumentation may wrap the fetcher (one wraps the root
					// fields); asked
					// once for the field, with its first object, where graphql-java asks
					// for each
					Supplier<DataFetchingEnvironment> environment = once(
							() -> environment(first, field, once(() -> first.path().get().segment(name))));
					DataFetcher<?> instrumented = this.context.getInstrumentation()
						.instrumentDataFetcher(fetcher,
								new InstrumentationFieldFetchParameters(this.context, environment, this.list,
										fetcher instanceof TrivialDataFetcher<?>),
								this.context.getInstrumentationState());
					planned.add((instrumented != fetcher)
							? new Planned(name, merged, definition, instrumented, field.arguments()) : field);
				});
				return planned;
			});
	}

	private ImmutableMapWithNullValues<String, Object> arguments(MergedField field, GraphQLFieldDefinition definition) {
		if (definition.getArguments().isEmpty()) {
			return ImmutableMapWithNullValues.emptyMap();
		}
		return ImmutableMapWithNullValues.copyOf(ValuesResolver.getArgumentValues(
				this.context.getGraphQLSchema().getCodeRegistry(), definition.getArguments(), field.getArguments(),
				this.context.getCoercedVariables(), this.context.getGraphQLContext(), this.context.getLocale()));
	}

	private ExecutionStepInfo step(Item item, Planned field, Supplier<ResultPath> path) {
		return ExecutionStepInfo.newExecutionStepInfo()
			.type(field.definition().getType())
			.fieldDefinition(field.definition())
			.fieldContainer(item.type())
			.field(field.merged())
			.path(path.get())
			.parentInfo(item.step().get())
			.arguments(field.arguments())
			.build();
	}

	private DataFetchingEnvironment environment(Item item, Planned field, Supplier<ResultPath> path) {
		ExecutionContext context = this.context;
		return DataFetchingEnvironmentImpl.newDataFetchingEnvironment(context)
			.source(item.source())
			.localContext(item.localContext())
			.arguments(() -> field.arguments().get())
			.fieldDefinition(field.definition())
			.mergedField(field.merged())
			.fieldType(field.definition().getType())
			.executionStepInfo(once(() -> step(item, field, path)))
			.parentType(item.type())
			.selectionSet(DataFetchingFieldSelectionSetImpl.newCollector(context.getGraphQLSchema(),
					field.definition().getType(),
					() -> context.getNormalizedQueryTree()
						.get()
						.getNormalizedField(field.merged(), item.type(), path.get())))
			.queryDirectives(
					new QueryDirectivesImpl(field.merged(), context.getGraphQLSchema(), context.getCoercedVariables(),
							context.getNormalizedVariables(), context.getGraphQLContext(), context.getLocale()))
			.level(path.get().getLevel())
			.build();
	}

	/** An object whose fields are the next level's work, and the map they go into. */
	private record Item(Map<String, @Nullable Object> target, Object source, @Nullable Object localContext,
			GraphQLObjectType type, MergedField field, Supplier<ExecutionStepInfo> step, Supplier<ResultPath> path) {
	}

	/** A field asked of a type, once for all its objects. */
	private record Planned(String key, MergedField merged, GraphQLFieldDefinition definition, DataFetcher<?> fetcher,
			Supplier<ImmutableMapWithNullValues<String, Object>> arguments) {
	}

	/** A field whose fetcher answered with a data loader's promise. */
	private record Waiting(Item item, Planned field, Supplier<ResultPath> path, CompletableFuture<?> value) {
	}

	/** The pass gives the list to graphql-java. Thrown often enough to skip its stack. */
	static final class Refused extends RuntimeException {

		static final Refused INSTANCE = new Refused();

		private Refused() {
			super("completed by graphql-java", null, false, false);
		}

	}

	/** A value made the first time it is asked, on the one thread of the pass. */
	private static <T> Supplier<T> once(Supplier<T> supplier) {
		return new Supplier<>() {

			private @Nullable T value;

			@Override
			public T get() {
				if (this.value == null) {
					this.value = supplier.get();
				}
				return this.value;
			}

		};
	}

}
