package cn.ankang.bangfu.shared;

import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.ApiTestSupport;

/**
 * Every error carries a code and a message for people, whether graphql-java or our code
 * raised it.
 */
class ErrorPolicyTests extends ApiTestSupport {

	@Test
	void aDocumentThatDoesNotParse() {
		assertError("{ counties { code ", "GRAPHQL_PARSE_FAILED");
	}

	@Test
	void aFieldTheSchemaDoesNotHave() {
		assertError("{ counties { code population } }", "GRAPHQL_VALIDATION_FAILED");
	}

	@Test
	void aVariableOfTheWrongType() {
		assertError(this.graphQl.document("query($first: Int) { villages(first: $first) { totalCount } }")
			.variable("first", "many"), "GRAPHQL_VALIDATION_FAILED");
	}

	@Test
	void anEnumValueTheSchemaDoesNotHave() {
		assertError(this.graphQl.document("query($f: ProjectFilter) { projects(filter: $f) { totalCount } }")
			.variable("f", Map.of("industry", "SPACESHIPS")), "GRAPHQL_VALIDATION_FAILED");
	}

	@Test
	void ourOwnRulesCarryTheirCodes() {
		assertError("{ projects(first: 1000) { totalCount } }", "INVALID_ARGUMENT");
		assertError("{ households(after: \"Zm9v\") { totalCount } }", "INVALID_CURSOR");
	}

}
