package cn.ankang.bangfu.view;

import java.time.Clock;
import java.util.Map;

import graphql.schema.GraphQLFieldDefinition;

import cn.ankang.bangfu.figure.FigureCatalog;
import cn.ankang.bangfu.shared.errors.ApiException;
import cn.ankang.bangfu.shared.values.FieldLabel;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.stereotype.Component;

/**
 * Plans the tables of queries against the schema the service runs, and names them: a
 * figure by its name in the catalog, any other list by its field's label.
 */
@Component
class ViewTables {

	private final ObjectProvider<GraphQlSource> source;

	private final FigureCatalog catalog;

	private final Clock clock;

	// the schema is built from the controllers, this among their collaborators: read it
	// when first asked
	ViewTables(ObjectProvider<GraphQlSource> source, FigureCatalog catalog, Clock clock) {
		this.source = source;
		this.catalog = catalog;
		this.clock = clock;
	}

	/**
	 * The plan of a query's table.
	 * @throws graphql.parser.InvalidSyntaxException for a document that does not parse
	 * @throws IllegalArgumentException for a document of more or less than one operation
	 */
	TablePlan plan(String document, Map<String, Object> variables) {
		return TablePlan.of(document, variables, this.source.getObject().schema(), this.clock.getZone());
	}

	/** What the table shows, for people: the figure's name, or the list's. */
	String title(TablePlan plan) {
		GraphQLFieldDefinition field = plan.rowsField();
		if (field == null) {
			return "数据";
		}
		if (plan.source() == TablePlan.Source.FIGURE && plan.rowsAtRoot()) {
			try {
				return this.catalog.figure(field.getName()).name();
			}
			catch (ApiException ex) {
				// a figure-shaped field the catalog does not list: its label says
			}
		}
		return FieldLabel.of(field).name();
	}

}
