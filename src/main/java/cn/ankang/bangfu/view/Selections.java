package cn.ankang.bangfu.view;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.Document;
import graphql.language.EnumValue;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.IntValue;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.StringValue;
import graphql.language.TypeName;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLSchema;
import org.jspecify.annotations.Nullable;

/**
 * What the one operation of a document selects, read against the schema: its fields
 * merged by response key with fragments followed, and its literals as plain values with
 * the variables filled in. {@link TableShape} and {@link DocumentRewrites} read a
 * document through it.
 */
final class Selections {

	private final GraphQLSchema schema;

	private final OperationDefinition operation;

	private final Map<String, FragmentDefinition> fragments;

	private final Map<String, Object> variables;

	/**
	 * @throws IllegalArgumentException for a document of more or less than one operation
	 */
	Selections(GraphQLSchema schema, Document document, Map<String, Object> variables) {
		this.schema = schema;
		List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
		if (operations.size() != 1) {
			throw new IllegalArgumentException("A table is made of one operation");
		}
		this.operation = operations.get(0);
		this.fragments = document.getDefinitionsOfType(FragmentDefinition.class)
			.stream()
			.collect(Collectors.toMap(FragmentDefinition::getName, (fragment) -> fragment, (a, b) -> a));
		this.variables = variables;
	}

	OperationDefinition operation() {
		return this.operation;
	}

	/** The variables the document is run with. */
	Map<String, Object> variables() {
		return this.variables;
	}

	/**
	 * The fields a selection selects on a type, merged by response key in the order
	 * selected, fragments included: a fragment on another type of an interface or union
	 * adds its fields as that type defines them.
	 */
	List<Selected> collect(List<SelectionSet> sets, GraphQLCompositeType type) {
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

	/** A literal of the document as a plain value, its variables filled in. */
	@Nullable Object resolve(@Nullable Value<?> value) {
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

	static @Nullable Value<?> argument(Field field, String name) {
		for (Argument argument : field.getArguments()) {
			if (argument.getName().equals(name)) {
				return argument.getValue();
			}
		}
		return null;
	}

	/** A field selected, under one response key, by one or more nodes of the document. */
	record Selected(String key, GraphQLFieldDefinition definition, List<Field> fields) {

		List<SelectionSet> sets() {
			return this.fields.stream().map(Field::getSelectionSet).filter((set) -> set != null).toList();
		}

	}

}
