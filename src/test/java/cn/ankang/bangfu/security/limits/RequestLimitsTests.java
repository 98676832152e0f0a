package cn.ankang.bangfu.security.limits;

import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.ApiTestSupport;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Operations beyond the service's limits are refused before they run, each with a code
 * that names the limit.
 */
class RequestLimitsTests extends ApiTestSupport {

	@LocalServerPort
	int port;

	@Test
	void tooDeep() {
		assertError("""
				{ households(first: 1) { edges { node { village { town { county { city { counties { towns {
				  villages(first: 1) { edges { node { name } } } } } } } } } } } } }""", "QUERY_TOO_DEEP");
	}

	@Test
	void tooCostly() {
		assertError(
				"""
						{ households(first: 100) { edges { node { headName visits(first: 100) { edges { node { notes } } } } } } }""",
				"QUERY_TOO_COMPLEX");
		// the same shape with pages a phone would ask for is fine
		this.graphQl.document(
				"""
						{ households(first: 50) { edges { node { headName visits(first: 3) { edges { node { notes } } } } } } }""")
			.execute()
			.path("households.edges")
			.entityList(Object.class)
			.hasSize(50);
	}

	@Test
	void tooManyAliasesOrFields() {
		StringBuilder aliases = new StringBuilder("{ ");
		for (int i = 0; i < 51; i++) {
			aliases.append("a").append(i).append(": counties { code } ");
		}
		assertError(aliases.append("}").toString(), "TOO_MANY_ALIASES");
		StringBuilder fields = new StringBuilder("{ counties { ");
		for (int i = 0; i < 501; i++) {
			fields.append("code ");
		}
		assertError(fields.append("} }").toString(), "TOO_MANY_FIELDS");
	}

	@Test
	void listsInTheVariablesAreBoundedBeforeAnythingRuns() {
		// five thousand and one risk types: each valid, the list not
		java.util.List<String> types = java.util.Collections.nCopies(5001, "ILLNESS");
		assertError(as("demo-secretary")
			.document(
					"""
							mutation($t: [RiskType!]) { updateHousehold(input: {changeId: "c", householdId: "x", baseVersion: 1, addRiskTypes: $t}) {
							  userErrors { code } } }""")
			.variable("t", types), "INVALID_ARGUMENT");
		// however deep the list sits
		assertError(
				as("demo-secretary").document("""
						mutation($v: [LogVisitInput!]!) { syncVisits(input: {visits: $v}) { results { status } } }""")
					.variable("v",
							java.util.List
								.of(java.util.Map.of("photoHashes", java.util.Collections.nCopies(6000, "a")))),
				"INVALID_ARGUMENT");
		// and a view names at most a hundred users to share with
		this.graphQl.document("""
				mutation($u: [ID!]) { saveView(input: {name: "too wide", document: "{ counties { code } }",
				  sharedWithUserIds: $u}) { userErrors { code field } } }""")
			.variable("u", java.util.Collections.nCopies(101, userId("demo-secretary")))
			.execute()
			.path("saveView.userErrors[0].field[1]")
			.entity(String.class)
			.isEqualTo("sharedWithUserIds");
	}

	@Test
	void tooLong() {
		assertError("{ counties { code } }\n#" + "x".repeat(40_000), "DOCUMENT_TOO_LARGE");
	}

	@Test
	void introspectionIsForDevelopersAndAdminsOutsideTheDemo() {
		String document = "{ __schema { queryType { name } } }";
		assertError(this.anonymous.document(document), "UNAUTHENTICATED");
		assertError(as("demo-leader").document(document), "FORBIDDEN");
		as("demo-dev").document(document)
			.execute()
			.path("__schema.queryType.name")
			.entity(String.class)
			.isEqualTo("Query");
		this.anonymous.document("{ __typename }").execute().path("__typename").entity(String.class).isEqualTo("Query");
	}

	@Test
	void introspectionThatRepeatsItselfToCostTheServerIsRefusedWithACode() {
		// graphql-java's good-faith check: types' fields' types' fields... once is enough
		assertError(
				as("demo-dev")
					.document("{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }"),
				"QUERY_TOO_COMPLEX");
	}

	@Test
	void theStandardIntrospectionQueryOfTheToolsIsNotTooDeep() {
		// GraphiQL's, Apollo's and the code generators' query nests 13 levels through
		// ofType; here 13, on one type (the whole schema's answer is large)
		as("demo-dev")
			.document("{ __type(name: \"Household\") { name fields { name type { " + "ofType { ".repeat(9) + "name"
					+ " }".repeat(9) + " } } } }")
			.execute()
			.path("__type.name")
			.entity(String.class)
			.isEqualTo("Household");
		// an operation that also reads data keeps the ordinary limit
		assertError(as("demo-dev").document(
				"""
						{ __typename counties { towns { villages(first: 1) { edges { node { town { county { towns { villages(first: 1) { edges { node { town { name } } } } } } } } } } } } }"""),
				"QUERY_TOO_DEEP");
	}

	@Test
	void onlyOneOperationPerRequest() {
		WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.build()
			.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("[" + "{\"query\":\"{ __typename }\"},".repeat(3) + "{\"query\":\"{ __typename }\"}]")
			.exchange()
			.expectStatus()
			.is4xxClientError();
		assertError(this.graphQl.document("query A { counties { code } } query B { counties { name } }"),
				"GRAPHQL_VALIDATION_FAILED");
	}

}
