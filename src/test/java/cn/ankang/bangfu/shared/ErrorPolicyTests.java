package cn.ankang.bangfu.shared;

import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.shared.relay.PageRequest;
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

	@Test
	void aDayThatDoesNotExistIsRefusedNeverMovedToOneThatDoes() {
		// 30 February is not 2 March, nor 28 February: a date is taken as written or not
		// at all
		assertError(
				"{ monitoringFigures(filter: {from: \"2023-02-30\", to: \"2023-03-31\"}) { total { households } } }",
				"GRAPHQL_VALIDATION_FAILED");
		assertError(this.graphQl.document("query($f: VisitFilter) { visits(filter: $f) { totalCount } }")
			.variable("f", Map.of("occurredFrom", "2023-02-30T08:00:00+08:00")), "GRAPHQL_VALIDATION_FAILED");
		assertError(this.graphQl.document("query($f: FigureFilter) { visitFigures(filter: $f) { total { visits } } }")
			.variable("f", Map.of("from", "2023-04-31")), "GRAPHQL_VALIDATION_FAILED");
	}

	@Test
	void aCursorOfTheRightListWhosePartsDoNotReadIsInvalid() {
		// a cursor names its list and its sort key; one forged with the list's name but a
		// date or number that is not one is refused like any other bad cursor
		assertError("{ tasks(after: \"%s\") { totalCount } }".formatted(PageRequest.cursor("tasks", "yesterday", 1)),
				"INVALID_CURSOR");
		assertError("{ riskWarnings(after: \"%s\") { totalCount } }"
			.formatted(PageRequest.cursor("riskWarnings", "2026-01-01T00:00:00Z", "x")), "INVALID_CURSOR");
		assertError(as("demo-secretary").document(
				"{ myTasks(after: \"%s\") { totalCount } }".formatted(PageRequest.cursor("myTasks", "2026-13-40", 1))),
				"INVALID_CURSOR");
	}

}
