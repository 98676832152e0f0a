package cn.ankang.bangfu.mobile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.stream.Stream;

import graphql.language.Document;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.validation.ValidationError;
import graphql.validation.Validator;
import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.ApiTestSupport;
import cn.ankang.client.Operation;
import cn.ankang.client.outbox.OutboxSync;
import cn.ankang.client.outbox.WriteKind;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documents the mobile client sample sends fit the service's schema: each file in
 * {@code mobile-client-sample/src/main/resources/bangfu-client} is one named operation,
 * named as its file, that validates against the running schema, and it is what the client
 * loads from its classpath.
 */
class ClientDocumentsTests extends ApiTestSupport {

	private static final Path FOLDER = Path.of("mobile-client-sample/src/main/resources/bangfu-client");

	@Autowired
	GraphQlSource graphQlSource;

	@Test
	void everyDocumentOfTheClientFitsTheSchema() throws IOException {
		GraphQLSchema schema = this.graphQlSource.schema();
		List<Path> documents = documents();
		assertThat(documents).hasSizeGreaterThanOrEqualTo(5);
		for (Path file : documents) {
			String text = Files.readString(file);
			Document document = Parser.parse(text);
			List<ValidationError> errors = new Validator().validateDocument(schema, document, Locale.ROOT);
			assertThat(errors).as(file.toString()).isEmpty();
			List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
			assertThat(operations).as(file + " holds one operation").hasSize(1);
			String name = file.getFileName().toString().replace(".graphql", "");
			assertThat(operations.get(0).getName()).as(file + " is named after its file").isEqualTo(name);
			// the client sends exactly this text, and hashes exactly this text
			assertThat(Operation.load(name).document()).isEqualTo(text);
		}
	}

	@Test
	void theDocumentsAnOutboxDrainMakesOfThemFitTheSchemaAndTheServicesLimits() {
		GraphQLSchema schema = this.graphQlSource.schema();
		List<Map<WriteKind, Integer>> shapes = new ArrayList<>();
		shapes.add(Map.of(WriteKind.TASK_COMPLETION, 2, WriteKind.CASE_STEP, 1, WriteKind.HOUSEHOLD_UPDATE, 1));
		shapes.add(Map.of(WriteKind.VISIT_CORRECTION, 1, WriteKind.HOUSEHOLD_UPDATE, 1));
		for (WriteKind kind : WriteKind.values()) {
			// photos go one upload each, never as a field of a combined request
			if (kind != WriteKind.VISIT && kind != WriteKind.PHOTO) {
				// the most of one kind a request carries
				shapes.add(Map.of(kind, OutboxSync.MAX_OTHERS));
			}
		}
		for (Map<WriteKind, Integer> shape : shapes) {
			Operation operation = OutboxSync.combined(true, new EnumMap<>(shape));
			Document document = Parser.parse(operation.document());
			assertThat(new Validator().validateDocument(schema, document, Locale.ROOT)).as(operation.document())
				.isEmpty();
			// bangfu.graphql.limits: 50 aliases, 500 fields, 32,768 characters
			assertThat(operation.document()).hasSizeLessThan(32_768);
			OperationDefinition definition = document.getDefinitionsOfType(OperationDefinition.class).get(0);
			assertThat(definition.getSelectionSet().getSelectionsOfType(Field.class))
				.filteredOn((field) -> field.getAlias() != null)
				.hasSizeBetween(2, 50);
			assertThat(fields(definition.getSelectionSet())).isLessThanOrEqualTo(500);
			assertThat(operation.document()).isEqualTo(OutboxSync.combined(true, new EnumMap<>(shape)).document());
		}
	}

	private static int fields(SelectionSet selections) {
		int count = 0;
		for (Selection<?> selection : selections.getSelections()) {
			if (selection instanceof Field field) {
				count += 1 + ((field.getSelectionSet() != null) ? fields(field.getSelectionSet()) : 0);
			}
		}
		return count;
	}

	private static List<Path> documents() throws IOException {
		try (Stream<Path> files = Files.list(FOLDER)) {
			return files.filter((file) -> file.toString().endsWith(".graphql")).sorted().toList();
		}
	}

}
