package cn.ankang.bangfu.figure;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.demo.DemoFigures;

import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Leaders' figures of households, each checked against the same figure computed a second
 * way, in SQL written here: monitoring by county and category, measures by county and
 * type, risk types counted once per household, visits by month and coverage by county
 * with the list of households not visited behind it, and the bodies that drive
 * households.
 */
class HouseholdFigureTests extends FigureTestSupport {

	@Test
	void monitoringByCountyAndCategoryMatchesTheRows() {
		Map<String, Object> expected = expected(
				"""
						select c.code || '/' || h.category as key, count(*) || ' ' || sum((select count(*) from household_member m
						       where m.household_id = h.id)) || ' ' || count(*) filter (where h.status = 'RISK_ELIMINATED') as value
						from household h join village v on v.id = h.village_id join town t on t.id = v.town_id
						join county c on c.id = t.county_id
						where h.identified_on <= '2023-12-31' group by 1""");
		List<Map<String, Object>> groups = groups("""
				{ monitoringFigures(filter: {year: 2023}, groupBy: [COUNTY, CATEGORY]) {
				    groups { keys { value } households people eliminatedHouseholds } } }""", "monitoringFigures");
		assertThat(actual(groups, "households", "people", "eliminatedHouseholds")).isEqualTo(expected);
	}

	@Test
	void measuresByCountyAndTypeMatchTheRowsOfTheirHouseholds() {
		// the figure reads the measures by their own village column; here, by their
		// households'
		Map<String, Object> expected = expected(
				"""
						select c.code || '/' || am.type as key,
						       count(*) || ' ' || count(*) filter (where am.started_on >= '2023-01-01') || ' '
						       || count(distinct am.household_id) as value
						from assistance_measure am join household h on h.id = am.household_id
						join village v on v.id = h.village_id join town t on t.id = v.town_id join county c on c.id = t.county_id
						where am.started_on <= '2023-12-31' group by 1""");
		List<Map<String, Object>> groups = groups("""
				{ measureFigures(filter: {year: 2023}, groupBy: [COUNTY, MEASURE_TYPE]) {
				    groups { keys { value } measures newMeasures households } } }""", "measureFigures");
		assertThat(expected).isNotEmpty();
		assertThat(actual(groups, "measures", "newMeasures", "households")).isEqualTo(expected);
	}

	@Test
	void householdsCountOncePerRiskTypeInGroupsAndOnceInTheTotal() {
		Map<String, Object> expected = expected("""
				select r as key, count(*)::text as value from household h, unnest(h.risk_types) r
				where h.identified_on <= '2023-12-31' group by 1""");
		GraphQlTester.Response response = this.graphQl.document("""
				{ monitoringFigures(filter: {year: 2023}, groupBy: [RISK_TYPE]) {
				    total { households } groups { keys { value label } households } } }""").execute();
		response.path("monitoringFigures.total.households").entity(Integer.class).isEqualTo(DemoFigures.HOUSEHOLDS);
		assertThat(actual(groups(response, "monitoringFigures"), "households")).isEqualTo(expected);
		response.path("monitoringFigures.groups[*].keys[0].label").entityList(String.class).contains("因病");
	}

	@Test
	void visitsByMonthAndCoverageByCountyMatchTheRows() {
		assertThat(actual(groups("""
				{ visitFigures(filter: {from: "2023-01-01", to: "2023-12-31"}, groupBy: [MONTH]) {
				    groups { keys { value } visits households } } }""", "visitFigures"), "visits", "households"))
			.isEqualTo(expected("""
					select to_char(occurred_at at time zone 'Asia/Shanghai', 'YYYY-MM') as key,
					       count(*) || ' ' || count(distinct household_id) as value
					from visit where replaced_by is null
					  and (occurred_at at time zone 'Asia/Shanghai')::date between '2023-01-01' and '2023-12-31'
					group by 1"""));
		List<Map<String, Object>> coverage = groups("""
				{ visitCoverageFigures(days: 90, groupBy: [COUNTY]) {
				    days groups { keys { value } monitoredHouseholds visitedHouseholds coverage } } }""",
				"visitCoverageFigures");
		assertThat(actual(coverage, "monitoredHouseholds", "visitedHouseholds")).isEqualTo(expected("""
				select c.code as key, count(*) || ' ' || count(*) filter (where exists (
				         select 1 from visit vi where vi.household_id = h.id and vi.replaced_by is null
				           and vi.occurred_at >= now() - interval '90 days')) as value
				from household h join village v on v.id = h.village_id join town t on t.id = v.town_id
				join county c on c.id = t.county_id
				where h.status = 'MONITORING' group by 1"""));
	}

	@Test
	void theHouseholdsNotVisitedAreTheListBehindTheCoverageCount() {
		int unvisited = this.graphQl.document("""
				{ visitCoverageFigures(days: 60, filter: {countyCode: "610902"}) { total { unvisitedHouseholds } } }""")
			.execute()
			.path("visitCoverageFigures.total.unvisitedHouseholds")
			.entity(Integer.class)
			.get();
		this.graphQl.document("""
				{ households(first: 1, filter: {countyCode: "610902", status: MONITORING, notVisitedInDays: 60}) {
				    totalCount edges { node { id visits(first: 1) { edges { node { occurredAt } } } } } } }""")
			.execute()
			.path("households.totalCount")
			.entity(Integer.class)
			.isEqualTo(unvisited);
		assertError("{ households(filter: {notVisitedInDays: 0}) { totalCount } }", "INVALID_ARGUMENT");
	}

	@Test
	void bodiesThatDriveHouseholdsByCountyAndKindMatchTheRows() {
		// written from the years by the body's village, town or county, each year a row
		Map<String, Object> expected = expected("""
				select c.code || '/' || e.kind as key,
				       count(distinct e.id) || ' ' || sum(y.linked_households) || ' ' || sum(y.linked_people) || ' '
				       || sum(y.workers) || ' ' || sum(y.workers_out_of_poverty) as value
				from enterprise_year y join enterprise e on e.id = y.enterprise_id join county c on c.id = e.county_id
				where y.year = 2023 group by 1""");
		List<Map<String, Object>> groups = groups(
				"""
						{ enterpriseFigures(filter: {year: 2023}, groupBy: [COUNTY, ENTERPRISE_KIND]) {
						    groups { keys { value } enterprises linkedHouseholds linkedPeople workers workersOutOfPoverty } } }""",
				"enterpriseFigures");
		assertThat(expected).hasSizeGreaterThan(10);
		assertThat(actual(groups, "enterprises", "linkedHouseholds", "linkedPeople", "workers", "workersOutOfPoverty"))
			.isEqualTo(expected);
		// by the way they link households: a body counts in each of its ways
		Map<String, Object> byMode = expected("""
				select m as key, count(distinct e.id) || ' ' || sum(y.linked_people) as value
				from enterprise_year y join enterprise e on e.id = y.enterprise_id cross join unnest(y.modes) m
				where y.year between 2022 and 2023 and e.kind <> 'COMMUNITY_FACTORY' and y.linked_people > 0
				group by 1""");
		GraphQlTester.Response response = this.graphQl.document("""
				{ enterpriseFigures(filter: {from: "2022-01-01", to: "2023-12-31"}, drivingOnly: true,
				                    kinds: [ENTERPRISE, COOPERATIVE, FAMILY_FARM, OTHER], groupBy: [DRIVING_MODE]) {
				    total { drivingEnterprises communityFactories linkedPeople }
				    groups { keys { value label } enterprises linkedPeople } } }""").execute();
		assertThat(actual(groups(response, "enterpriseFigures"), "enterprises", "linkedPeople")).isEqualTo(byMode);
		response.path("enterpriseFigures.total.communityFactories").entity(Integer.class).isEqualTo(0);
		response.path("enterpriseFigures.total.linkedPeople").entity(Integer.class).isEqualTo(sqlInt("""
				select sum(y.linked_people) from enterprise_year y join enterprise e on e.id = y.enterprise_id
				where y.year in (2022, 2023) and e.kind <> 'COMMUNITY_FACTORY'"""));
		response.path("enterpriseFigures.groups[*].keys[0].label").entityList(String.class).contains("订单生产");
	}

}
