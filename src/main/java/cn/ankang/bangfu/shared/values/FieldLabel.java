package cn.ankang.bangfu.shared.values;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLTypeUtil;
import org.jspecify.annotations.Nullable;

/**
 * What people read for a field: the schema's {@code @label(name, unit)} where it is
 * marked, else the Chinese term its description gives in brackets (监测户), else the first
 * Chinese term its type's description gives (a {@code village} is 村, a {@code category}
 * 监测对象类别, an id 编号), else the field's own name. The one source of column heads for the
 * dashboard and downloads.
 *
 * @param name the field's name for people
 * @param unit what a number counts, or null
 */
public record FieldLabel(String name, @Nullable ValueUnit unit) {

	static final String DIRECTIVE = "label";

	private static final Pattern CHINESE_TERM = Pattern.compile("[（(]([\\p{IsHan}][^）)]{0,19})[）)]");

	/** The label of a field as the schema defines it. */
	public static FieldLabel of(GraphQLFieldDefinition field) {
		return marked(field)
			.orElseGet(() -> new FieldLabel(described(field).or(() -> typeTerm(field)).orElse(field.getName()), null));
	}

	/** The field's {@code @label}, when the schema marks it. */
	public static Optional<FieldLabel> marked(GraphQLFieldDefinition field) {
		GraphQLAppliedDirective directive = field.getAppliedDirective(DIRECTIVE);
		if (directive == null) {
			return Optional.empty();
		}
		String name = directive.getArgument("name").getValue();
		Object unit = directive.getArgument("unit").getValue();
		return Optional.of(new FieldLabel(name, (unit != null) ? ValueUnit.valueOf(unit.toString()) : null));
	}

	private static Optional<String> typeTerm(GraphQLFieldDefinition field) {
		GraphQLNamedType type = (GraphQLNamedType) GraphQLTypeUtil.unwrapAll(field.getType());
		if (type.getName().equals("ID")) {
			return Optional.of("编号");
		}
		if (type.getDescription() == null) {
			return Optional.empty();
		}
		Matcher term = CHINESE_TERM.matcher(type.getDescription());
		// 县、区、县级市 names a county well enough by its first
		return term.find() ? Optional.of(term.group(1).split("[、/]")[0]) : Optional.empty();
	}

	private static Optional<String> described(GraphQLFieldDefinition field) {
		if (field.getDescription() == null) {
			return Optional.empty();
		}
		Matcher term = CHINESE_TERM.matcher(field.getDescription());
		return term.find() ? Optional.of(term.group(1)) : Optional.empty();
	}

}
