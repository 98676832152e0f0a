package cn.ankang.bangfu.shared;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import graphql.schema.GraphQLSchema;
import graphql.schema.diff.SchemaDiff;
import graphql.schema.diff.SchemaDiffSet;
import graphql.schema.diff.reporting.CapturingReporter;
import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.ApiTestSupport;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code schema/} is the contract: the service runs exactly the schema its files
 * describe, and the schema keeps what the last release ({@code schema/released/})
 * offered, unless that release deprecated it first.
 */
class SchemaEvolutionTests extends ApiTestSupport {

	/** Household.headName, by its description: inputs have a headName too. */
	private static final String HEAD_NAME = "    \"Name of the head of household (户主姓名).\"\n    headName: String! @personal(kind: NAME)\n";

	@Autowired
	GraphQlSource graphQlSource;

	static String folder(Path folder) throws IOException {
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter((file) -> file.toString().endsWith(".graphqls")).sorted().map((file) -> {
				try {
					return Files.readString(file);
				}
				catch (IOException ex) {
					throw new java.io.UncheckedIOException(ex);
				}
			}).collect(Collectors.joining("\n"));
		}
	}

	/**
	 * The newest snapshot in {@code schema/released/}, by its name (the release date).
	 */
	static String lastRelease() throws IOException {
		try (Stream<Path> files = Files.list(Path.of("schema/released"))) {
			Path last = files.filter((file) -> file.toString().endsWith(".graphqls"))
				.max(java.util.Comparator.naturalOrder())
				.orElseThrow();
			return Files.readString(last);
		}
	}

	@Test
	void theRunningSchemaIsExactlyTheSchemaFolder() throws IOException {
		GraphQLSchema files = SchemaCompatibility.schemaOf(folder(Path.of("schema")));
		GraphQLSchema running = this.graphQlSource.schema();
		for (SchemaDiffSet pair : List.of(SchemaDiffSet.diffSetFromIntrospection(files, running),
				SchemaDiffSet.diffSetFromIntrospection(running, files))) {
			CapturingReporter reporter = new CapturingReporter();
			new SchemaDiff().diffSchema(pair, reporter);
			assertThat(reporter.getBreakages()).as("parts of one schema missing from the other").isEmpty();
			assertThat(reporter.getDangers()).as("parts that differ").isEmpty();
		}
	}

	@Test
	void theSchemaKeepsEverythingTheLastReleaseOfferedUnlessItWasDeprecated() throws IOException {
		GraphQLSchema released = SchemaCompatibility.schemaOf(lastRelease());
		GraphQLSchema current = SchemaCompatibility.schemaOf(folder(Path.of("schema")));
		assertThat(SchemaCompatibility.unannouncedBreakingChanges(released, current)).isEmpty();
	}

	@Test
	void removingOrChangingAFieldWithoutDeprecatingItFirstFailsTheCheck() throws IOException {
		String current = folder(Path.of("schema"));
		GraphQLSchema released = SchemaCompatibility.schemaOf(current);
		String removed = current.replace(HEAD_NAME, "");
		assertThat(removed).isNotEqualTo(current);
		assertThat(SchemaCompatibility.unannouncedBreakingChanges(released, SchemaCompatibility.schemaOf(removed)))
			.singleElement()
			.asString()
			.startsWith("Household.headName");
		String retyped = current.replace(HEAD_NAME, HEAD_NAME.replace("String!", "Int!"));
		assertThat(SchemaCompatibility.unannouncedBreakingChanges(released, SchemaCompatibility.schemaOf(retyped)))
			.isNotEmpty();
		// adding is fine
		String added = current.replace(HEAD_NAME, HEAD_NAME + "    \"A nickname.\"\n    nickname: String\n");
		assertThat(SchemaCompatibility.unannouncedBreakingChanges(released, SchemaCompatibility.schemaOf(added)))
			.isEmpty();
	}

	@Test
	void aFieldDeprecatedInTheReleaseMayGo() {
		String current;
		try {
			current = folder(Path.of("schema"));
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		String deprecated = current.replace(HEAD_NAME,
				HEAD_NAME.replace("NAME)\n", "NAME) @deprecated(reason: \"Use members.\")\n"));
		String removed = current.replace(HEAD_NAME, "");
		assertThat(SchemaCompatibility.unannouncedBreakingChanges(SchemaCompatibility.schemaOf(deprecated),
				SchemaCompatibility.schemaOf(removed)))
			.isEmpty();
	}

}
