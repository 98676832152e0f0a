package cn.ankang.bangfu.shared;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLEnumValueDefinition;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLSchema;
import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.shared.graphql.SchemaContract;
import cn.ankang.bangfu.ApiTestSupport;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.graphql.execution.GraphQlSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schema is the contract: the running schema is the one in {@code schema/}, every
 * part of it is described for the people who read it in GraphiQL, and every field is
 * mapped to code.
 */
class SchemaContractTests extends ApiTestSupport {

	@Autowired
	GraphQlSource graphQlSource;

	@Autowired
	SchemaContract contract;

	@Test
	void theSchemaMappingInspectionRanAndFoundNothingUnmapped() {
		assertThat(this.contract.report()).isNotNull();
		assertThat(SchemaContract.problems(this.contract.report())).isEmpty();
	}

	@Test
	void everyTypeFieldArgumentAndEnumValueIsDescribed() {
		GraphQLSchema schema = this.graphQlSource.schema();
		List<String> undescribed = new ArrayList<>();
		for (GraphQLNamedType type : schema.getAllTypesAsList()) {
			if (type.getName().startsWith("__") || isBuiltInScalar(type.getName())) {
				continue;
			}
			check(undescribed, type.getName(), type.getDescription());
			if (type instanceof GraphQLFieldsContainer container) {
				for (GraphQLFieldDefinition field : container.getFieldDefinitions()) {
					check(undescribed, type.getName() + "." + field.getName(), field.getDescription());
					for (GraphQLArgument argument : field.getArguments()) {
						check(undescribed, type.getName() + "." + field.getName() + "(" + argument.getName() + ")",
								argument.getDescription());
					}
				}
			}
			if (type instanceof GraphQLInputObjectType input) {
				for (GraphQLInputObjectField field : input.getFieldDefinitions()) {
					check(undescribed, type.getName() + "." + field.getName(), field.getDescription());
				}
			}
			if (type instanceof GraphQLEnumType enumType) {
				for (GraphQLEnumValueDefinition value : enumType.getValues()) {
					check(undescribed, type.getName() + "." + value.getName(), value.getDescription());
				}
			}
		}
		assertThat(undescribed).as("types, fields, arguments and values without a description").isEmpty();
	}

	@Test
	void theJarCarriesTheSchemaFolderUnchanged() throws IOException {
		try (Stream<Path> files = Files.list(Path.of("schema"))) {
			List<Path> sources = files.filter((file) -> file.toString().endsWith(".graphqls")).sorted().toList();
			assertThat(sources).hasSizeGreaterThanOrEqualTo(8);
			for (Path source : sources) {
				ClassPathResource packaged = new ClassPathResource("graphql/" + source.getFileName());
				assertThat(packaged.exists()).as(source + " packaged").isTrue();
				assertThat(packaged.getContentAsString(java.nio.charset.StandardCharsets.UTF_8))
					.isEqualTo(Files.readString(source));
			}
		}
	}

	@Test
	void theOperationDocumentsTheTestsSendFitTheSchema() throws IOException {
		GraphQLSchema schema = this.graphQlSource.schema();
		try (Stream<Path> files = Files.list(Path.of("src/test/resources/graphql-test"))) {
			List<Path> documents = files.filter((file) -> file.toString().endsWith(".graphql")).sorted().toList();
			assertThat(documents).isNotEmpty();
			for (Path document : documents) {
				List<graphql.validation.ValidationError> errors = new graphql.validation.Validator().validateDocument(
						schema, graphql.parser.Parser.parse(Files.readString(document)), java.util.Locale.ROOT);
				assertThat(errors).as(document.toString()).isEmpty();
			}
		}
	}

	private static void check(List<String> undescribed, String name, String description) {
		if (description == null || description.isBlank()) {
			undescribed.add(name);
		}
	}

	private static boolean isBuiltInScalar(String name) {
		return List.of("String", "Int", "Float", "Boolean", "ID").contains(name);
	}

}
