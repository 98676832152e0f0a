package cn.ankang.bangfu.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import graphql.language.Document;
import graphql.language.Field;
import graphql.language.SelectionSet;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.figure.FigureDimension;

/**
 * Where a query's rows are and which leaves make its columns, read from its document
 * against the schema before any data: the path to the rows (a figure's groups and total,
 * a connection's nodes, the first list of objects, else the first object), each selected
 * leaf, the dimensions a figure groups by, and why the rows could not be paged through.
 * <p>
 * A shape is read once for one document and its variables and holds nothing of the data.
 */
final class TableShape {

	private final GraphQLSchema schema;

	private final Document document;

	private final Selections selections;

	private TablePlan.Source source = TablePlan.Source.NONE;

	private List<Step> path = List.of();

	private final List<Leaf> leaves = new ArrayList<>();

	private @Nullable String groupsKey;

	private @Nullable String totalKey;

	private @Nullable String edgesKey;

	private @Nullable String nodeKey;

	private List<FigureDimension> dimensions = List.of();

	private @Nullable String notPageable;

	/**
	 * @throws IllegalArgumentException for a document of more or less than one operation
	 */
	TableShape(GraphQLSchema schema, Document document, Map<String, Object> variables) {
		this.schema = schema;
		this.document = document;
		this.selections = new Selections(schema, document, variables);
		find(List.of(this.selections.operation().getSelectionSet()), this.schema.getQueryType(), List.of());
		if (this.source == TablePlan.Source.NONE) {
			firstObject();
		}
		if (this.notPageable == null) {
			this.notPageable = pagingProblem();
		}
	}

	Document document() {
		return this.document;
	}

	Selections selections() {
		return this.selections;
	}

	TablePlan.Source source() {
		return this.source;
	}

	/** The fields from the root to the rows; empty when there are none. */
	List<Step> path() {
		return this.path;
	}

	/** The leaves of a row, in the order the document selects them. */
	List<Leaf> leaves() {
		return this.leaves;
	}

	/** The response key of a figure's groups. */
	@Nullable String groupsKey() {
		return this.groupsKey;
	}

	/** The response key of a figure's total. */
	@Nullable String totalKey() {
		return this.totalKey;
	}

	/** The response key of a connection's edges. */
	@Nullable String edgesKey() {
		return this.edgesKey;
	}

	/** The response key of an edge's node. */
	@Nullable String nodeKey() {
		return this.nodeKey;
	}

	/** The dimensions a figure groups by, as its {@code groupBy} argument says. */
	List<FigureDimension> dimensions() {
		return this.dimensions;
	}

	/**
	 * Why the rows cannot be paged through to the end, or null when they can or need not
	 * be.
	 */
	@Nullable String notPageable() {
		return this.notPageable;
	}

	private boolean find(List<SelectionSet> sets, GraphQLCompositeType type, List<Step> path) {
		for (Selections.Selected selected : this.selections.collect(sets, type)) {
			GraphQLOutputType fieldType = selected.definition().getType();
			if (!(GraphQLTypeUtil.unwrapAll(fieldType) instanceof GraphQLCompositeType composite)
					|| isFigureKey(composite)) {
				continue;
			}
			List<Step> here = append(path, new Step(selected.key(), selected.definition(), selected.fields()));
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
				this.source = TablePlan.Source.LIST;
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

	private void figure(List<Step> here, GraphQLObjectType figure, Selections.Selected selected) {
		this.source = TablePlan.Source.FIGURE;
		this.path = here;
		List<SelectionSet> rows = new ArrayList<>();
		for (Selections.Selected part : this.selections.collect(selected.sets(), figure)) {
			if (part.definition().getName().equals("groups") && this.groupsKey == null) {
				this.groupsKey = part.key();
				rows.addAll(0, part.sets());
			}
			else if (part.definition().getName().equals("total") && this.totalKey == null) {
				this.totalKey = part.key();
				rows.addAll(part.sets());
			}
		}
		GraphQLCompositeType row = (GraphQLCompositeType) GraphQLTypeUtil
			.unwrapAll(figure.getFieldDefinition("total").getType());
		leaves(rows, row, List.of(), List.of(), false);
		this.dimensions = groupBy(selected.fields().get(0));
	}

	private void connection(List<Step> here, GraphQLObjectType connection, Selections.Selected selected) {
		this.source = TablePlan.Source.CONNECTION;
		this.path = here;
		for (Selections.Selected edges : this.selections.collect(selected.sets(), connection)) {
			if (!edges.definition().getName().equals("edges")
					|| !(GraphQLTypeUtil.unwrapAll(edges.definition().getType()) instanceof GraphQLObjectType edge)) {
				continue;
			}
			for (Selections.Selected node : this.selections.collect(edges.sets(), edge)) {
				if (node.definition().getName().equals("node") && GraphQLTypeUtil
					.unwrapAll(node.definition().getType()) instanceof GraphQLCompositeType type) {
					this.edgesKey = edges.key();
					this.nodeKey = node.key();
					leaves(node.sets(), type, List.of(), List.of(), false);
					return;
				}
			}
		}
	}

	private void firstObject() {
		for (Selections.Selected selected : this.selections
			.collect(List.of(this.selections.operation().getSelectionSet()), this.schema.getQueryType())) {
			if (GraphQLTypeUtil.unwrapAll(selected.definition().getType()) instanceof GraphQLCompositeType type) {
				this.source = TablePlan.Source.OBJECT;
				this.path = List.of(new Step(selected.key(), selected.definition(), selected.fields()));
				leaves(selected.sets(), type, List.of(), List.of(), false);
				return;
			}
		}
	}

	private void leaves(List<SelectionSet> sets, GraphQLCompositeType type, List<String> keys,
			List<GraphQLFieldDefinition> definitions, boolean inList) {
		for (Selections.Selected selected : this.selections.collect(sets, type)) {
			GraphQLOutputType fieldType = selected.definition().getType();
			GraphQLType named = GraphQLTypeUtil.unwrapAll(fieldType);
			List<String> path = appendKey(keys, selected.key());
			List<GraphQLFieldDefinition> defined = append(definitions, selected.definition());
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
				this.leaves.add(new Leaf(path, LeafColumns.column(path, defined, named, list),
						(named instanceof GraphQLEnumType enumType) ? enumType : null, list));
			}
		}
	}

	private List<FigureDimension> groupBy(Field figure) {
		Object value = this.selections.resolve(Selections.argument(figure, "groupBy"));
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

	private @Nullable String pagingProblem() {
		for (int i = 0; i < this.path.size(); i++) {
			Step step = this.path.get(i);
			boolean last = i == this.path.size() - 1;
			if (this.source == TablePlan.Source.CONNECTION && !last && isList(step.definition.getType())) {
				return "The list '%s' sits inside the list '%s': only a list the query asks once can be paged through."
					.formatted(this.path.get(this.path.size() - 1).key, step.key);
			}
			if (this.source == TablePlan.Source.LIST
					&& (step.definition.getArgument("first") != null || step.definition.getArgument("after") != null)) {
				return "'%s' comes in pages that are not a connection, so it cannot be paged through."
					.formatted(step.key);
			}
		}
		if (this.source == TablePlan.Source.CONNECTION) {
			GraphQLFieldDefinition connection = this.path.get(this.path.size() - 1).definition;
			if (connection.getArgument("first") == null || connection.getArgument("after") == null) {
				return "'%s' takes no 'first' and 'after', so it cannot be paged through."
					.formatted(this.path.get(this.path.size() - 1).key);
			}
		}
		return null;
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
	record Step(String key, GraphQLFieldDefinition definition, List<Field> fields) {

		List<SelectionSet> sets() {
			return this.fields.stream().map(Field::getSelectionSet).filter((set) -> set != null).toList();
		}

	}

	/**
	 * A leaf of a row: a column, or (column null) a figure's keys, which make one column
	 * per dimension.
	 */
	record Leaf(List<String> path, @Nullable ViewColumn column, @Nullable GraphQLEnumType enumType, boolean list) {

	}

}
