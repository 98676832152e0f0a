package cn.ankang.bangfu.view;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.ApiTestSupport;

import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Saved views: saved only when they are queries within the limits, shared by role, level
 * and name, run always in the runner's own jurisdiction, changed and deleted by their
 * owner alone.
 */
class SavedViewTests extends ApiTestSupport {

	private static final String SAVE = """
			mutation($input: SaveViewInput!) { saveView(input: $input) {
			  view { id name ownedByMe sharedWithLevels sharedWithRoles variables } userErrors { code field message } } }""";

	private static final String RUN = """
			query($id: ID!, $variables: JSON) { runSavedView(id: $id, variables: $variables) {
			  view { name ownerName } data errors asOf } }""";

	private static final String HOUSEHOLDS_BY_VILLAGE = """
			query($year: Int) { monitoringFigures(filter: {year: $year}, groupBy: [VILLAGE]) {
			  total { households } groups { keys { label } households } } }""";

	@Test
	void aViewRunsInTheRunnersJurisdictionNeverTheAuthors() {
		String id = save(as("demo-county"),
				Map.of("name", name(), "description", "各村监测户", "document", HOUSEHOLDS_BY_VILLAGE, "variables",
						Map.of("year", 2023), "sharedWithLevels", List.of("VILLAGE")))
			.path("saveView.view.id")
			.entity(String.class)
			.get();
		int county = households("demo-county");
		int village = households("demo-secretary");
		assertThat(village).isPositive().isLessThan(county);
		assertThat(runTotal(as("demo-county"), id)).isEqualTo(county);
		assertThat(runTotal(as("demo-secretary"), id)).isEqualTo(village);
		as("demo-secretary").document("{ savedViews { id ownedByMe ownerName } }")
			.execute()
			.path("savedViews[?(@.id == '%s')].ownedByMe".formatted(id))
			.entityList(Boolean.class)
			.containsExactly(false);
		// not shared with unit managers: neither listed nor run
		as("demo-unit").document("{ savedViews { id } }")
			.execute()
			.path("savedViews[*].id")
			.entityList(String.class)
			.doesNotContain(id);
		assertError(as("demo-unit").document(RUN).variable("id", id), "NOT_FOUND");
	}

	@Test
	void theRunnersVariablesReplaceTheViewsAndSharingByRoleAndNameWorks() {
		String member = newUser("view-reader");
		String id = save(this.graphQl,
				Map.of("name", name(), "document", HOUSEHOLDS_BY_VILLAGE, "variables", Map.of("year", 2023),
						"sharedWithRoles", List.of("COUNTY_OFFICER"), "sharedWithUserIds", List.of(userId(member))))
			.path("saveView.view.id")
			.entity(String.class)
			.get();
		as("demo-county").document(RUN)
			.variable("id", id)
			.variable("variables", Map.of("year", 2021))
			.execute()
			.path("runSavedView.data.monitoringFigures.total.households")
			.entity(Integer.class)
			.satisfies((households) -> assertThat(households).isLessThan(households("demo-county")));
		// shared by name with a user who holds no role: it runs, and sees nothing
		as(member, "the-right-password").document(RUN)
			.variable("id", id)
			.execute()
			.path("runSavedView.data.monitoringFigures.total.households")
			.entity(Integer.class)
			.isEqualTo(0);
	}

	@Test
	void onlyTheOwnerChangesOrDeletesAView() {
		String name = name();
		String id = save(this.graphQl,
				Map.of("name", name, "document", HOUSEHOLDS_BY_VILLAGE, "sharedWithRoles", List.of("COUNTY_OFFICER")))
			.path("saveView.view.id")
			.entity(String.class)
			.get();
		save(as("demo-county"), Map.of("id", id, "name", "改名", "document", HOUSEHOLDS_BY_VILLAGE))
			.path("saveView.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("NOT_FOUND");
		as("demo-county").document("mutation($id: ID!) { deleteView(id: $id) { deletedViewId userErrors { code } } }")
			.variable("id", id)
			.execute()
			.path("deleteView.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("NOT_FOUND");
		save(this.graphQl, Map.of("id", id, "name", name + "（改）", "document", HOUSEHOLDS_BY_VILLAGE))
			.path("saveView.view.name")
			.entity(String.class)
			.isEqualTo(name + "（改）");
		// unshared by the change: the county officer no longer sees it
		as("demo-county").document("{ savedViews { id } }")
			.execute()
			.path("savedViews[*].id")
			.entityList(String.class)
			.doesNotContain(id);
		this.graphQl.document("mutation($id: ID!) { deleteView(id: $id) { deletedViewId } }")
			.variable("id", id)
			.execute()
			.path("deleteView.deletedViewId")
			.entity(String.class)
			.isEqualTo(id);
		assertError(this.graphQl.document(RUN).variable("id", id), "NOT_FOUND");
	}

	@Test
	void onlyQueriesThatRunWithinTheLimitsAreSaved() {
		refused(Map.of("name", name(), "document", "mutation { logout { session { id } } }"), "only reads");
		refused(Map.of("name", name(), "document", "{ counties { code } } { villages { totalCount } }"),
				"exactly one operation");
		refused(Map.of("name", name(), "document", "{ counties { code "), "not valid GraphQL");
		refused(Map.of("name", name(), "document", "{ noSuchField }"), "GRAPHQL_VALIDATION_FAILED");
		refused(Map.of("name", name(), "document", """
				{ households(first: 100) { edges { node { visits(first: 100) { edges { node { notes } } } } } } }"""),
				"QUERY_TOO_COMPLEX");
		refused(Map.of("name", name(), "document", "{ villages(first: 1000) { totalCount } }"), "INVALID_ARGUMENT");
		String name = name();
		save(this.graphQl, Map.of("name", name, "document", "{ counties { code } }")).path("saveView.view.id")
			.hasValue();
		refused(Map.of("name", name, "document", "{ counties { name } }"), "name already");
	}

	private void refused(Map<String, Object> input, String reason) {
		save(this.graphQl, input).path("saveView.view")
			.valueIsNull()
			.path("saveView.userErrors[0].message")
			.entity(String.class)
			.satisfies((message) -> assertThat(message).contains(reason));
	}

	private GraphQlTester.Response save(HttpGraphQlTester tester, Map<String, Object> input) {
		return tester.mutate()
			.header("Accept-Language", "en")
			.build()
			.document(SAVE)
			.variable("input", input)
			.execute();
	}

	private int runTotal(HttpGraphQlTester tester, String id) {
		return tester.document(RUN)
			.variable("id", id)
			.execute()
			.path("runSavedView.errors")
			.entityList(Object.class)
			.hasSize(0)
			.path("runSavedView.data.monitoringFigures.total.households")
			.entity(Integer.class)
			.get();
	}

	private int households(String username) {
		return as(username).document(HOUSEHOLDS_BY_VILLAGE)
			.variable("year", 2023)
			.execute()
			.path("monitoringFigures.total.households")
			.entity(Integer.class)
			.get();
	}

	private static String name() {
		return "视图-" + UUID.randomUUID().toString().substring(0, 8);
	}

}
