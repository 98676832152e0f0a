package cn.ankang.bangfu.shared.graphql;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import cn.ankang.bangfu.ApiTestSupport;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lists completed in one pass give the answer graphql-java gives, byte for byte, and the
 * same reads of personal data on record: the same documents, as users who see different
 * things, are run both ways and compared (their extensions aside). Both answers come from
 * the real endpoint over the demo data.
 */
class OnePassListsTests extends ApiTestSupport {

	/**
	 * A village's page with more than the phone asks: batched fields at every level
	 * (measures, incomes, members, visits and their cadres), two aliases of one
	 * connection, a named and an inline fragment, {@code @include}, {@code __typename},
	 * cursors and every kind of personal data.
	 */
	private static final String PAGE = """
			query %s($code: String!, $withCadre: Boolean!) { village(code: $code) { id name
			  households(first: 50) { totalCount pageInfo { hasNextPage endCursor }
			    edges { cursor node { __typename id headName headIdNumber headPhone category status riskTypes
			      personalDataVisible memberCount identifiedOn riskEliminatedOn version
			      ...people
			      responsibleCadre @include(if: $withCadre) { id name phone }
			      measures { id type description startedOn }
			      incomes { year perCapitaIncome wages }
			      latest: visits(first: 3) { totalCount edges { cursor node { id kind occurredAt notes
			        findings { medicalCareSecure newRiskTypes incomeChange } cadre { name } } } }
			      oldest: visits(first: 1) { edges { node { ... on Visit { kind household { headName } } } } } } } } } }
			fragment people on Household { members { name relation birthDate idNumber status } formerMembers { name } }""";

	@Autowired
	private OnePassLists.Strategy strategy;

	@AfterEach
	void onePassAgain() {
		this.strategy.completeInOnePass(true);
	}

	@Test
	void aVillagesPageIsTheSameAnswerAndTheSameAuditEitherWay() throws Exception {
		// the demo first secretary's village
		String village = as("demo-secretary")
			.document("{ households(first: 1) { edges { node { village { code } } } } }")
			.execute()
			.path("households.edges[0].node.village.code")
			.entity(String.class)
			.get();
		String run = java.util.UUID.randomUUID().toString().substring(0, 8);
		// the secretary is responsible for the village's households; the city leader is
		// not (health data withheld); a developer sees no personal data at all
		for (String user : List.of("demo-secretary", "demo-leader", newUserWithRole("DEVELOPER", Map.of()))) {
			String password = user.startsWith("demo-") ? "bangfu-demo" : "the-right-password";
			Map<String, Object> variables = Map.of("code", village, "withCadre", true);
			String onePass = post(user, password, "Lean_" + run, PAGE, variables);
			this.strategy.completeInOnePass(false);
			String graphQlJava = post(user, password, "Full_" + run, PAGE, variables);
			this.strategy.completeInOnePass(true);
			assertThat(onePass).as(user).isEqualTo(graphQlJava).contains("\"headName\"").doesNotContain("\"errors\"");
			List<String> reads = personalReads(user, "Lean_" + run);
			assertThat(reads).as(user).isEqualTo(personalReads(user, "Full_" + run));
			// the secretary sees the village's ID numbers and health data, on record
			assertThat(reads.isEmpty()).as(user).isEqualTo(!user.equals("demo-secretary"));
		}
	}

	@Test
	void anErrorInAListIsReportedAsGraphQlJavaReportsIt() throws Exception {
		// a page size out of range for every household's visits: an error each, and as a
		// household's visits are never null, the nulls reach the top
		String document = """
				query %s { households(first: 5) { edges { node { id visits(first: 500) { totalCount } } } } }""";
		String onePass = post("demo-leader", "bangfu-demo", "LeanError", document, Map.of());
		this.strategy.completeInOnePass(false);
		String graphQlJava = post("demo-leader", "bangfu-demo", "FullError", document, Map.of());
		assertThat(onePass).isEqualTo(graphQlJava).contains("\"data\":null");
		assertThat(onePass.split("INVALID_ARGUMENT", -1)).hasSize(6);
	}

	@Test
	void theOnePassAnswersAPageWithoutGraphQlJavasHelp() throws Exception {
		long before = this.strategy.listsCompletedInOnePass();
		post("demo-secretary", "bangfu-demo", "Counted",
				"query %s { households(first: 3) { edges { node { id measures { type } visits(first: 2) { edges { node { kind } } } } } } }",
				Map.of());
		// the households' edges, in one pass with everything below them
		assertThat(this.strategy.listsCompletedInOnePass()).isEqualTo(before + 1);
	}

	private String post(String user, String password, String operation, String document, Map<String, Object> variables)
			throws Exception {
		String body = JsonMapper.shared()
			.writeValueAsString(Map.of("query", document.formatted(operation), "variables", variables));
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(uri("/graphql"))
				.header("Content-Type", "application/json")
				.header("Authorization", "Bearer " + accessToken(user, password))
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		// the answer without its extensions, which differ from request to request (the
		// request id, the rate limit left), in the order it was written
		ObjectNode answer = (ObjectNode) JsonMapper.shared().readTree(response.body());
		answer.remove("extensions");
		return answer.toString();
	}

	/**
	 * The records whose personal data the user's operation read, as the audit trail keeps
	 * them.
	 */
	private List<String> personalReads(String user, String operation) {
		return this.jdbc.sql("""
				select t from audit_event, unnest(target_ids) t
				where kind = 'PERSONAL_READ' and username = :user and operation = :operation order by t""")
			.param("user", user)
			.param("operation", operation)
			.query(String.class)
			.list();
	}

}
