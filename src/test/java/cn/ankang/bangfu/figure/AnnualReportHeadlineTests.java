package cn.ankang.bangfu.figure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.demo.DemoFigures;

import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The annual report's headlines: every headline figure from the records beside the
 * published report, the report's own arithmetic checked, a county officer's figures
 * without the city's published ones, the published figures a city leader records (once,
 * and again as another version) and those refused, and the three guarantees by county;
 * through the API on the demo city (whose 2023 report is recorded as published).
 */
class AnnualReportHeadlineTests extends FigureTestSupport {

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

}
