package cn.ankang.bangfu.figure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.ApiTestSupport;
import cn.ankang.bangfu.demo.DemoFigures;

import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The annual report as a whole: every headline figure from the records beside the
 * published report, and the report's own arithmetic checked, through the API on the demo
 * city (whose 2023 report is recorded as published).
 */
class AnnualReportTests extends ApiTestSupport {

	private static final String HEADLINES = """
			query($year: Int!) { annualReport(year: $year) {
			  headlines { figure name unit unitName value agreesWithPublished
			              published { value roundedTo wording version } }
			  checks { figure name follows followingFromPublishedTotals fromRecords statement
			           published { value wording } numerator { figure value } denominator { figure value } } } }""";

	@Test
	void everyHeadlineInTheReportsOrderWithTheRecordsBesideThePublishedFigures() {
		Map<String, Map<String, Object>> headlines = headlines(
				this.graphQl.document(HEADLINES).variable("year", 2023).execute());
		assertThat(headlines.keySet())
			.containsExactly(java.util.Arrays.stream(ReportFigure.values()).map(Enum::name).toArray(String[]::new));
		// each against a second computation: the report's constants or SQL written here
		assertHeadline(headlines, "MONITORED_HOUSEHOLDS", DemoFigures.HOUSEHOLDS);
		assertHeadline(headlines, "ELIMINATED_PEOPLE", DemoFigures.ELIMINATED_PEOPLE);
		assertHeadline(headlines, "FIRST_SECRETARIES", DemoFigures.FIRST_SECRETARIES);
		assertHeadline(headlines, "LINKAGE_FUNDS", DemoFigures.LINKAGE_FEN_2023 / 100.0);
		assertHeadline(headlines, "NEXT_YEAR_PIPELINE_PLANNED", DemoFigures.PIPELINE_FEN_2024 / 100.0);
		assertHeadline(headlines, "LEADER_LIAISONS", sqlInt("""
				select count(*) from leader_liaison
				where started_on <= '2023-12-31' and (ended_on is null or ended_on >= '2023-12-31')"""));
		assertHeadline(headlines, "KEY_VILLAGES",
				sqlInt("select count(*) from village where key_designation is not null"));
		assertHeadline(headlines, "NATIONAL_KEY_COUNTIES",
				sqlInt("select count(*) from county where key_designation = 'NATIONAL'"));
		assertHeadline(headlines, "PROVINCIAL_KEY_TOWNS",
				sqlInt("select count(*) from town where key_designation is not null"));
		assertThat(headlines.get("ELIMINATION_RATE_BY_PEOPLE").get("value")).isInstanceOfSatisfying(Double.class,
				(rate) -> assertThat(rate).isCloseTo((double) DemoFigures.ELIMINATED_PEOPLE / DemoFigures.PEOPLE,
						within(0.000001)));
		assertThat(headlines.get("ELIMINATION_RATE_BY_PEOPLE").get("agreesWithPublished")).isEqualTo(true);
		assertThat(headlines.get("ELIMINATION_RATE_BY_PEOPLE").get("unitName")).isEqualTo("%");
		assertThat(headlines.get("LINKAGE_FUNDS").get("name")).isEqualTo("财政衔接资金");
		// the key towns' and villages' linkage funds, summed here from the allocations
		double keyTownsAndVillages = sqlInt(
				"""
						select (coalesce(sum(f.planned_fen), 0) / 100)::int from fund_allocation f join project p on p.id = f.project_id
						left join town t on t.id = p.town_id left join village v on v.id = p.village_id
						where p.year = 2023 and f.source like '%_LINKAGE'
						  and (t.key_designation is not null or v.key_designation is not null)""");
		assertThat(keyTownsAndVillages).isEqualTo(DemoFigures.LINKAGE_FEN_KEY_AREAS_2023 / 100.0);
		assertHeadline(headlines, "KEY_TOWN_AND_VILLAGE_LINKAGE_FUNDS", keyTownsAndVillages);
		assertThat(published(headlines, "KEY_TOWN_AND_VILLAGE_LINKAGE_FUNDS").get("wording")).isEqualTo("3.62亿元");
		// the whole report: every headline from the records, each as published but the
		// share whose own arithmetic is wrong (72 %, where its totals make 62.2 %)
		assertThat(headlines.values()).allSatisfy((headline) -> {
			assertThat(headline.get("value")).as((String) headline.get("figure")).isNotNull();
			assertThat(headline.get("published")).as((String) headline.get("figure")).isNotNull();
			assertThat(headline.get("agreesWithPublished")).as((String) headline.get("figure"))
				.isEqualTo(!headline.get("figure").equals("KEY_COUNTY_LINKAGE_FUNDS_SHARE"));
		});
	}

	@Test
	void theOutOfPovertyPopulationsFiguresComeFromItsRegisterAndAgreeWithThePublishedOnes() {
		Map<String, Map<String, Object>> headlines = headlines(
				this.graphQl.document(HEADLINES).variable("year", 2023).execute());
		// each a second time in SQL written here, over the register's own tables
		assertHeadline(headlines, "PEOPLE_IN_WORK",
				sqlInt("select sum(people)::int from exited_household_employment where year = 2023"));
		assertHeadline(headlines, "MICROCREDIT_ISSUED", sqlDouble(
				"select sum(amount_fen)::float8 / 100 from microcredit_loan where issued_on <= '2023-12-31'"));
		double average2023 = sqlDouble("""
				select sum(per_capita_income_fen * people)::float8 / sum(people) / 100
				from exited_household_year where year = 2023""");
		double average2022 = sqlDouble("""
				select sum(p.per_capita_income_fen * p.people)::float8 / sum(p.people) / 100
				from exited_household_year p join exited_household_year y on y.household_id = p.household_id
				where p.year = 2022 and y.year = 2023""");
		assertHeadline(headlines, "AVERAGE_NET_INCOME", average2023);
		assertHeadline(headlines, "AVERAGE_NET_INCOME_GROWTH", average2023 / average2022 - 1);
		// and the published report's, as the demo data set is built to give them
		assertThat(Math.round(average2023)).isEqualTo(DemoFigures.AVERAGE_NET_INCOME_YUAN_2023);
		assertThat(published(headlines, "AVERAGE_NET_INCOME_GROWTH").get("wording")).isEqualTo("14.1%");
		assertThat(published(headlines, "MICROCREDIT_ISSUED").get("wording")).isEqualTo("79.28亿元");
		// a county officer gets the county's, from the same records
		Map<String, Map<String, Object>> county = headlines(
				as("demo-county").document(HEADLINES).variable("year", 2023).execute());
		assertHeadlineValue(county, "PEOPLE_IN_WORK", sqlInt("""
				select coalesce(sum(e.people), 0)::int from exited_household_employment e
				join village v on v.id = e.village_id where v.code like '610902%' and e.year = 2023"""));
		assertThat(((Number) county.get("PEOPLE_IN_WORK").get("value")).intValue()).isPositive()
			.isLessThan(DemoFigures.PEOPLE_IN_WORK_2023);
	}

	private double sqlDouble(String sql) {
		return this.jdbc.sql(sql).query(Double.class).single();
	}

	@Test
	void theReportsSharesAreCheckedAgainstItsOwnTotalsAndThe72PercentDoesNotFollow() {
		GraphQlTester.Response response = this.graphQl.document(HEADLINES).variable("year", 2023).execute();
		Map<String, Map<String, Object>> checks = byFigure(response, "annualReport.checks");
		assertThat(checks).containsOnlyKeys("KEY_COUNTY_LINKAGE_FUNDS_SHARE", "KEY_COUNTY_LINKAGE_PROJECTS_SHARE",
				"ELIMINATION_RATE_BY_PEOPLE");
		Map<String, Object> funds = checks.get("KEY_COUNTY_LINKAGE_FUNDS_SHARE");
		assertThat(funds.get("follows")).isEqualTo(false);
		assertThat((Double) funds.get("followingFromPublishedTotals")).isCloseTo(1542.0 / 2478, within(0.000001));
		assertThat((Double) funds.get("fromRecords")).isCloseTo(
				(double) DemoFigures.LINKAGE_FEN_KEY_COUNTIES_2023 / DemoFigures.LINKAGE_FEN_2023, within(0.000001));
		assertThat(funds.get("statement")).asString().contains("72%", "62.2%", "15.42亿元", "24.78亿元", "不符");
		Map<String, Object> projects = checks.get("KEY_COUNTY_LINKAGE_PROJECTS_SHARE");
		assertThat(projects.get("follows")).isEqualTo(true);
		assertThat((Double) projects.get("followingFromPublishedTotals")).isCloseTo(1432.0 / 2097, within(0.000001));
		assertThat(checks.get("ELIMINATION_RATE_BY_PEOPLE").get("follows")).isEqualTo(true);
		// the published share itself is kept as published, beside the records' own
		Map<String, Map<String, Object>> headlines = headlines(response);
		assertThat(published(headlines, "KEY_COUNTY_LINKAGE_FUNDS_SHARE").get("value")).isEqualTo(0.72);
		assertThat(headlines.get("KEY_COUNTY_LINKAGE_FUNDS_SHARE").get("agreesWithPublished")).isEqualTo(false);
	}

	@Test
	void aCountyOfficerGetsTheirCountysFiguresWithoutTheCitysPublishedOnes() {
		Map<String, Map<String, Object>> headlines = headlines(
				as("demo-county").document(HEADLINES).variable("year", 2023).execute());
		assertHeadlineValue(headlines, "MONITORED_HOUSEHOLDS", sqlInt("""
				select count(*) from household h join village v on v.id = h.village_id
				where v.code like '610902%' and h.identified_on <= '2023-12-31'"""));
		assertThat(headlines.values()).allSatisfy((headline) -> assertThat(headline.get("published")).isNull());
		as("demo-county").document(HEADLINES)
			.variable("year", 2023)
			.execute()
			.path("annualReport.checks")
			.entityList(Object.class)
			.hasSize(0);
	}

	@Test
	void aCityLeaderRecordsTheirReportsFiguresOnceAndAgainAsAnotherVersion() {
		String changeId = UUID.randomUUID().toString();
		String record = """
				mutation($input: RecordPublishedFigureInput!) { recordPublishedFigure(input: $input) {
				  recorded { cityCode year figure { figure value roundedTo wording version } } userErrors { code field } } }""";
		Map<String, Object> input = new LinkedHashMap<>(Map.of("changeId", changeId, "year", 2022, "figure",
				"PEOPLE_IN_WORK", "value", "361200", "roundedTo", "100", "wording", "36.12万人"));
		this.graphQl.document(record)
			.variable("input", input)
			.execute()
			.path("recordPublishedFigure.recorded.cityCode")
			.entity(String.class)
			.isEqualTo("6109")
			.path("recordPublishedFigure.recorded.figure.version")
			.entity(Integer.class)
			.isEqualTo(1);
		// the same change sent again is answered as the first sending, not applied twice
		this.graphQl.document(record)
			.variable("input", input)
			.execute()
			.path("recordPublishedFigure.recorded.figure.version")
			.entity(Integer.class)
			.isEqualTo(1);
		input.put("changeId", UUID.randomUUID().toString());
		input.put("value", "361300");
		this.graphQl.document(record)
			.variable("input", input)
			.execute()
			.path("recordPublishedFigure.recorded.figure.version")
			.entity(Integer.class)
			.isEqualTo(2);
		Map<String, Map<String, Object>> headlines = headlines(
				this.graphQl.document(HEADLINES).variable("year", 2022).execute());
		assertThat(published(headlines, "PEOPLE_IN_WORK")).containsEntry("value", 361300.0)
			.containsEntry("wording", "36.12万人");
	}

	@Test
	void publishedFiguresThatCannotBeRightOrAreNotYoursAreRefused() {
		String record = """
				mutation($input: RecordPublishedFigureInput!) { recordPublishedFigure(input: $input) {
				  recorded { year } userErrors { code field } } }""";
		refused(this.graphQl, record, Map.of("value", "-3"), "INVALID_INPUT");
		refused(this.graphQl, record, Map.of("value", "七十二"), "INVALID_INPUT");
		refused(this.graphQl, record, Map.of("roundedTo", "0"), "INVALID_INPUT");
		refused(this.graphQl, record, Map.of("figure", "KEY_COUNTY_LINKAGE_FUNDS_SHARE", "value", "72"),
				"INVALID_INPUT");
		refused(this.graphQl, record, Map.of("cityCode", "9999"), "NOT_FOUND");
		refused(as("demo-admin"), record, Map.of("cityCode", "9999"), "NOT_FOUND");
		assertError(as("demo-county").document(record).variable("input", input(Map.of())), "FORBIDDEN");
		assertThat(sqlInt("select count(*) from published_figure where year = 2021")).isZero();
	}

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

	@Test
	void theThreeGuaranteesByCountyAreWhatEachHouseholdsLastCheckingVisitFound() {
		// written here another way: each household's checks in order, the last one that
		// checked kept
		Map<String, String> expected = new LinkedHashMap<>();
		this.jdbc
			.sql("""
					with checks as (
					  select vi.household_id, vi.village_id, vi.occurred_at, vi.housing_safe, vi.drinking_water_safe,
					         row_number() over (partition by vi.household_id order by vi.occurred_at desc) as latest,
					         row_number() over (partition by vi.household_id, vi.housing_safe is not null
					                            order by vi.occurred_at desc) as housing_rank,
					         row_number() over (partition by vi.household_id, vi.drinking_water_safe is not null
					                            order by vi.occurred_at desc) as water_rank
					  from visit vi
					  where vi.replaced_by is null and vi.household_id is not null
					    and vi.occurred_at >= timestamptz '2023-01-01 00:00+08' and vi.occurred_at < timestamptz '2024-01-01 00:00+08'),
					per_household as (
					  select household_id,
					         max(village_id) filter (where latest = 1) as village_id,
					         bool_or(housing_safe) filter (where housing_rank = 1 and housing_safe is not null) as housing,
					         bool_or(drinking_water_safe) filter (where water_rank = 1 and drinking_water_safe is not null) as water
					  from checks group by household_id)
					select c.code as key, count(*) || ' ' || count(housing) || ' ' || count(*) filter (where housing) || ' '
					       || count(water) || ' ' || count(*) filter (where water) as value
					from per_household ph join village v on v.id = ph.village_id join town t on t.id = v.town_id
					join county c on c.id = t.county_id group by 1""")
			.query((rs) -> {
				expected.put(rs.getString("key"), rs.getString("value"));
			});
		GraphQlTester.Response response = this.graphQl.document(
				"""
						{ guaranteeFigures(filter: {year: 2023}, groupBy: [COUNTY]) {
						    total { households housingSafeShare }
						    groups { keys { value } households housingChecked housingSafe drinkingWaterChecked drinkingWaterSafe } } }""")
			.execute();
		Map<String, String> actual = new LinkedHashMap<>();
		for (Map<String, Object> group : byKey(response)) {
			actual.put((String) group.get("key"),
					"%s %s %s %s %s".formatted(group.get("households"), group.get("housingChecked"),
							group.get("housingSafe"), group.get("drinkingWaterChecked"),
							group.get("drinkingWaterSafe")));
		}
		assertThat(expected).hasSize(10);
		assertThat(actual).isEqualTo(expected);
		assertThat(expected.values()).anySatisfy((value) -> {
			String[] counts = value.split(" ");
			assertThat(counts[1]).as("some houses found unsafe").isNotEqualTo(counts[2]);
		});
		this.graphQl.document("{ annualReport(year: 2023) { guarantees { households housingSafeShare } } }")
			.execute()
			.path("annualReport.guarantees")
			.entity(Map.class)
			.isEqualTo(response.path("guaranteeFigures.total").entity(Map.class).get());
		assertError("{ guaranteeFigures(groupBy: [VILLAGE]) { total { households } } }", "INVALID_ARGUMENT");
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> byKey(GraphQlTester.Response response) {
		List<Map<String, Object>> rows = new java.util.ArrayList<>();
		for (Map<String, Object> group : (List<Map<String, Object>>) (List<?>) response.path("guaranteeFigures.groups")
			.entityList(Map.class)
			.get()) {
			Map<String, Object> row = new LinkedHashMap<>(group);
			row.put("key", ((List<Map<String, Object>>) group.get("keys")).get(0).get("value"));
			rows.add(row);
		}
		return rows;
	}

	private static void refused(GraphQlTester tester, String document, Map<String, String> change, String code) {
		tester.document(document)
			.variable("input", input(change))
			.execute()
			.path("recordPublishedFigure.recorded")
			.valueIsNull()
			.path("recordPublishedFigure.userErrors[0].code")
			.entity(String.class)
			.isEqualTo(code);
	}

	private static Map<String, Object> input(Map<String, String> change) {
		Map<String, Object> input = new LinkedHashMap<>(Map.of("changeId", UUID.randomUUID().toString(), "year", 2021,
				"figure", "LINKAGE_FUNDS", "value", "2000000000", "roundedTo", "1000000", "wording", "20亿元"));
		input.putAll(change);
		return input;
	}

	private static void assertHeadline(Map<String, Map<String, Object>> headlines, String figure, double expected) {
		assertHeadlineValue(headlines, figure, expected);
		assertThat(headlines.get(figure).get("agreesWithPublished")).as(figure).isEqualTo(true);
	}

	private static void assertHeadlineValue(Map<String, Map<String, Object>> headlines, String figure,
			double expected) {
		assertThat(((Number) headlines.get(figure).get("value")).doubleValue()).as(figure)
			.isCloseTo(expected, within(0.001));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> published(Map<String, Map<String, Object>> headlines, String figure) {
		return (Map<String, Object>) headlines.get(figure).get("published");
	}

	private static Map<String, Map<String, Object>> headlines(GraphQlTester.Response response) {
		return byFigure(response, "annualReport.headlines");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Map<String, Object>> byFigure(GraphQlTester.Response response, String path) {
		Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
		for (Map<String, Object> row : (List<Map<String, Object>>) (List<?>) response.path(path)
			.entityList(Map.class)
			.get()) {
			rows.put((String) row.get("figure"), row);
		}
		return rows;
	}

}
