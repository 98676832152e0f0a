package cn.ankang.bangfu.view;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import graphql.language.Argument;
import graphql.language.AstPrinter;
import graphql.language.AstTransformer;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.IntValue;
import graphql.language.Node;
import graphql.language.NodeVisitorStub;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.StringValue;
import graphql.language.TypeName;
import graphql.language.VariableDefinition;
import graphql.language.VariableReference;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLTypeUtil;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import graphql.util.TreeTransformerUtil;
import org.jspecify.annotations.Nullable;

/**
 * The rewrites of a table's document (graphql-java AST) that its table needs: figure keys
 * asked whole, so every row can be drilled into, and a connection asked page after page,
 * so a download has all its rows.
 */
final class DocumentRewrites {

	/** The variable a paged document takes the cursor in, when it had none of its own. */
	static final String AFTER_VARIABLE = "bangfuExportAfter";

	/** The response key of the page info a paged document asks for beside the user's. */
	static final String PAGE_INFO = "bangfuExportPage";

	private DocumentRewrites() {
	}

	/**
	 * The document with every row's figure keys asking for dimension, value and label;
	 * the same document when they do.
	 */
	static Document withWholeKeys(TableShape shape) {
		if (shape.source() != TablePlan.Source.FIGURE) {
			return shape.document();
		}
		GraphQLObjectType figure = (GraphQLObjectType) GraphQLTypeUtil
			.unwrapAll(shape.path().get(shape.path().size() - 1).definition().getType());
		GraphQLCompositeType row = (GraphQLCompositeType) GraphQLTypeUtil
			.unwrapAll(figure.getFieldDefinition("total").getType());
		Set<Field> keys = Collections.newSetFromMap(new IdentityHashMap<>());
		for (Selections.Selected part : shape.selections()
			.collect(shape.path().get(shape.path().size() - 1).sets(), figure)) {
			if (part.definition().getName().equals("groups") || part.definition().getName().equals("total")) {
				for (Selections.Selected field : shape.selections().collect(part.sets(), row)) {
					if (field.definition().getName().equals("keys")) {
						keys.addAll(field.fields());
					}
				}
			}
		}
		List<String> whole = List.of("dimension", "value", "label");
		boolean missing = keys.stream().anyMatch((field) -> !responseKeys(field.getSelectionSet()).containsAll(whole));
		if (!missing) {
			return shape.document();
		}
		return (Document) new AstTransformer().transform(shape.document(), new NodeVisitorStub() {

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

	/**
	 * The document that pages through the connection: its {@code first} set to the page
	 * size, its {@code after} taken from a variable, and its page info asked for.
	 */
	static Paged paged(TableShape shape, int pageSize) {
		TableShape.Step connection = shape.path().get(shape.path().size() - 1);
		Set<Field> targets = Collections.newSetFromMap(new IdentityHashMap<>());
		targets.addAll(connection.fields());
		Field first = connection.fields().get(0);
		String firstVariable = variableOf(first, "first");
		String afterVariable = variableOf(first, "after");
		Object startCursor = (afterVariable != null) ? shape.selections().variables().get(afterVariable)
				: (Selections.argument(first, "after") instanceof StringValue literal) ? literal.getValue() : null;
		String cursorVariable = (afterVariable != null) ? afterVariable : AFTER_VARIABLE;
		Document rewritten = (Document) new AstTransformer().transform(shape.document(), new NodeVisitorStub() {

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
		Map<String, Object> fixed = new LinkedHashMap<>(shape.selections().variables());
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

	private static @Nullable String variableOf(Field field, String name) {
		return (Selections.argument(field, name) instanceof VariableReference reference) ? reference.getName() : null;
	}

}
