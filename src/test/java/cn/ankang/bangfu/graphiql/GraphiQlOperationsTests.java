package cn.ankang.bangfu.graphiql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import graphql.language.Document;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import graphql.validation.ValidationError;
import graphql.validation.Validator;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import cn.ankang.bangfu.ApiTestSupport;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ready operations GraphiQL opens as tabs ({@code static/graphiql/operations/}): each
 * is listed in {@code index.json}, fits the running schema, and its example variables
 * work on the demo data for the account its first comment names.
 */
class GraphiQlOperationsTests extends ApiTestSupport {

	private static final Path FOLDER = Path.of("src/main/resources/static/graphiql/operations");

	private static final Path CLIENT = Path.of("mobile-client-sample/src/main/resources/bangfu-client");

	private static final Pattern ACCOUNT = Pattern.compile("^# 账号 Account: (\\S+)", Pattern.MULTILINE);

	/** The comment lines a ready operation opens with, for the people reading it. */
	private static final Pattern HEADER = Pattern.compile("\\A(#[^\\n]*\\n)+");

	@Autowired
	private GraphQlSource graphQlSource;

	@Test
	void everyOperationIsListedOnceAndFitsTheSchema() throws IOException {
		List<String> listed = readyOperations().stream().map(ReadyOperation::file).toList();
		try (Stream<Path> files = Files.list(FOLDER)) {
			assertThat(listed).doesNotHaveDuplicates()
				.containsExactlyInAnyOrderElementsOf(files.map((file) -> file.getFileName().toString())
					.filter((name) -> name.endsWith(".graphql"))
					.toList());
		}
		assertThat(listed).contains("Changes.graphql", "SyncVisits.graphql", "MonitoringFigures.graphql",
				"AnnualReport.graphql", "FundFigures.graphql", "MyTasks.graphql", "Counties.graphql",
				"Households.graphql", "Node.graphql");
		for (String file : listed) {
			String text = Files.readString(FOLDER.resolve(file));
			Document document = Parser.parse(text);
			List<ValidationError> errors = new Validator().validateDocument(this.graphQlSource.schema(), document,
					Locale.ROOT);
			assertThat(errors).as(file).isEmpty();
			List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
			assertThat(operations).as(file + " holds one operation").hasSize(1);
			// GraphiQL names the tab after the operation
			assertThat(operations.get(0).getName()).as(file + " is named after its file")
				.isEqualTo(file.replace(".graphql", ""));
			assertThat(ACCOUNT.matcher(text).find()).as(file + " names the account to run it as").isTrue();
		}
	}

	@Test
	void theExamplesWorkOnTheDemoData() throws IOException {
		for (ReadyOperation ready : readyOperations()) {
			String text = Files.readString(FOLDER.resolve(ready.file()));
			Matcher account = ACCOUNT.matcher(text);
			assertThat(account.find()).as(ready.file()).isTrue();
			OperationDefinition operation = Parser.parse(text).getDefinitionsOfType(OperationDefinition.class).get(0);
			if (operation.getOperation() == OperationDefinition.Operation.QUERY) {
				String field = ((Field) operation.getSelectionSet().getSelections().get(0)).getName();
				withVariables(as(account.group(1)).document(text), ready).execute()
					.errors()
					.verify()
					.path(field)
					.hasValue();
			}
			else {
				// a mutation changes the shared test database, so it is not run: sent
				// without
				// a token it fails only for want of a user, which it could not if its
				// variables did not fit the input types; and the ids it names exist for
				// the
				// account
				withVariables(this.anonymous.document(text), ready).execute().errors().satisfy((errors) -> {
					assertThat(errors).as(ready.file()).hasSize(1);
					assertThat(errors.get(0).getExtensions()).containsEntry("code", "UNAUTHENTICATED");
				});
				List<String> ids = new ArrayList<>();
				collectIds(ready.variables(), ids);
				assertThat(ids).as(ready.file()).isNotEmpty();
				for (String id : ids) {
					as(account.group(1)).document("query($id: ID!) { node(id: $id) { id } }")
						.variable("id", id)
						.execute()
						.path("node.id")
						.entity(String.class)
						.isEqualTo(id);
				}
			}
		}
	}

	@Test
	void thePhonesOperationsAreTheMobileClientsOwnDocuments() throws IOException {
		for (String name : List.of("Changes.graphql", "SyncVisits.graphql")) {
			String ready = HEADER.matcher(Files.readString(FOLDER.resolve(name))).replaceFirst("");
			assertThat(ready).as(name).isEqualTo(Files.readString(CLIENT.resolve(name)));
		}
	}

	private static GraphQlTester.Request<?> withVariables(GraphQlTester.Request<?> request, ReadyOperation ready) {
		ready.variables().forEach(request::variable);
		return request;
	}

	/** The values of every field named {@code ...Id} in the variables. */
	private static void collectIds(Object value, List<String> ids) {
		if (value instanceof Map<?, ?> map) {
			map.forEach((key, inner) -> {
				if (key.toString().endsWith("Id") && inner instanceof String id) {
					ids.add(id);
				}
				collectIds(inner, ids);
			});
		}
		else if (value instanceof List<?> list) {
			list.forEach((inner) -> collectIds(inner, ids));
		}
	}

	private static List<ReadyOperation> readyOperations() throws IOException {
		return new JsonMapper().readValue(FOLDER.resolve("index.json").toFile(),
				new TypeReference<List<ReadyOperation>>() {
				});
	}

	/** An entry of {@code index.json}: a file and its example variables. */
	record ReadyOperation(String file, Map<String, Object> variables) {

		ReadyOperation {
			variables = (variables != null) ? variables : Map.of();
		}

	}

}
