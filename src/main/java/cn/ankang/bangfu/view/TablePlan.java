package cn.ankang.bangfu.view;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.AstPrinter;
import graphql.language.AstTransformer;
import graphql.language.Document;
import graphql.language.EnumValue;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.IntValue;
import graphql.language.Node;
import graphql.language.NodeVisitorStub;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.StringValue;
import graphql.language.TypeName;
import graphql.language.Value;
import graphql.language.VariableDefinition;
import graphql.language.VariableReference;
import graphql.parser.Parser;
import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import graphql.util.TreeTransformerUtil;
import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.figure.FigureDimension;
import cn.ankang.bangfu.figure.FigureKey;
import cn.ankang.bangfu.shared.values.FieldLabel;
import cn.ankang.bangfu.shared.values.Labels;
import cn.ankang.bangfu.shared.relay.PageRequest;
import cn.ankang.bangfu.shared.values.ValueUnit;

/**
 * How a query's data becomes a table, read from its document against the schema, so that
 * the columns are known before any data: where the rows are (a figure's groups and total,
 * a connection's nodes, the first list of objects, else the first object), which column
 * each selected leaf makes (its head from the field's label, its type from the field's
 * type), and whether a connection can be paged through to the end.
 * <p>
 * A plan is built for one document and its variables and holds nothing of the data.
 */
final class TablePlan {

	static final String TOTAL = "合计";

	/** The variable a paged document takes the cursor in, when it had none of its own. */
	static final String AFTER_VARIABLE = "bangfuExportAfter";

	/** The response key of the page info a paged document asks for beside the user's. */
	static final String PAGE_INFO = "bangfuExportPage";

	private static final Pattern MAX_FIRST = Pattern.compile("\\d+ to (\\d+)");

	// text of digits that must stay text: codes, ID numbers, phone numbers
	private static final Pattern IDENTIFYING = Pattern.compile("(?i).*(code|idnumber|phone|uuid|sha256)");

	private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

	/** Where a table's rows come from. */
	enum Source {

		FIGURE, CONNECTION, LIST, OBJECT, NONE

	}

	private final GraphQLSchema schema;

	private final Document document;

	private final OperationDefinition operation;

	private final Map<String, FragmentDefinition> fragments;

	private final Map<String, Object> variables;

	private final ZoneId zone;

	private Source source = Source.NONE;

	private List<Step> path = List.of();

	private final List<Leaf> leaves = new ArrayList<>();

	private @Nullable String groupsKey;

	private @Nullable String totalKey;

	private @Nullable String edgesKey;

	private @Nullable String nodeKey;

	private List<FigureDimension> dimensions = List.of();

	private @Nullable String notPageable;

	private @Nullable List<Bound> bound;

	private TablePlan(GraphQLSchema schema, Document document, Map<String, Object> variables, ZoneId zone) {
		this.schema = schema;
		this.document = document;
		List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
		if (operations.size() != 1) {
			throw new IllegalArgumentException("A table is made of one operation");
		}
		this.operation = operations.get(0);
		this.fragments = document.getDefinitionsOfType(FragmentDefinition.class)
			.stream()
			.collect(Collectors.toMap(FragmentDefinition::getName, (fragment) -> fragment, (a, b) -> a));
		this.variables = variables;
		this.zone = zone;
		find(List.of(this.operation.getSelectionSet()), this.schema.getQueryType(), List.of());
		if (this.source == Source.NONE) {
			firstObject();
		}
		if (this.notPageable == null) {
			this.notPageable = pagingProblem();
		}
	}

	/**
	 * The plan of a query, whose figure keys, where rows have them, are asked with their
	 * dimension, value and label, so that every row can be drilled into.
	 * @throws graphql.parser.InvalidSyntaxException for a document that does not parse
	 * @throws IllegalArgumentException for a document of more or less than one operation
	 */
	static TablePlan of(String text, Map<String, Object> variables, GraphQLSchema schema, ZoneId zone) {
		TablePlan plan = new TablePlan(schema, Parser.parse(text), variables, zone);
		Document keyed = plan.withWholeKeys();
		return (keyed == plan.document) ? plan : new TablePlan(schema, keyed, variables, zone);
	}

	/** The document to run: the one given, with whole figure keys. */
	String document() {
		return AstPrinter.printAst(this.document);
	}

	Source source() {
		return this.source;
	}

	/**
	 * Why the rows cannot be paged through to the end, or null when they can or need not
	 * be.
	 */
	@Nullable String notPageable() {
		return this.notPageable;
	}

	boolean paged() {
		return this.source == Source.CONNECTION && this.notPageable == null;
	}

	/** The field the rows come from, for naming the table; null when there are none. */
	@Nullable GraphQLFieldDefinition rowsField() {
		return this.path.isEmpty() ? null : this.path.get(this.path.size() - 1).definition;
	}

	/** Whether the rows field is a root field of the query. */
	boolean rowsAtRoot() {
		return this.path.size() == 1;
	}

	/** The dimensions a figure groups by, as its {@code groupBy} argument says. */
	List<FigureDimension> dimensions() {
		return this.dimensions;
	}

	/**
	 * The year the rows are of: the figure's {@code filter.year} or {@code year}, or a
	 * variable {@code year}; null when none is given.
	 */
	@Nullable Integer year() {
		if (!this.path.isEmpty()) {
			Field field = this.path.get(this.path.size() - 1).fields.get(0);
			for (Argument argument : field.getArguments()) {
				Object value = resolve(argument.getValue());
				if (argument.getName().equals("year") && value instanceof Number year) {
					return year.intValue();
				}
				if (argument.getName().equals("filter") && value instanceof Map<?, ?> filter
						&& filter.get("year") instanceof Number year) {
					return year.intValue();
				}
			}
		}
		return (this.variables.get("year") instanceof Number year) ? year.intValue() : null;
	}

	/**
	 * The columns, in the order the document selects the fields. A figure's key columns
	 * follow its {@code groupBy}, or where that cannot be read, the keys of the data's
	 * first group.
	 */
	synchronized List<ViewColumn> columns(@Nullable Object data) {
		if (this.bound == null) {
			List<FigureDimension> dimensions = this.dimensions.isEmpty() ? dimensionsOf(data) : this.dimensions;
			List<Bound> columns = new ArrayList<>();
			for (Leaf leaf : this.leaves) {
				if (leaf.column == null) {
					for (int i = 0; i < dimensions.size(); i++) {
						FigureDimension dimension = dimensions.get(i);
						columns.add(new Bound(new ViewColumn(String.join(".", leaf.path) + "." + dimension.name(),
								Labels.of("figureDimension", dimension.name()), ViewColumnType.TEXT, null, dimension),
								leaf, i));
					}
				}
				else {
					columns.add(new Bound(leaf.column, leaf, -1));
				}
			}
			this.bound = List.copyOf(columns);
		}
		return this.bound.stream().map(Bound::column).toList();
	}

	/** The table of the data as run. */
	ViewTable table(@Nullable Object data) {
		List<ViewColumn> columns = columns(data);
		List<ViewTableRow> rows = new ArrayList<>();
		rows(data, rows::add);
		return new ViewTable(columns, List.copyOf(rows));
	}

	/** Hands each row of the data to the sink, in order. */
	<E extends Exception> void rows(@Nullable Object data, RowSink<E> sink) throws E {
		columns(data);
		Object at = container(data);
		switch (this.source) {
			case FIGURE -> {
				if (at instanceof Map<?, ?> figure) {
					if (this.groupsKey != null && figure.get(this.groupsKey) instanceof List<?> groups) {
						for (Object group : groups) {
							if (group instanceof Map<?, ?> row) {
								sink.row(row(row, false));
							}
						}
					}
					if (this.totalKey != null && figure.get(this.totalKey) instanceof Map<?, ?> total) {
						sink.row(row(total, true));
					}
				}
			}
			case CONNECTION -> {
				if (at instanceof Map<?, ?> connection && this.edgesKey != null
						&& connection.get(this.edgesKey) instanceof List<?> edges) {
					for (Object edge : edges) {
						if (edge instanceof Map<?, ?> map && map.get(this.nodeKey) instanceof Map<?, ?> node) {
							sink.row(row(node, false));
						}
					}
				}
			}
			case LIST -> {
				if (at instanceof List<?> list) {
					for (Object item : list) {
						if (item instanceof Map<?, ?> row) {
							sink.row(row(row, false));
						}
					}
				}
			}
			case OBJECT -> {
				if (at instanceof Map<?, ?> row) {
					sink.row(row(row, false));
				}
			}
			case NONE -> {
			}
		}
	}

	/** Takes rows one at a time. */
	@FunctionalInterface
	interface RowSink<E extends Exception> {

		void row(ViewTableRow row) throws E;

	}

	/**
	 * The cursor to continue after, when the data of a paged run says more follows; null
	 * when it was the last page.
	 */
	@Nullable String nextCursor(@Nullable Object data) {
		if (container(data) instanceof Map<?, ?> connection && connection.get(PAGE_INFO) instanceof Map<?, ?> page
				&& Boolean.TRUE.equals(page.get("hasNextPage"))) {
			Object cursor = page.get("endCursor");
			return (cursor != null) ? cursor.toString() : null;
		}
		return null;
	}

	/** The largest page the connection gives, as its {@code first} says. */
	int maxPageSize() {
		GraphQLArgument first = this.path.get(this.path.size() - 1).definition.getArgument("first");
		if (first != null && first.getDescription() != null) {
			Matcher range = MAX_FIRST.matcher(first.getDescription());
			if (range.find()) {
				return Integer.parseInt(range.group(1));
			}
		}
		return PageRequest.MAX_FIRST;
	}

	/**
	 * The document that pages through the connection: its {@code first} set to the page
	 * size, its {@code after} taken from a variable, and its page info asked for.
	 */
	Paged paged(int pageSize) {
		Step connection = this.path.get(this.path.size() - 1);
		Set<Field> targets = Collections.newSetFromMap(new IdentityHashMap<>());
		targets.addAll(connection.fields);
		Field first = connection.fields.get(0);
		String firstVariable = variableOf(first, "first");
		String afterVariable = variableOf(first, "after");
		Object startCursor = (afterVariable != null) ? this.variables.get(afterVariable)
				: (argument(first, "after") instanceof StringValue literal) ? literal.getValue() : null;
		String cursorVariable = (afterVariable != null) ? afterVariable : AFTER_VARIABLE;
		Document rewritten = (Document) new AstTransformer().transform(this.document, new NodeVisitorStub() {

			@Override
			public TraversalControl visitOperationDefinition(OperationDefinition node, TraverserContext<Node> context) {
				if (afterVariable != null) {
					return TraversalControl.CONTINUE;
				}
				List<VariableDefinition> definitions = new ArrayList<>(node.getVariableDefinitions());
				definitions
					.add(VariableDefinition.newVariableDefinition(AFTER_VARIABLE, new TypeName("String")).build());
				return TreeTransformerUtil.changeNode(context,
						node.transform((b) -> b.variableDefinitions(definitions)));
			}

			@Override
			public TraversalControl visitField(Field node, TraverserContext<Node> context) {
				if (!targets.contains(node)) {
					return TraversalControl.CONTINUE;
				}
				List<Argument> arguments = new ArrayList<>();
				for (Argument argument : node.getArguments()) {
					if (!argument.getName().equals("first") && !argument.getName().equals("after")) {
						arguments.add(argument);
					}
				}
				arguments.add(new Argument("first", (firstVariable != null) ? new VariableReference(firstVariable)
						: new IntValue(java.math.BigInteger.valueOf(pageSize))));
				arguments.add(new Argument("after", new VariableReference(cursorVariable)));
				List<Selection> selections = new ArrayList<>(node.getSelectionSet().getSelections());
				if (node == first) {
					selections.add(Field.newField("pageInfo")
						.alias(PAGE_INFO)
						.selectionSet(new SelectionSet(List.of(new Field("hasNextPage"), new Field("endCursor"))))
						.build());
				}
				return TreeTransformerUtil.changeNode(context,
						node.transform((b) -> b.arguments(arguments).selectionSet(new SelectionSet(selections))));
			}

		});
		Map<String, Object> fixed = new LinkedHashMap<>(this.variables);
		if (firstVariable != null) {
			fixed.put(firstVariable, pageSize);
		}
		return new Paged(AstPrinter.printAst(rewritten), fixed, cursorVariable,
				(startCursor != null) ? startCursor.toString() : null);
	}

	/**
	 * A document that pages through a connection.
	 *
	 * @param document the document
	 * @param variables its variables but the cursor
	 * @param cursorVariable the variable that takes the cursor
	 * @param startCursor the cursor the first page starts after, as the query gave it
	 */
	record Paged(String document, Map<String, Object> variables, String cursorVariable, @Nullable String startCursor) {

		Map<String, Object> variables(@Nullable String cursor) {
			Map<String, Object> all = new LinkedHashMap<>(this.variables);
			all.put(this.cursorVariable, cursor);
			return all;
		}

	}

	// reading the document

	private boolean find(List<SelectionSet> sets, GraphQLCompositeType type, List<Step> path) {
		for (Selected selected : collect(sets, type)) {
			GraphQLOutputType fieldType = selected.definition.getType();
			if (!(GraphQLTypeUtil.unwrapAll(fieldType) instanceof GraphQLCompositeType composite)
					|| isFigureKey(composite)) {
				continue;
			}
			List<Step> here = append(path, new Step(selected.key, selected.definition, selected.fields));
			boolean list = isList(fieldType);
			if (!list && composite instanceof GraphQLObjectType object && object.getFieldDefinition("total") != null
					&& object.getFieldDefinition("groups") != null) {
				figure(here, object, selected);
				return true;
			}
			if (!list && composite instanceof GraphQLObjectType object && object.getFieldDefinition("edges") != null
					&& object.getFieldDefinition("pageInfo") != null) {
				connection(here, object, selected);
				return true;
			}
			if (list) {
				this.source = Source.LIST;
				this.path = here;
				leaves(selected.sets(), composite, List.of(), List.of(), false);
				return true;
			}
			if (find(selected.sets(), composite, here)) {
				return true;
			}
		}
		return false;
	}

	private void figure(List<Step> here, GraphQLObjectType figure, Selected selected) {
		this.source = Source.FIGURE;
		this.path = here;
		List<SelectionSet> rows = new ArrayList<>();
		for (Selected part : collect(selected.sets(), figure)) {
			if (part.definition.getName().equals("groups") && this.groupsKey == null) {
				this.groupsKey = part.key;
				rows.addAll(0, part.sets());
			}
			else if (part.definition.getName().equals("total") && this.totalKey == null) {
				this.totalKey = part.key;
				rows.addAll(part.sets());
			}
		}
		GraphQLCompositeType row = (GraphQLCompositeType) GraphQLTypeUtil
			.unwrapAll(figure.getFieldDefinition("total").getType());
		leaves(rows, row, List.of(), List.of(), false);
		this.dimensions = groupBy(selected.fields.get(0));
	}

	private void connection(List<Step> here, GraphQLObjectType connection, Selected selected) {
		this.source = Source.CONNECTION;
		this.path = here;
		for (Selected edges : collect(selected.sets(), connection)) {
			if (!edges.definition.getName().equals("edges")
					|| !(GraphQLTypeUtil.unwrapAll(edges.definition.getType()) instanceof GraphQLObjectType edge)) {
				continue;
			}
			for (Selected node : collect(edges.sets(), edge)) {
				if (node.definition.getName().equals("node")
						&& GraphQLTypeUtil.unwrapAll(node.definition.getType()) instanceof GraphQLCompositeType type) {
					this.edgesKey = edges.key;
					this.nodeKey = node.key;
					leaves(node.sets(), type, List.of(), List.of(), false);
					return;
				}
			}
		}
	}

	private void firstObject() {
		for (Selected selected : collect(List.of(this.operation.getSelectionSet()), this.schema.getQueryType())) {
			if (GraphQLTypeUtil.unwrapAll(selected.definition.getType()) instanceof GraphQLCompositeType type) {
				this.source = Source.OBJECT;
				this.path = List.of(new Step(selected.key, selected.definition, selected.fields));
				leaves(selected.sets(), type, List.of(), List.of(), false);
				return;
			}
		}
	}

	private void leaves(List<SelectionSet> sets, GraphQLCompositeType type, List<String> keys,
			List<GraphQLFieldDefinition> definitions, boolean inList) {
		for (Selected selected : collect(sets, type)) {
			GraphQLOutputType fieldType = selected.definition.getType();
			GraphQLType named = GraphQLTypeUtil.unwrapAll(fieldType);
			List<String> path = appendKey(keys, selected.key);
			List<GraphQLFieldDefinition> defined = append(definitions, selected.definition);
			boolean list = inList || isList(fieldType);
			if (named instanceof GraphQLCompositeType composite) {
				if (this.notPageable == null && composite instanceof GraphQLObjectType object
						&& object.getFieldDefinition("edges") != null
						&& object.getFieldDefinition("pageInfo") != null) {
					this.notPageable = ("The list '%s' inside each row comes in pages of its own, which a download "
							+ "cannot page through.")
						.formatted(String.join(".", path));
				}
				if (isFigureKey(composite) && keys.isEmpty()) {
					this.leaves.add(new Leaf(path, null, (GraphQLEnumType) null, true));
				}
				else {
					leaves(selected.sets(), composite, path, defined, list);
				}
			}
			else {
				this.leaves.add(new Leaf(path, column(path, defined, named, list),
						(named instanceof GraphQLEnumType enumType) ? enumType : null, list));
			}
		}
	}

	private static ViewColumn column(List<String> path, List<GraphQLFieldDefinition> definitions, GraphQLType named,
			boolean list) {
		GraphQLFieldDefinition leaf = definitions.get(definitions.size() - 1);
		FieldLabel label = FieldLabel.of(leaf);
		ViewColumnType type = list ? ViewColumnType.TEXT : type(leaf, named, label.unit());
		return new ViewColumn(String.join(".", path), head(definitions), type, label.unit(), null);
	}

	private static ViewColumnType type(GraphQLFieldDefinition field, GraphQLType named, @Nullable ValueUnit unit) {
		if (named instanceof GraphQLEnumType) {
			return ViewColumnType.ENUM;
		}
		String scalar = (named instanceof GraphQLScalarType type) ? type.getName() : "";
		return switch (scalar) {
			case "ID" -> ViewColumnType.IDENTIFIER;
			case "Int" -> (unit == ValueUnit.RATIO) ? ViewColumnType.RATIO : ViewColumnType.INTEGER;
			case "Float" -> (unit == ValueUnit.RATIO) ? ViewColumnType.RATIO : ViewColumnType.DECIMAL;
			case "Money" -> ViewColumnType.MONEY;
			case "Date" -> ViewColumnType.DATE;
			case "DateTime" -> ViewColumnType.DATE_TIME;
			case "Boolean" -> ViewColumnType.BOOLEAN;
			case "String" -> identifying(field) ? ViewColumnType.IDENTIFIER : ViewColumnType.TEXT;
			default -> ViewColumnType.TEXT;
		};
	}

	private static boolean identifying(GraphQLFieldDefinition field) {
		GraphQLAppliedDirective personal = field.getAppliedDirective("personal");
		if (personal != null) {
			Object kind = personal.getArgument("kind").getValue();
			if ("ID_NUMBER".equals(String.valueOf(kind)) || "PHONE".equals(String.valueOf(kind))) {
				return true;
			}
		}
		return IDENTIFYING.matcher(field.getName()).matches();
	}

	/**
	 * The head of a column: the leaf's name for people, after those of the objects it is
	 * in ({@code 村·名称}); a bare {@code name} without a Chinese label goes, its object
	 * says what it names.
	 */
	private static String head(List<GraphQLFieldDefinition> definitions) {
		List<String> parts = new ArrayList<>();
		for (GraphQLFieldDefinition definition : definitions) {
			if (!definition.getName().equals("edges") && !definition.getName().equals("node")) {
				parts.add(FieldLabel.of(definition).name());
			}
		}
		GraphQLFieldDefinition leaf = definitions.get(definitions.size() - 1);
		if (parts.size() > 1 && leaf.getName().equals("name") && parts.get(parts.size() - 1).equals("name")) {
			parts.remove(parts.size() - 1);
		}
		return String.join("·", parts);
	}

	/**
	 * The fields a selection selects on a type, merged by response key in the order
	 * selected, fragments included: a fragment on another type of an interface or union
	 * adds its fields as that type defines them.
	 */
	private List<Selected> collect(List<SelectionSet> sets, GraphQLCompositeType type) {
		Map<String, Selected> selected = new LinkedHashMap<>();
		for (SelectionSet set : sets) {
			collect(set, type, selected);
		}
		return List.copyOf(selected.values());
	}

	private void collect(@Nullable SelectionSet set, GraphQLCompositeType type, Map<String, Selected> into) {
		if (set == null) {
			return;
		}
		for (Selection<?> selection : set.getSelections()) {
			if (selection instanceof Field field) {
				if (field.getName().startsWith("__") || !(type instanceof GraphQLFieldsContainer container)) {
					continue;
				}
				GraphQLFieldDefinition definition = container.getFieldDefinition(field.getName());
				if (definition == null) {
					continue;
				}
				into.computeIfAbsent(field.getResultKey(), (key) -> new Selected(key, definition, new ArrayList<>()))
					.fields()
					.add(field);
			}
			else if (selection instanceof InlineFragment fragment) {
				collect(fragment.getSelectionSet(), conditioned(fragment.getTypeCondition(), type), into);
			}
			else if (selection instanceof FragmentSpread spread && this.fragments.get(spread.getName()) != null) {
				FragmentDefinition fragment = this.fragments.get(spread.getName());
				collect(fragment.getSelectionSet(), conditioned(fragment.getTypeCondition(), type), into);
			}
		}
	}

	private GraphQLCompositeType conditioned(@Nullable TypeName condition, GraphQLCompositeType type) {
		return (condition != null && this.schema.getType(condition.getName()) instanceof GraphQLCompositeType named)
				? named : type;
	}

	private List<FigureDimension> groupBy(Field figure) {
		Object value = resolve(argument(figure, "groupBy"));
		List<?> names = (value instanceof List<?> list) ? list : (value != null) ? List.of(value) : List.of();
		List<FigureDimension> dimensions = new ArrayList<>();
		for (Object name : names) {
			try {
				dimensions.add(FigureDimension.valueOf(String.valueOf(name)));
			}
			catch (IllegalArgumentException ex) {
				// not one the table knows: the data's keys say
				return List.of();
			}
		}
		return List.copyOf(dimensions);
	}

	/** A literal of the document as a plain value, its variables filled in. */
	private @Nullable Object resolve(@Nullable Value<?> value) {
		if (value == null) {
			return null;
		}
		if (value instanceof VariableReference reference) {
			if (this.variables.containsKey(reference.getName())) {
				return this.variables.get(reference.getName());
			}
			return this.operation.getVariableDefinitions()
				.stream()
				.filter((definition) -> definition.getName().equals(reference.getName()))
				.findFirst()
				.map((definition) -> resolve(definition.getDefaultValue()))
				.orElse(null);
		}
		if (value instanceof ArrayValue array) {
			List<@Nullable Object> values = new ArrayList<>();
			array.getValues().forEach((item) -> values.add(resolve(item)));
			return values;
		}
		if (value instanceof ObjectValue object) {
			Map<String, @Nullable Object> fields = new LinkedHashMap<>();
			for (ObjectField field : object.getObjectFields()) {
				fields.put(field.getName(), resolve(field.getValue()));
			}
			return fields;
		}
		if (value instanceof EnumValue enumValue) {
			return enumValue.getName();
		}
		if (value instanceof IntValue number) {
			return number.getValue().intValue();
		}
		if (value instanceof StringValue text) {
			return text.getValue();
		}
		return null;
	}

	private static @Nullable Value<?> argument(Field field, String name) {
		for (Argument argument : field.getArguments()) {
			if (argument.getName().equals(name)) {
				return argument.getValue();
			}
		}
		return null;
	}

	private static @Nullable String variableOf(Field field, String name) {
		return (argument(field, name) instanceof VariableReference reference) ? reference.getName() : null;
	}

	private @Nullable String pagingProblem() {
		for (int i = 0; i < this.path.size(); i++) {
			Step step = this.path.get(i);
			boolean last = i == this.path.size() - 1;
			if (this.source == Source.CONNECTION && !last && isList(step.definition.getType())) {
				return "The list '%s' sits inside the list '%s': only a list the query asks once can be paged through."
					.formatted(this.path.get(this.path.size() - 1).key, step.key);
			}
			if (this.source == Source.LIST
					&& (step.definition.getArgument("first") != null || step.definition.getArgument("after") != null)) {
				return "'%s' comes in pages that are not a connection, so it cannot be paged through."
					.formatted(step.key);
			}
		}
		if (this.source == Source.CONNECTION) {
			GraphQLFieldDefinition connection = this.path.get(this.path.size() - 1).definition;
			if (connection.getArgument("first") == null || connection.getArgument("after") == null) {
				return "'%s' takes no 'first' and 'after', so it cannot be paged through."
					.formatted(this.path.get(this.path.size() - 1).key);
			}
		}
		return null;
	}

	/**
	 * The document with every row's figure keys asking for dimension, value and label;
	 * the same document when they do.
	 */
	private Document withWholeKeys() {
		if (this.source != Source.FIGURE) {
			return this.document;
		}
		GraphQLObjectType figure = (GraphQLObjectType) GraphQLTypeUtil
			.unwrapAll(this.path.get(this.path.size() - 1).definition.getType());
		GraphQLCompositeType row = (GraphQLCompositeType) GraphQLTypeUtil
			.unwrapAll(figure.getFieldDefinition("total").getType());
		Set<Field> keys = Collections.newSetFromMap(new IdentityHashMap<>());
		for (Selected part : collect(this.path.get(this.path.size() - 1).sets(), figure)) {
			if (part.definition.getName().equals("groups") || part.definition.getName().equals("total")) {
				for (Selected field : collect(part.sets(), row)) {
					if (field.definition.getName().equals("keys")) {
						keys.addAll(field.fields);
					}
				}
			}
		}
		List<String> whole = List.of("dimension", "value", "label");
		boolean missing = keys.stream().anyMatch((field) -> !responseKeys(field.getSelectionSet()).containsAll(whole));
		if (!missing) {
			return this.document;
		}
		return (Document) new AstTransformer().transform(this.document, new NodeVisitorStub() {

			@Override
			public TraversalControl visitField(Field node, TraverserContext<Node> context) {
				if (!keys.contains(node)) {
					return TraversalControl.CONTINUE;
				}
				List<Selection> selections = new ArrayList<>(node.getSelectionSet().getSelections());
				Set<String> taken = responseKeys(node.getSelectionSet());
				for (String name : whole) {
					if (!taken.contains(name)) {
						selections.add(new Field(name));
					}
				}
				return TreeTransformerUtil.changeNode(context,
						node.transform((b) -> b.selectionSet(new SelectionSet(selections))));
			}

		});
	}

	private static Set<String> responseKeys(@Nullable SelectionSet set) {
		if (set == null) {
			return Set.of();
		}
		return set.getSelectionsOfType(Field.class).stream().map(Field::getResultKey).collect(Collectors.toSet());
	}

	// reading the data

	private @Nullable Object container(@Nullable Object data) {
		Object at = data;
		for (Step step : this.path) {
			if (!(at instanceof Map<?, ?> map)) {
				return null;
			}
			at = map.get(step.key);
		}
		return at;
	}

	private List<FigureDimension> dimensionsOf(@Nullable Object data) {
		if (this.source != Source.FIGURE || !(container(data) instanceof Map<?, ?> figure) || this.groupsKey == null
				|| !(figure.get(this.groupsKey) instanceof List<?> groups) || groups.isEmpty()) {
			return List.of();
		}
		for (Leaf leaf : this.leaves) {
			if (leaf.column == null && groups.get(0) instanceof Map<?, ?> row
					&& row.get(leaf.path.get(0)) instanceof List<?> keys) {
				List<FigureDimension> dimensions = new ArrayList<>();
				for (Object key : keys) {
					try {
						dimensions.add(FigureDimension.valueOf(String.valueOf(((Map<?, ?>) key).get("dimension"))));
					}
					catch (IllegalArgumentException | ClassCastException ex) {
						return List.of();
					}
				}
				return dimensions;
			}
		}
		return List.of();
	}

	private ViewTableRow row(Map<?, ?> row, boolean total) {
		List<Bound> columns = (this.bound != null) ? this.bound : List.of();
		List<@Nullable Object> cells = new ArrayList<>(columns.size());
		List<FigureKey> keys = new ArrayList<>();
		boolean firstKey = true;
		for (Bound bound : columns) {
			Leaf leaf = bound.leaf;
			if (leaf.column == null) {
				if (total) {
					cells.add(firstKey ? TOTAL : null);
					firstKey = false;
					continue;
				}
				FigureKey key = key(row, leaf, bound.index, bound.column.dimension());
				cells.add((key != null) ? key.label() : null);
				if (key != null) {
					keys.add(key);
				}
				continue;
			}
			List<@Nullable Object> values = values(row, leaf.path, 0);
			if (leaf.list) {
				List<String> shown = new ArrayList<>();
				for (Object value : values) {
					if (value != null) {
						shown.add(shown(leaf, value));
					}
				}
				cells.add(shown.isEmpty() ? null : String.join("、", shown));
			}
			else {
				Object value = values.isEmpty() ? null : values.get(0);
				cells.add((value != null) ? cell(leaf, value) : null);
			}
		}
		return new ViewTableRow(Collections.unmodifiableList(cells), total, List.copyOf(keys));
	}

	private static @Nullable FigureKey key(Map<?, ?> row, Leaf leaf, int index, @Nullable FigureDimension dimension) {
		if (!(row.get(leaf.path.get(0)) instanceof List<?> list) || dimension == null) {
			return null;
		}
		Map<?, ?> found = null;
		for (Object key : list) {
			if (key instanceof Map<?, ?> map && dimension.name().equals(map.get("dimension"))) {
				found = map;
			}
		}
		if (found == null && index < list.size() && list.get(index) instanceof Map<?, ?> map
				&& map.get("dimension") == null) {
			// the document did not ask for the dimension: keys come in groupBy's order
			found = map;
		}
		if (found == null || found.get("value") == null) {
			return null;
		}
		String value = found.get("value").toString();
		return new FigureKey(dimension, value, (found.get("label") != null) ? found.get("label").toString() : value);
	}

	/** The values at a path, lists along it and at its end flattened. */
	private static List<@Nullable Object> values(@Nullable Object at, List<String> path, int from) {
		List<@Nullable Object> all = new ArrayList<>();
		if (at instanceof List<?> list) {
			for (Object item : list) {
				all.addAll(values(item, path, from));
			}
		}
		else if (from == path.size()) {
			all.add(at);
		}
		else if (at instanceof Map<?, ?> map) {
			all.addAll(values(map.get(path.get(from)), path, from + 1));
		}
		return all;
	}

	private Object cell(Leaf leaf, Object value) {
		ViewColumn column = leaf.column;
		return switch (column.type()) {
			case INTEGER, DECIMAL, RATIO -> (value instanceof Number) ? value : value.toString();
			case BOOLEAN -> (value instanceof Boolean) ? value : value.toString();
			case ENUM -> (leaf.enumType != null) ? EnumLabels.label(leaf.enumType, value.toString()) : value.toString();
			case DATE_TIME -> beijing(value.toString());
			default -> value.toString();
		};
	}

	private String shown(Leaf leaf, Object value) {
		if (leaf.enumType != null) {
			return EnumLabels.label(leaf.enumType, value.toString());
		}
		if (value instanceof Boolean yes) {
			return yes ? "是" : "否";
		}
		return value.toString();
	}

	private String beijing(String instant) {
		try {
			return OffsetDateTime.parse(instant).atZoneSameInstant(this.zone).format(DATE_TIME);
		}
		catch (DateTimeParseException ex) {
			return instant;
		}
	}

	private static boolean isList(GraphQLType type) {
		GraphQLType at = type;
		while (GraphQLTypeUtil.isWrapped(at)) {
			if (GraphQLTypeUtil.isList(at)) {
				return true;
			}
			at = GraphQLTypeUtil.unwrapOne(at);
		}
		return false;
	}

	private static boolean isFigureKey(GraphQLType type) {
		return type instanceof GraphQLObjectType object && object.getName().equals("FigureKey");
	}

	private static <T> List<T> append(List<T> list, T item) {
		List<T> all = new ArrayList<>(list);
		all.add(item);
		return List.copyOf(all);
	}

	private static List<String> appendKey(List<String> list, String key) {
		return append(list, key);
	}

	/** A field on the way from the root to the rows. */
	private record Step(String key, GraphQLFieldDefinition definition, List<Field> fields) {

		List<SelectionSet> sets() {
			return this.fields.stream().map(Field::getSelectionSet).filter((set) -> set != null).toList();
		}

	}

	/** A field selected, under one response key, by one or more nodes of the document. */
	private record Selected(String key, GraphQLFieldDefinition definition, List<Field> fields) {

		List<SelectionSet> sets() {
			return this.fields.stream().map(Field::getSelectionSet).filter((set) -> set != null).toList();
		}

	}

	/**
	 * A leaf of a row: a column, or (column null) a figure's keys, which make one column
	 * per dimension.
	 */
	private record Leaf(List<String> path, @Nullable ViewColumn column, @Nullable GraphQLEnumType enumType,
			boolean list) {

	}

	private record Bound(ViewColumn column, Leaf leaf, int index) {
	}

}
