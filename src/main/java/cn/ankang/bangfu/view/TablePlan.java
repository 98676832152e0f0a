package cn.ankang.bangfu.view;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import graphql.language.Argument;
import graphql.language.AstPrinter;
import graphql.language.Document;
import graphql.language.Field;
import graphql.parser.Parser;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLSchema;
import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.figure.FigureDimension;
import cn.ankang.bangfu.shared.relay.PageRequest;

/**
 * How a query's data becomes a table, read from its document against the schema, so that
 * the columns are known before any data: where the rows are (a figure's groups and total,
 * a connection's nodes, the first list of objects, else the first object), which column
 * each selected leaf makes (its head from the field's label, its type from the field's
 * type), and whether a connection can be paged through to the end.
 * <p>
 * A plan is built for one document and its variables and holds nothing of the data. It is
 * what the rest of the package asks; the work is its parts': {@link TableShape} reads the
 * document, {@link DocumentRewrites} rewrites it, {@link TableRows} reads the data.
 */
final class TablePlan {

	private static final Pattern MAX_FIRST = Pattern.compile("\\d+ to (\\d+)");

	/** Where a table's rows come from. */
	enum Source {

		FIGURE, CONNECTION, LIST, OBJECT, NONE

	}

	private final TableShape shape;

	private final TableRows rows;

	private TablePlan(TableShape shape, ZoneId zone) {
		this.shape = shape;
		this.rows = new TableRows(shape, zone);
	}

	/**
	 * The plan of a query, whose figure keys, where rows have them, are asked with their
	 * dimension, value and label, so that every row can be drilled into.
	 * @throws graphql.parser.InvalidSyntaxException for a document that does not parse
	 * @throws IllegalArgumentException for a document of more or less than one operation
	 */
	static TablePlan of(String text, Map<String, Object> variables, GraphQLSchema schema, ZoneId zone) {
		TableShape shape = new TableShape(schema, Parser.parse(text), variables);
		Document keyed = DocumentRewrites.withWholeKeys(shape);
		return new TablePlan((keyed == shape.document()) ? shape : new TableShape(schema, keyed, variables), zone);
	}

	/** The document to run: the one given, with whole figure keys. */
	String document() {
		return AstPrinter.printAst(this.shape.document());
	}

	Source source() {
		return this.shape.source();
	}

	/**
	 * Why the rows cannot be paged through to the end, or null when they can or need not
	 * be.
	 */
	@Nullable String notPageable() {
		return this.shape.notPageable();
	}

	boolean paged() {
		return this.shape.source() == Source.CONNECTION && this.shape.notPageable() == null;
	}

	/** The field the rows come from, for naming the table; null when there are none. */
	@Nullable GraphQLFieldDefinition rowsField() {
		return this.shape.path().isEmpty() ? null : this.shape.path().get(this.shape.path().size() - 1).definition();
	}

	/** Whether the rows field is a root field of the query. */
	boolean rowsAtRoot() {
		return this.shape.path().size() == 1;
	}

	/** The dimensions a figure groups by, as its {@code groupBy} argument says. */
	List<FigureDimension> dimensions() {
		return this.shape.dimensions();
	}

	/**
	 * The year the rows are of: the figure's {@code filter.year} or {@code year}, or a
	 * variable {@code year}; null when none is given.
	 */
	@Nullable Integer year() {
		if (!this.shape.path().isEmpty()) {
			Field field = this.shape.path().get(this.shape.path().size() - 1).fields().get(0);
			for (Argument argument : field.getArguments()) {
				Object value = this.shape.selections().resolve(argument.getValue());
				if (argument.getName().equals("year") && value instanceof Number year) {
					return year.intValue();
				}
				if (argument.getName().equals("filter") && value instanceof Map<?, ?> filter
						&& filter.get("year") instanceof Number year) {
					return year.intValue();
				}
			}
		}
		return (this.shape.selections().variables().get("year") instanceof Number year) ? year.intValue() : null;
	}

	/**
	 * The columns, in the order the document selects the fields. A figure's key columns
	 * follow its {@code groupBy}, or where that cannot be read, the keys of the data's
	 * first group.
	 */
	List<ViewColumn> columns(@Nullable Object data) {
		return this.rows.columns(data);
	}

	/** The table of the data as run. */
	ViewTable table(@Nullable Object data) {
		return this.rows.table(data);
	}

	/** Hands each row of the data to the sink, in order. */
	<E extends Exception> void rows(@Nullable Object data, RowSink<E> sink) throws E {
		this.rows.rows(data, sink);
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
		return this.rows.nextCursor(data);
	}

	/** The largest page the connection gives, as its {@code first} says. */
	int maxPageSize() {
		GraphQLArgument first = this.shape.path().get(this.shape.path().size() - 1).definition().getArgument("first");
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
	DocumentRewrites.Paged paged(int pageSize) {
		return DocumentRewrites.paged(this.shape, pageSize);
	}

}
