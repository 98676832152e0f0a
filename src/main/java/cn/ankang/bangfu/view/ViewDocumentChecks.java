package cn.ankang.bangfu.view;

import java.util.List;
import java.util.Locale;

import graphql.language.AstPrinter;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.figure.FigureCatalog;
import cn.ankang.bangfu.shared.errors.ApiException;

/**
 * Whether a document may be a saved view's, before it is run: one query of bounded
 * length, and, for a view made with the builder, exactly the query its recipe makes. Each
 * check answers with the reason for people, or null.
 */
final class ViewDocumentChecks {

	private ViewDocumentChecks() {
	}

	/** Why the text cannot be a view's document, or null when it can. */
	static @Nullable String queryProblem(@Nullable String text) {
		if (text == null || text.isBlank()) {
			return "Give the GraphQL query the view runs.";
		}
		if (text.length() > 32_768) {
			return "A view's query has at most 32,768 characters.";
		}
		Document document;
		try {
			document = Parser.parse(text);
		}
		catch (InvalidSyntaxException ex) {
			return "The query is not valid GraphQL: " + ex.getMessage();
		}
		List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
		if (operations.size() != 1) {
			return "A view runs exactly one operation; this document has %d.".formatted(operations.size());
		}
		if (operations.get(0).getOperation() != OperationDefinition.Operation.QUERY) {
			return "A view only reads: its operation must be a query, not a %s."
				.formatted(operations.get(0).getOperation().name().toLowerCase(Locale.ROOT));
		}
		return null;
	}

	/**
	 * Why a recipe does not make this document, or null when it does: a view made with
	 * the builder runs exactly the query its figure's catalog entry gives for its
	 * measures, so that the page can open it again in the builder.
	 */
	static @Nullable String recipeProblem(FigureCatalog catalog, SavedView.Recipe recipe, @Nullable String document) {
		FigureCatalog.Figure figure;
		String expected;
		try {
			figure = catalog.figure(recipe.figure());
			expected = figure.document(recipe.measures());
		}
		catch (ApiException ex) {
			return ex.getMessage();
		}
		return same(expected, document) ? null
				: "The document is not the one the catalog gives for %s with these measures; ask figureCatalog for it."
					.formatted(recipe.figure());
	}

	private static boolean same(String one, @Nullable String other) {
		return other != null && AstPrinter.printAstCompact(Parser.parse(one))
			.equals(AstPrinter.printAstCompact(Parser.parse(other)));
	}

}
