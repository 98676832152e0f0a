package cn.ankang.bangfu.figure;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.demo.DemoFigures;

import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Leaders' figures of the assistance given, each checked against the same figure computed
 * a second way, in SQL written here: funds by source and year, projects by status, cadres
 * by their units' level, paired villages, village construction, villages by county, and
 * supervision by county and by problem category.
 */
class AssistanceFigureTests extends FigureTestSupport {

	@Test
	void fundsBySourceAndYearMatchTheRows() {
		Map<String, Object> expected = expected("""
				select a.source || '/' || p.year as key,
				       (sum(a.planned_fen) / 100.0)::numeric(20, 2) || ' ' || (sum(a.spent_fen) / 100.0)::numeric(20, 2)
				       || ' ' || count(distinct p.id) as value
				from fund_allocation a join project p on p.id = a.project_id
				where p.year between 2023 and 2024 group by 1""");
		List<Map<String, Object>> groups = groups("""
				{ fundFigures(filter: {from: "2023-01-01", to: "2024-12-31"}, groupBy: [FUND_SOURCE, YEAR]) {
				    groups { keys { value } allocated spent projects spendingRate } } }""", "fundFigures");
		assertThat(actual(groups, "allocated", "spent", "projects")).isEqualTo(expected);
		assertThat(groups).allSatisfy((row) -> {
			if (new BigDecimal((String) row.get("allocated")).signum() > 0) {
				assertThat(((Number) row.get("spendingRate")).doubleValue())
					.isCloseTo(new BigDecimal((String) row.get("spent")).doubleValue()
							/ new BigDecimal((String) row.get("allocated")).doubleValue(), within(1e-9));
			}
		});
	}

	@Test
	void projectsByStatusAndCadresByUnitLevelMatchTheRows() {
		assertThat(actual(groups("""
				{ projectFigures(filter: {year: 2024}, groupBy: [PROJECT_STATUS]) {
				    groups { keys { value } projects planned } } }""", "projectFigures"), "projects", "planned"))
			.isEqualTo(expected(
					"""
							select p.status as key, count(*) || ' ' || (coalesce(sum((select sum(a.planned_fen) from fund_allocation a
							       where a.project_id = p.id)), 0) / 100.0)::numeric(20, 2) as value
							from project p where p.year = 2024 group by 1"""));
		assertThat(actual(groups("""
				{ cadreFigures(filter: {to: "2023-12-31"}, groupBy: [UNIT_LEVEL]) {
				    groups { keys { value } firstSecretaries teamMembers } } }""", "cadreFigures"), "firstSecretaries",
				"teamMembers"))
			.isEqualTo(expected(
					"""
							select u.level as key, count(*) filter (where p.role = 'FIRST_SECRETARY') || ' '
							       || count(*) filter (where p.role = 'TEAM_MEMBER') as value
							from posting p join cadre k on k.id = p.cadre_id join assistance_unit u on u.id = k.dispatching_unit_id
							where p.started_on <= '2023-12-31' and (p.ended_on is null or p.ended_on >= '2023-12-31')
							group by 1"""));
	}

	@Test
	void pairedVillagesCountEachVillageOnceHoweverManyUnitsItIsPairedWith() {
		String inForce = "up.started_on <= '2023-12-31' and (up.ended_on is null or up.ended_on >= '2023-12-31')";
		GraphQlTester.Response response = this.graphQl.document("""
				{ assistanceUnitFigures(filter: {year: 2023}, groupBy: [UNIT_LEVEL]) {
				    total { units pairings villages } groups { keys { value } units pairings villages } } }""")
			.execute();
		int villages = sqlInt("select count(distinct up.village_id) from unit_pairing up where " + inForce);
		int pairings = sqlInt("select count(*) from unit_pairing up where " + inForce);
		assertThat(pairings).as("the demo pairs some villages with several units").isGreaterThan(villages);
		response.path("assistanceUnitFigures.total.villages").entity(Integer.class).isEqualTo(villages);
		response.path("assistanceUnitFigures.total.pairings").entity(Integer.class).isEqualTo(pairings);
		assertThat(villages).isLessThanOrEqualTo(sqlInt("select count(*) from village"));
		assertThat(actual(groups(response, "assistanceUnitFigures"), "units", "pairings", "villages"))
			.isEqualTo(expected(
					"""
							select u.level as key, count(distinct u.id) || ' ' || count(*) || ' ' || count(distinct up.village_id)
							       as value
							from unit_pairing up join assistance_unit u on u.id = up.unit_id
							where %s group by 1"""
						.formatted(inForce)));
	}

	@Test
	void villageConstructionCountsTheProjectsCarriedOutWhateverTheirMoney() {
		String carriedOut = """
				from project p where p.year = 2023 and p.category = 'VILLAGE_CONSTRUCTION'
				and p.status in ('IN_PROGRESS', 'COMPLETED', 'ACCEPTED', 'ASSETS_HANDED_OVER')""";
		GraphQlTester.Response report = this.graphQl
			.document("{ annualReport(year: 2023) { villageConstruction { projects planned spent } } }")
			.execute();
		report.path("annualReport.villageConstruction.projects")
			.entity(Integer.class)
			.isEqualTo(DemoFigures.VILLAGE_CONSTRUCTION_PROJECTS_2023)
			.isEqualTo(sqlInt("select count(*) " + carriedOut));
		report.path("annualReport.villageConstruction.planned")
			.entity(String.class)
			.isEqualTo(sqlString("select (sum(p.planned_fen) / 100.0)::numeric(20, 2)::text " + carriedOut));
		report.path("annualReport.villageConstruction.spent")
			.entity(String.class)
			.isEqualTo(sqlString("select (sum(f.spent_fen) / 100.0)::numeric(20, 2)::text from fund_allocation f "
					+ "where f.project_id in (select p.id " + carriedOut + ")"));
		// projects only approved are not carried out yet, and none of the money is
		// linkage
		// money
		assertThat(sqlInt("select count(*) from project p where p.year = 2023 and p.category = 'VILLAGE_CONSTRUCTION'"))
			.isGreaterThan(DemoFigures.VILLAGE_CONSTRUCTION_PROJECTS_2023);
		assertThat(sqlInt("""
				select count(*) from fund_allocation f join project p on p.id = f.project_id
				where p.category = 'VILLAGE_CONSTRUCTION' and f.source <> 'SECTOR_DEPARTMENTS'""")).isZero();
		as("demo-county").document("{ annualReport(year: 2023) { villageConstruction { projects } } }")
			.execute()
			.path("annualReport.villageConstruction.projects")
			.entity(Integer.class)
			.isEqualTo(sqlInt("select count(*) " + carriedOut
					+ " and p.county_id = (select id from county where code = '610902')"));
	}

	@Test
	void villagesByCountyMatchTheirRecords() {
		assertThat(actual(
				groups("""
						{ villageFigures(filter: {year: 2023}, groupBy: [COUNTY]) {
						    groups { keys { value } villages relocationCommunities villagesWithLegalAdviser
						             villagesWithPlanCompiled villagesWithIncomeOver100k collectiveIncome } } }""",
						"villageFigures"),
				"villages", "relocationCommunities", "villagesWithLegalAdviser", "villagesWithPlanCompiled",
				"villagesWithIncomeOver100k", "collectiveIncome"))
			.isEqualTo(expected("""
					select c.code as key, count(*) || ' ' || count(*) filter (where x.relocated) || ' '
					       || count(*) filter (where x.advised) || ' ' || count(*) filter (where x.planned) || ' '
					       || count(*) filter (where x.income >= 100000 * 100) || ' '
					       || (coalesce(sum(x.income), 0) / 100.0)::numeric(20, 2) as value
					from (select v.id, v.town_id,
					             v.id in (select village_id from relocation_community) as relocated,
					             exists (select from legal_adviser_posting a where a.village_id = v.id
					                     and daterange(a.started_on, a.ended_on, '[]') @> date '2023-12-31') as advised,
					             exists (select from village_plan p where p.village_id = v.id
					                     and p.compiled_year = 2023) as planned,
					             (select i.income_fen from village_collective_income i
					              where i.village_id = v.id and i.year = 2023) as income
					      from village v) x
					join town t on t.id = x.town_id join county c on c.id = t.county_id
					group by c.code"""));
		// a county officer's figures are the county's
		as("demo-county").document("{ villageFigures(filter: {year: 2023}) { total { villages } } }")
			.execute()
			.path("villageFigures.total.villages")
			.entity(Integer.class)
			.isEqualTo(sqlInt("""
					select count(*) from village v join town t on t.id = v.town_id join county c on c.id = t.county_id
					where c.code = '610902'"""));
	}

	@Test
	void supervisionByCountyMatchesTheRows() {
		String year = "r.started_on between '2023-01-01' and '2023-12-31'";
		Map<String, Object> expected = expected(
				"""
						select co.code as key,
						       (select count(distinct c.round_id) from supervision_coverage c join supervision_round r on r.id = c.round_id
						        where c.county_id = co.id and %1$s)
						       || ' ' || (select count(distinct c.town_id) from supervision_coverage c
						                  join supervision_round r on r.id = c.round_id where c.county_id = co.id and %1$s)
						       || ' ' || (select count(distinct c.village_id) from supervision_coverage c
						                  join supervision_round r on r.id = c.round_id where c.county_id = co.id and %1$s)
						       || ' ' || (select count(*) from supervision_problem p
						                  where p.county_id = co.id and p.found_on between '2023-01-01' and '2023-12-31')
						       || ' ' || (select count(*) from supervision_problem p
						                  where p.county_id = co.id and p.closed_on between '2023-01-01' and '2023-12-31') as value
						from county co
						where exists (select from supervision_coverage c join supervision_round r on r.id = c.round_id
						              where c.county_id = co.id and %1$s)
						   or exists (select from supervision_problem p where p.county_id = co.id and p.found_on <= '2023-12-31')
						union all
						select '', count(distinct c.round_id) || ' 0 0 0 0' from supervision_coverage c
						join supervision_round r on r.id = c.round_id where c.county_id is null and %1$s
						having count(*) > 0"""
					.formatted(year));
		List<Map<String, Object>> groups = groups("""
				{ supervisionFigures(filter: {year: 2023}, groupBy: [COUNTY]) {
				    groups { keys { value } rounds towns villages problemsFound problemsRectified } } }""",
				"supervisionFigures");
		assertThat(actual(groups, "rounds", "towns", "villages", "problemsFound", "problemsRectified"))
			.isEqualTo(expected);
		// the zones and departments the rounds covered lie in no county: their group
		assertThat(groups).anySatisfy((row) -> assertThat(row.get("rounds")).isEqualTo(5));
	}

	@Test
	void supervisionProblemsByCategoryMatchTheRowsAsTheyStoodAtTheYearsEnd() {
		Map<String, Object> expected = expected("""
				select p.category as key,
				       count(*) filter (where p.found_on >= '2023-01-01')
				       || ' ' || count(*) filter (where p.closed_on between '2023-01-01' and '2023-12-31')
				       || ' ' || count(*) filter (where p.closed_on is null or p.closed_on > '2023-12-31')
				       || ' ' || count(*) filter (where (p.closed_on is null or p.closed_on > '2023-12-31')
				                                    and p.deadline < '2023-12-31') as value
				from supervision_problem p where p.found_on <= '2023-12-31' group by 1
				union all
				select '', '0 0 0 0' where exists (select from supervision_round r where r.year = 2023)""");
		List<Map<String, Object>> groups = groups("""
				{ supervisionFigures(filter: {year: 2023}, groupBy: [PROBLEM_CATEGORY]) {
				    groups { keys { value label } problemsFound problemsRectified problemsOpen problemsOverdue } } }""",
				"supervisionFigures");
		assertThat(actual(groups, "problemsFound", "problemsRectified", "problemsOpen", "problemsOverdue"))
			.isEqualTo(expected);
		assertThat(groups).anySatisfy((row) -> assertThat(row.get("keys").toString()).contains("住房安全"));
	}

}
