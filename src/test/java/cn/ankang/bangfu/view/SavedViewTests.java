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

	/**
	 * A view's table names, types and orders its columns from the schema, and gives each
	 * row the keys to drill down by, even where the document asked only for labels.
	 */
	@Test
	void aRunHoldsItsDataAsATableOfTypedLabelledColumns() {
		String id = save(as("demo-county"), Map.of("name", name(), "document", """
				query($year: Int) { fundFigures(filter: {year: $year}, groupBy: [TOWN]) {
				  total { spent spendingRate projects } groups { keys { label } spent spendingRate projects } } }""",
				"variables", Map.of("year", 2023)))
			.path("saveView.view.id")
			.entity(String.class)
			.get();
		GraphQlTester.Response run = as("demo-county").document("""
				query($id: ID!) { runSavedView(id: $id) { table {
				  columns { key name type unit unitName dimension }
				  rows { cells total keys { dimension value label } } } } }""").variable("id", id).execute();
		run.path("runSavedView.table.columns[*].key")
			.entityList(String.class)
			.containsExactly("keys.TOWN", "spent", "spendingRate", "projects");
		run.path("runSavedView.table.columns[*].name")
			.entityList(String.class)
			.containsExactly("镇", "已支出", "支出进度", "项目数");
		run.path("runSavedView.table.columns[*].type")
			.entityList(String.class)
			.containsExactly("TEXT", "MONEY", "RATIO", "INTEGER");
		run.path("runSavedView.table.columns[0].dimension").entity(String.class).isEqualTo("TOWN");
		run.path("runSavedView.table.columns[1].unit").entity(String.class).isEqualTo("YUAN");
		run.path("runSavedView.table.columns[1].unitName").entity(String.class).isEqualTo("元");
		List<Map<String, Object>> rows = run.path("runSavedView.table.rows")
			.entityList(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {
			})
			.get();
		assertThat(rows).hasSizeGreaterThan(2);
		Map<String, Object> town = rows.get(0);
		assertThat(town.get("total")).isEqualTo(false);
		List<?> cells = (List<?>) town.get("cells");
		// money exact as text, numbers as numbers, the town by name with its code to
		// drill into
		assertThat((String) cells.get(1)).matches("\\d+\\.\\d\\d");
		assertThat(cells.get(3)).isInstanceOf(Integer.class);
		Map<?, ?> key = (Map<?, ?>) ((List<?>) town.get("keys")).get(0);
		assertThat(key.get("dimension")).isEqualTo("TOWN");
		assertThat((String) key.get("value")).matches("610902\\d{3}");
		assertThat(key.get("label")).isEqualTo(cells.get(0));
		Map<String, Object> total = rows.get(rows.size() - 1);
		assertThat(total.get("total")).isEqualTo(true);
		assertThat(((List<?>) total.get("cells")).get(0)).isEqualTo("合计");
		assertThat((List<?>) total.get("keys")).isEmpty();
	}

	/** A connection's table is the page the view asks for: a page does not page on. */
	@Test
	void aTableOfAConnectionHoldsThePageAsked() {
		String id = save(as("demo-county"), Map.of("name", name(), "document", """
				{ households(first: 3) { edges { node { headIdNumber status riskTypes identifiedOn } } } }"""))
			.path("saveView.view.id")
			.entity(String.class)
			.get();
		GraphQlTester.Response run = as("demo-county").document("""
				query($id: ID!) { runSavedView(id: $id) { table { columns { name type } rows { cells } } } }""")
			.variable("id", id)
			.execute();
		run.path("runSavedView.table.columns[*].name")
			.entityList(String.class)
			.containsExactly("身份证号", "监测状态", "风险类型", "识别纳入日期");
		run.path("runSavedView.table.columns[*].type")
			.entityList(String.class)
			.containsExactly("IDENTIFIER", "ENUM", "TEXT", "DATE");
		run.path("runSavedView.table.rows").entityList(Object.class).hasSize(3);
		run.path("runSavedView.table.rows[0].cells[1]")
			.entity(String.class)
			.satisfies((status) -> assertThat(status).isIn("待核实", "未纳入", "监测中", "风险已消除"));
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
