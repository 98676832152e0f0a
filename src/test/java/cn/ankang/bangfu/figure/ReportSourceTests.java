package cn.ankang.bangfu.figure;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The records behind the annual report's headlines (reportSource): every listed headline
 * is what its records add up to, a source pages through every record once and downloads
 * whole with Chinese heads, and a county officer's source holds their county's records
 * while shares have none; through the API on the demo city.
 */
class ReportSourceTests extends FigureTestSupport {

	@Test
	void everyListedHeadlineIsWhatItsRecordsAddUpTo() {
		Map<String, Map<String, Object>> headlines = headlines(this.graphQl.document("""
				{ annualReport(year: 2023) { headlines { figure value hasSource } } }""").execute());
		List<String> listed = headlines.values()
			.stream()
			.filter((headline) -> Boolean.TRUE.equals(headline.get("hasSource")))
			.map((headline) -> (String) headline.get("figure"))
			.toList();
		assertThat(listed)
			.contains("LINKAGE_FUNDS", "MONITORED_PEOPLE", "FIRST_SECRETARIES", "KEY_VILLAGES",
					"NEXT_YEAR_PIPELINE_PLANNED", "LEADER_LIAISONS", "ASSISTANCE_UNITS")
			.doesNotContain("KEY_COUNTY_LINKAGE_FUNDS_SHARE", "AVERAGE_NET_INCOME", "AVERAGE_NET_INCOME_GROWTH");
		for (String figure : listed) {
			GraphQlTester.Response source = this.graphQl
				.document("query($figure: ReportFigure!) { reportSource(year: 2023, figure: $figure, first: 0) "
						+ "{ totalCount total } }")
				.variable("figure", figure)
				.execute();
			double total = source.path("reportSource.total").entity(Double.class).get();
			assertThat(total).as(figure)
				.isCloseTo(((Number) headlines.get(figure).get("value")).doubleValue(), within(0.005));
			assertThat(source.path("reportSource.totalCount").entity(Integer.class).get()).as(figure).isPositive();
		}
	}

	@Test
	void aSourcePagesThroughEveryRecordOnceAndAddsUpToItsFigure() {
		String document = """
				query($after: String) { reportSource(year: 2023, figure: KEY_VILLAGES, first: 100, after: $after) {
				  totalCount total pageInfo { hasNextPage endCursor }
				  edges { node { recordId recordType name countyName townName villageName counted } } } }""";
		java.util.Set<String> seen = new java.util.HashSet<>();
		String after = null;
		double sum = 0;
		int pages = 0;
		do {
			GraphQlTester.Response page = this.graphQl.document(document).variable("after", after).execute();
			@SuppressWarnings("unchecked")
			List<Map<String, Object>> nodes = (List<Map<String, Object>>) (List<?>) page
				.path("reportSource.edges[*].node")
				.entityList(Map.class)
				.get();
			for (Map<String, Object> node : nodes) {
				assertThat(seen.add((String) node.get("recordId"))).isTrue();
				assertThat(node).containsEntry("recordType", "Village");
				assertThat(node.get("villageName")).isEqualTo(node.get("name"));
				assertThat(node.get("countyName")).isNotNull();
				sum += ((Number) node.get("counted")).doubleValue();
			}
			after = page.path("reportSource.pageInfo.hasNextPage").entity(Boolean.class).get()
					? page.path("reportSource.pageInfo.endCursor").entity(String.class).get() : null;
			pages++;
		}
		while (after != null);
		int keyVillages = sqlInt("select count(*) from village where key_designation is not null");
		assertThat(pages).isEqualTo((keyVillages + 99) / 100);
		assertThat(seen).hasSize(keyVillages);
		assertThat(sum).isEqualTo(keyVillages);
	}

	@Test
	void aSourceDownloadsWholeWithChineseHeads() throws Exception {
		String document = """
				query($year: Int!, $figure: ReportFigure!) { reportSource(year: $year, figure: $figure, first: 100) {
				  edges { node { name countyName counted } } } }""";
		String json = new tools.jackson.databind.json.JsonMapper()
			.writeValueAsString(Map.of("query", document, "variables", Map.of("year", 2023, "figure", "KEY_VILLAGES")));
		java.net.http.HttpResponse<String> csv = java.net.http.HttpClient.newHttpClient()
			.send(java.net.http.HttpRequest.newBuilder(uri("/exports"))
				.header("Authorization", "Bearer " + accessToken("demo-leader"))
				.header("Content-Type", "application/json")
				.POST(java.net.http.HttpRequest.BodyPublishers.ofString(json))
				.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
		assertThat(csv.statusCode()).isEqualTo(200);
		List<String> lines = csv.body().lines().toList();
		assertThat(lines.get(0)).contains("名称", "县区", "计入数");
		assertThat(lines).hasSize(1 + sqlInt("select count(*) from village where key_designation is not null"));
	}

	@Test
	void aCountyOfficersSourceHoldsTheirCountysRecordsAndSharesHaveNone() {
		GraphQlTester county = as("demo-county");
		double households = county.document("{ annualReport(year: 2023) { headlines { figure value } } }")
			.execute()
			.path("annualReport.headlines[?(@.figure == 'MONITORED_PEOPLE')].value")
			.entityList(Double.class)
			.get()
			.get(0);
		county
			.document("{ reportSource(year: 2023, figure: MONITORED_PEOPLE, first: 5) { total edges { node { "
					+ "name countyName } } } }")
			.execute()
			.path("reportSource.total")
			.entity(Double.class)
			.isEqualTo(households)
			.path("reportSource.edges[*].node.countyName")
			.entityList(String.class)
			.satisfies((counties) -> assertThat(counties).hasSize(5).containsOnly("汉滨区"))
			.path("reportSource.edges[*].node.name")
			.entityList(Object.class)
			.satisfies((names) -> assertThat(names).hasSize(5).containsOnlyNulls());
		assertError("{ reportSource(year: 2023, figure: KEY_COUNTY_LINKAGE_FUNDS_SHARE) { total } }",
				"INVALID_ARGUMENT");
		assertError("{ reportSource(year: 2023, figure: AVERAGE_NET_INCOME) { total } }", "INVALID_ARGUMENT");
		assertError("{ reportSource(year: 1999, figure: KEY_VILLAGES) { total } }", "INVALID_ARGUMENT");
	}

}
