package cn.ankang.bangfu.figure;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;
import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.errors.ApiException;
import cn.ankang.bangfu.shared.values.FieldLabel;
import cn.ankang.bangfu.shared.values.Labels;
import cn.ankang.bangfu.shared.values.ValueUnit;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.stereotype.Component;

/**
 * The figures a view can show, read from the schema: the query fields marked
 * {@code @figure}, their rows' fields marked {@code @label}. The schema is the one place
 * that names them, so the catalog, the dashboard and the downloads cannot disagree.
 */
@Component
public class FigureCatalog {

	static final String DIRECTIVE = "figure";

	private final ObjectProvider<GraphQlSource> source;

	private volatile @Nullable List<Figure> figures;

	// the schema is built from the controllers, this among their collaborators: read it
	// when first asked
	FigureCatalog(ObjectProvider<GraphQlSource> source) {
		this.source = source;
	}

	/** Every figure, in the schema's order. */
	public List<Figure> figures() {
		List<Figure> read = this.figures;
		if (read == null) {
			read = read(this.source.getObject().schema());
			this.figures = read;
		}
		return read;
	}

	/**
	 * The figure of a query field.
	 * @throws ApiException {@code INVALID_ARGUMENT} for a field that is no figure
	 */
	public Figure figure(String field) {
		return figures().stream()
			.filter((figure) -> figure.field().equals(field))
			.findFirst()
			.orElseThrow(() -> ApiException.invalidArgument("'%s' is not a figure; the figures are %s.".formatted(field,
					figures().stream().map(Figure::field).toList())));
	}

	static List<Figure> read(GraphQLSchema schema) {
		List<Figure> figures = new ArrayList<>();
		for (GraphQLFieldDefinition field : schema.getQueryType().getFieldDefinitions()) {
			GraphQLAppliedDirective marked = field.getAppliedDirective(DIRECTIVE);
			if (marked == null) {
				continue;
			}
			GraphQLObjectType result = (GraphQLObjectType) GraphQLTypeUtil.unwrapAll(field.getType());
			GraphQLObjectType row = (GraphQLObjectType) GraphQLTypeUtil
				.unwrapAll(result.getFieldDefinition("total").getType());
			List<Measure> measures = new ArrayList<>();
			for (GraphQLFieldDefinition number : row.getFieldDefinitions()) {
				FieldLabel.marked(number)
					.filter((label) -> label.unit() != null)
					.ifPresent((label) -> measures.add(new Measure(number.getName(), label.name(), label.unit())));
			}
			List<?> dimensions = marked.getArgument("dimensions").getValue();
			Object period = marked.getArgument("period").getValue();
			List<Argument> arguments = field.getArguments()
				.stream()
				.map((argument) -> new Argument(argument.getName(), GraphQLTypeUtil.simplePrint(argument.getType())))
				.toList();
			figures.add(new Figure(field.getName(), marked.getArgument("name").getValue(),
					(field.getDescription() != null) ? field.getDescription().strip() : "",
					Period.valueOf((period != null) ? period.toString() : "PERIOD"),
					dimensions.stream().map((dimension) -> FigureDimension.valueOf(dimension.toString())).toList(),
					List.copyOf(measures), arguments, result.getFieldDefinition("suppressedGroups") != null));
		}
		return List.copyOf(figures);
	}

	/** What period a figure takes. */
	public enum Period {

		PERIOD, DAY, WINDOW

	}

	/**
	 * A number a figure gives in each row.
	 *
	 * @param field the row's field
	 * @param name its name for people
	 * @param unit what it counts
	 */
	public record Measure(String field, String name, ValueUnit unit) {

		public String unitName() {
			return this.unit.symbol();
		}

	}

	/**
	 * A dimension with its name.
	 *
	 * @param dimension the dimension
	 */
	public record Dimension(FigureDimension dimension) {

		public String name() {
			return Labels.of("figureDimension", this.dimension.name());
		}

	}

	/**
	 * An argument of a figure's field, as a variable of its document declares it.
	 *
	 * @param name its name
	 * @param type its GraphQL type, printed
	 */
	record Argument(String name, String type) {
	}

	/**
	 * A figure.
	 *
	 * @param field the query field
	 * @param name its name for people
	 * @param description what it counts
	 * @param period what period it takes
	 * @param dimensionList what it groups by
	 * @param measures what it gives
	 * @param arguments the field's arguments
	 * @param suppresses whether it withholds small groups
	 */
	public record Figure(String field, String name, String description, Period period,
			List<FigureDimension> dimensionList, List<Measure> measures, List<Argument> arguments, boolean suppresses) {

		public List<Dimension> dimensions() {
			return this.dimensionList.stream().map(Dimension::new).toList();
		}

		/**
		 * The query a view of this figure runs, selecting these measures.
		 * @throws ApiException {@code INVALID_ARGUMENT} for a measure it does not give
		 */
		public String document(@Nullable List<String> chosen) {
			Set<String> known = this.measures.stream().map(Measure::field).collect(Collectors.toSet());
			List<String> fields = (chosen == null || chosen.isEmpty())
					? this.measures.stream().map(Measure::field).toList() : List.copyOf(new LinkedHashSet<>(chosen));
			for (String field : fields) {
				if (!known.contains(field)) {
					throw ApiException.invalidArgument("%s gives no '%s'; it gives %s.".formatted(this.field, field,
							this.measures.stream().map(Measure::field).toList()));
				}
			}
			String numbers = String.join(" ", fields);
			String variables = this.arguments.stream()
				.map((argument) -> "$" + argument.name() + ": " + argument.type())
				.collect(Collectors.joining(", "));
			String passed = this.arguments.stream()
				.map((argument) -> argument.name() + ": $" + argument.name())
				.collect(Collectors.joining(", "));
			String keys = "keys { dimension value label }";
			return """
					query(%s) {
					  %s(%s) {
					    asOf
					    total { %s }
					    groups { %s %s }%s
					  }
					}
					""".formatted(variables, this.field, passed, numbers, keys, numbers,
					this.suppresses ? "\n    suppressedGroups { " + keys + " fewerThan }" : "");
		}

	}

}
