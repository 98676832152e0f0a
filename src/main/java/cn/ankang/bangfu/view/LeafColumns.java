package cn.ankang.bangfu.view;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLType;
import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.values.FieldLabel;
import cn.ankang.bangfu.shared.values.ValueUnit;

/**
 * The column a selected leaf of a table's rows makes, from the schema alone: its head
 * from the labels of the fields on the way to it, its type from the leaf's type, unit and
 * name, and its unit from the leaf's label.
 */
final class LeafColumns {

	// text of digits that must stay text: codes, ID numbers, phone numbers
	private static final Pattern IDENTIFYING = Pattern.compile("(?i).*(code|idnumber|phone|uuid|sha256)");

	private LeafColumns() {
	}

	static ViewColumn column(List<String> path, List<GraphQLFieldDefinition> definitions, GraphQLType named,
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

}
