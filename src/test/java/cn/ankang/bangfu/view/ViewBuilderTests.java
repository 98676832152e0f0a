package cn.ankang.bangfu.view;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.ApiTestSupport;

import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the dashboard's view builder stands on: views made from a figure of the catalog
 * keep what they were made from and how they are drawn; every role finds built-in views
 * on a fresh installation, which run and which no one may change; colleagues to share
 * with are found by name within one's jurisdiction, with their posts only.
 */
class ViewBuilderTests extends ApiTestSupport {

	private static final String SAVE = """
			mutation($input: SaveViewInput!) { saveView(input: $input) {
			  view { id name chart builtIn recipe { figure measures } variables } userErrors { code field message } } }""";

	@Test
	void eachRoleFindsBuiltInViewsThatRunAndThatNoOneMayChange() {
		List<Map<String, Object>> leaders = builtIns(this.graphQl);
		assertThat(leaders).extracting((view) -> view.get("name"))
			.contains("2023年防返贫监测（按县区）", "2023年资金投入（按来源）", "2023年监测户分布地图", "近30天走访覆盖（按县区）");
		assertThat(leaders).allSatisfy((view) -> {
			assertThat(view.get("ownerName")).isEqualTo("系统内置");
			assertThat(view.get("ownedByMe")).isEqualTo(false);
			assertThat(view.get("recipe")).isNotNull();
		});
		assertThat(builtIns(as("demo-county"))).extracting((view) -> view.get("name"))
			.contains("2023年防返贫监测（按镇）", "近30天走访覆盖（按镇）")
			.doesNotContain("2023年防返贫监测（按县区）");
		assertThat(builtIns(as("demo-unit"))).extracting((view) -> view.get("name"))
			.contains("2023年定点帮扶（按单位层级）", "2023年走访（按月）")
			.doesNotContain("2023年监测户分布地图");
		for (Map<String, Object> view : leaders) {
			this.graphQl.document("query($id: ID!) { runSavedView(id: $id) { errors } }")
				.variable("id", view.get("id"))
				.execute()
				.path("runSavedView.errors")
				.entityList(Object.class)
				.hasSize(0);
		}
		String id = (String) leaders.get(0).get("id");
		this.graphQl.document("mutation($id: ID!) { deleteView(id: $id) { deletedViewId userErrors { code } } }")
			.variable("id", id)
			.execute()
			.path("deleteView.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("NOT_FOUND");
		this.graphQl.document(SAVE)
			.variable("input", Map.of("id", id, "name", "改名", "document", "{ counties { code } }"))
			.execute()
			.path("saveView.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("NOT_FOUND");
		assertThat(builtIns(this.graphQl)).extracting((view) -> view.get("name")).doesNotContain("改名");
	}

	@Test
	void aViewMadeWithTheBuilderKeepsItsFigureMeasuresAndChart() {
		String document = catalogDocument("visitFigures", List.of("visits", "households"));
		String name = "月度走访-" + UUID.randomUUID().toString().substring(0, 6);
		Map<String, Object> input = Map.of("name", name, "document", document, "variables",
				Map.of("filter", Map.of("year", 2023), "groupBy", List.of("MONTH")), "chart", "LINE", "recipe",
				Map.of("figure", "visitFigures", "measures", List.of("visits", "households")));
		HttpGraphQlTester county = as("demo-county");
		var saved = county.document(SAVE).variable("input", input).execute();
		saved.path("saveView.userErrors").entityList(Object.class).hasSize(0);
		saved.path("saveView.view.chart").entity(String.class).isEqualTo("LINE");
		saved.path("saveView.view.builtIn").entity(Boolean.class).isEqualTo(false);
		saved.path("saveView.view.recipe")
			.entity(Map.class)
			.isEqualTo(Map.of("figure", "visitFigures", "measures", List.of("visits", "households")));
		String id = saved.path("saveView.view.id").entity(String.class).get();
		// edited in the builder: one measure fewer, drawn as bars
		var edited = county.document(SAVE)
			.variable("input",
					Map.of("id", id, "name", name, "document", catalogDocument("visitFigures", List.of("visits")),
							"chart", "BAR", "recipe", Map.of("figure", "visitFigures", "measures", List.of("visits"))))
			.execute();
		edited.path("saveView.view.chart").entity(String.class).isEqualTo("BAR");
		edited.path("saveView.view.recipe.measures").entityList(String.class).containsExactly("visits");
	}

	@Test
	void aRecipeMustMakeTheDocumentItIsSavedWith() {
		String document = catalogDocument("visitFigures", List.of("visits"));
		var mismatch = this.graphQl.document(SAVE)
			.variable("input",
					Map.of("name", "x-" + UUID.randomUUID(), "document", document, "recipe",
							Map.of("figure", "visitFigures", "measures", List.of("visits", "cadres"))))
			.execute();
		mismatch.path("saveView.view").valueIsNull();
		mismatch.path("saveView.userErrors[0].code").entity(String.class).isEqualTo("INVALID_INPUT");
		mismatch.path("saveView.userErrors[0].field").entityList(String.class).containsExactly("input", "recipe");
		var unknown = this.graphQl.document(SAVE)
			.variable("input",
					Map.of("name", "x-" + UUID.randomUUID(), "document", document, "recipe",
							Map.of("figure", "households")))
			.execute();
		unknown.path("saveView.userErrors[0].code").entity(String.class).isEqualTo("INVALID_INPUT");
		unknown.path("saveView.userErrors[0].message")
			.entity(String.class)
			.satisfies((message) -> assertThat(message).contains("households"));
		assertError("""
				mutation { saveView(input: {name: "x", document: "{ counties { code } }", chart: RADAR}) {
				  userErrors { code } } }""", "GRAPHQL_VALIDATION_FAILED");
	}

	@Test
	void colleaguesAreFoundByNameWithinOnesJurisdictionWithTheirPostsOnly() {
		List<Map<String, Object>> forLeader = colleagues(this.graphQl, "演示");
		assertThat(forLeader).extracting((colleague) -> colleague.get("displayName"))
			.contains("演示汉滨区干部", "演示乡镇干部", "演示帮扶单位管理员", "演示第一书记")
			// no area to their roles, and oneself
			.doesNotContain("演示管理员", "演示开发者", "演示市级领导");
		assertThat(forLeader).filteredOn((colleague) -> colleague.get("displayName").equals("演示汉滨区干部"))
			.singleElement()
			.satisfies((colleague) -> assertThat(colleague.get("posts")).isEqualTo(List.of("汉滨区 县级干部")));
		assertThat(forLeader).filteredOn((colleague) -> colleague.get("displayName").equals("演示第一书记"))
			.singleElement()
			.satisfies((colleague) -> assertThat(colleague.get("posts").toString()).contains("驻村第一书记")
				.containsPattern("\\p{IsHan}+村"));
		assertThat(colleagues(as("demo-county"), "演示")).extracting((colleague) -> colleague.get("displayName"))
			.doesNotContain("演示市级领导", "演示帮扶单位管理员", "演示管理员", "演示汉滨区干部");
		assertThat(colleagues(this.graphQl, "没有这个名字的人")).isEmpty();
		assertError("{ colleagues(search: \" \") { id } }", "INVALID_ARGUMENT");
		assertError("{ colleagues(search: \"演示\", first: 51) { id } }", "INVALID_ARGUMENT");
	}

	private String catalogDocument(String figure, List<String> measures) {
		return this.graphQl
			.document("query($f: String!, $m: [String!]) { figureCatalog(fields: [$f]) { document(measures: $m) } }")
			.variable("f", figure)
			.variable("m", measures)
			.execute()
			.path("figureCatalog[0].document")
			.entity(String.class)
			.get();
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> builtIns(HttpGraphQlTester tester) {
		return tester
			.document("{ savedViews { id name ownerName ownedByMe builtIn chart recipe { figure measures } } }")
			.execute()
			.path("savedViews")
			.entityList(Map.class)
			.get()
			.stream()
			.map((view) -> (Map<String, Object>) view)
			.filter((view) -> Boolean.TRUE.equals(view.get("builtIn")))
			.toList();
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> colleagues(HttpGraphQlTester tester, String search) {
		return tester.document("query($s: String!) { colleagues(search: $s) { id displayName posts } }")
			.variable("s", search)
			.execute()
			.path("colleagues")
			.entityList(Map.class)
			.get()
			.stream()
			.map((colleague) -> (Map<String, Object>) colleague)
			.toList();
	}

}
