package cn.ankang.bangfu.figure;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.ApiTestSupport;
import cn.ankang.bangfu.demo.DemoFigures;
import cn.ankang.bangfu.security.jurisdiction.ScopedTransactionManager;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Leaders' figures, each checked against the same figure computed a second way, in SQL
 * written here, and the annual report against the city's report.
 */
class FigureApiTests extends ApiTestSupport {

	@Autowired
	ApplicationContext context;

	@Autowired
	MeterRegistry meters;

	@Test
	void theAnnualReportReproducesTheCitysFigures() {
		GraphQlTester.Response report = this.graphQl.document("""
				{ annualReport(year: 2023) { year asOf
				    monitoring { households people newHouseholds newPeople eliminatedHouseholds eliminatedPeople
				                 eliminationRateByPeople eliminationRateByHouseholds }
				    measures { measures }
				    cadres { firstSecretaries teamMembers }
				    assistanceUnits { units }
				    linkageFunds { allocated projects spendingRate }
				    linkageFundsInKeyCounties { allocated projects }
				    designatedAssistanceFunds { allocated projects }
				    eastWestCollaborationFunds { allocated }
				    industryProjects
				    nextYearPipeline { projects planned }
				    drivingEnterprises { enterprises linkedPeople }
				    communityFactories { enterprises workers } } }""").execute();
		report.path("annualReport.drivingEnterprises.enterprises")
			.entity(Integer.class)
			.isEqualTo(DemoFigures.DRIVING_ENTERPRISES_2023);
		report.path("annualReport.drivingEnterprises.linkedPeople")
			.entity(Integer.class)
			.isEqualTo(DemoFigures.DRIVEN_PEOPLE_2023);
		report.path("annualReport.communityFactories.enterprises")
			.entity(Integer.class)
			.isEqualTo(DemoFigures.COMMUNITY_FACTORIES_2023);
		report.path("annualReport.communityFactories.workers")
			.entity(Integer.class)
			.isEqualTo(DemoFigures.COMMUNITY_FACTORY_JOBS_2023);
		report.path("annualReport.asOf").hasValue();
		report.path("annualReport.monitoring.households").entity(Integer.class).isEqualTo(DemoFigures.HOUSEHOLDS);
		report.path("annualReport.monitoring.people").entity(Integer.class).isEqualTo(DemoFigures.PEOPLE);
		report.path("annualReport.monitoring.newHouseholds")
			.entity(Integer.class)
			.isEqualTo(DemoFigures.NEW_HOUSEHOLDS_2023);
		report.path("annualReport.monitoring.newPeople").entity(Integer.class).isEqualTo(DemoFigures.NEW_PEOPLE_2023);
		report.path("annualReport.monitoring.eliminatedHouseholds")
			.entity(Integer.class)
			.isEqualTo(DemoFigures.ELIMINATED_HOUSEHOLDS);
		report.path("annualReport.monitoring.eliminatedPeople")
			.entity(Integer.class)
			.isEqualTo(DemoFigures.ELIMINATED_PEOPLE);
		report.path("annualReport.monitoring.eliminationRateByPeople")
			.entity(Double.class)
			.satisfies((rate) -> assertThat(Math.round(rate * 1000) / 10.0).isEqualTo(67.7));
		report.path("annualReport.measures.measures").entity(Integer.class).isEqualTo(DemoFigures.MEASURES);
		report.path("annualReport.cadres.firstSecretaries")
			.entity(Integer.class)
			.isEqualTo(DemoFigures.FIRST_SECRETARIES);
		report.path("annualReport.cadres.teamMembers").entity(Integer.class).isEqualTo(DemoFigures.TEAM_MEMBERS);
		report.path("annualReport.assistanceUnits.units").entity(Integer.class).isEqualTo(DemoFigures.ASSISTANCE_UNITS);
		report.path("annualReport.linkageFunds.allocated")
			.entity(String.class)
			.isEqualTo(yuan(DemoFigures.LINKAGE_FEN_2023));
		report.path("annualReport.linkageFunds.projects")
			.entity(Integer.class)
			.isEqualTo(DemoFigures.LINKAGE_PROJECTS_2023);
		report.path("annualReport.linkageFundsInKeyCounties.allocated")
			.entity(String.class)
			.isEqualTo(yuan(DemoFigures.LINKAGE_FEN_KEY_COUNTIES_2023));
		report.path("annualReport.linkageFundsInKeyCounties.projects")
			.entity(Integer.class)
			.isEqualTo(DemoFigures.LINKAGE_PROJECTS_KEY_COUNTIES_2023);
		report.path("annualReport.designatedAssistanceFunds.allocated")
			.entity(String.class)
			.isEqualTo(yuan(DemoFigures.DESIGNATED_FEN_2023));
		report.path("annualReport.designatedAssistanceFunds.projects")
			.entity(Integer.class)
			.isEqualTo(DemoFigures.DESIGNATED_PROJECTS_2023);
		report.path("annualReport.eastWestCollaborationFunds.allocated")
			.entity(String.class)
			.isEqualTo(yuan(DemoFigures.EAST_WEST_FEN_2023));
		report.path("annualReport.industryProjects")
			.entity(Integer.class)
			.isEqualTo(DemoFigures.INDUSTRY_PROJECTS_2023);
		report.path("annualReport.nextYearPipeline.projects")
			.entity(Integer.class)
			.isEqualTo(DemoFigures.PIPELINE_PROJECTS_2024);
		report.path("annualReport.nextYearPipeline.planned")
			.entity(String.class)
			.isEqualTo(yuan(DemoFigures.PIPELINE_FEN_2024));
	}

	@Test
	void withoutAReplicaConfiguredFiguresAreReadFromTheServicesOwnDatabase() throws Exception {
		// the default: no replica; the figures have a pool of their own on the service's
		// database, as the service's login (and a manager of their own, which leaves the
		// choice of plans to PostgreSQL)
		assertThat(this.context.getBeanNamesForType(DataSource.class)).containsExactlyInAnyOrder("dataSource",
				"figureDataSource");
		DataSource figures = this.context.getBean(FigureDatabase.TRANSACTION_MANAGER, ScopedTransactionManager.class)
			.getDataSource();
		assertThat(figures).isSameAs(this.context.getBean("figureDataSource"));
		HikariDataSource primary = this.context.getBean("dataSource", DataSource.class).unwrap(HikariDataSource.class);
		assertThat(figures.unwrap(HikariDataSource.class).getJdbcUrl()).isEqualTo(primary.getJdbcUrl());
		assertThat(figures.unwrap(HikariDataSource.class).getUsername()).isEqualTo(primary.getUsername());
		this.graphQl.document("{ monitoringFigures(filter: {year: 2023}) { total { households } } }")
			.execute()
			.path("monitoringFigures.total.households")
			.entity(Integer.class)
			.isEqualTo(DemoFigures.HOUSEHOLDS);
		assertThat(this.meters.find("hikaricp.connections").tag("pool", "replica").gauge()).isNull();
		assertThat(this.meters.find("hikaricp.connections").tag("pool", "figures").gauge()).isNotNull();
	}

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
	void villageGroupsOfFewerThanFiveHouseholdsIllOrDisabledAreSuppressedNotShown() {
		// by village and risk: the households per village and risk, written independently
		Map<String, Object> expected = expected("""
				select v.code || '/' || r as key, count(*)::text as value
				from monitoring_case c join household h on h.id = c.household_id join village v on v.id = c.village_id
				cross join lateral unnest(c.risk_types) r
				where c.included_on <= '2023-12-31' and (c.superseded_on is null or c.superseded_on > '2023-12-31')
				  and v.code like '610902%' group by 1""");
		GraphQlTester.Response response = this.graphQl.document("""
				{ monitoringFigures(filter: {year: 2023, countyCode: "610902"}, groupBy: [VILLAGE, RISK_TYPE]) {
				    groups { keys { value } households } suppressedGroups { keys { value } fewerThan } } }""")
			.execute();
		Map<String, Object> shown = actual(groups(response, "monitoringFigures"), "households");
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> suppressed = (List<Map<String, Object>>) (List<?>) response
			.path("monitoringFigures.suppressedGroups")
			.entityList(Map.class)
			.get();
		java.util.Set<String> health = java.util.Set.of("ILLNESS", "DISABILITY");
		assertThat(suppressed).as("the demo county has villages with one to four households ill").isNotEmpty();
		for (Map<String, Object> group : suppressed) {
			String key = actual(List.of(group)).keySet().iterator().next();
			assertThat(health).contains(key.substring(key.indexOf('/') + 1));
			assertThat(Integer.parseInt((String) expected.get(key))).isBetween(1, 4);
			assertThat(group.get("fewerThan")).isEqualTo(5);
			assertThat(shown).doesNotContainKey(key);
		}
		// every other group is shown as it is, small ones of other risks too
		expected.forEach((key, count) -> {
			boolean small = Integer.parseInt((String) count) < 5;
			if (!(small && health.contains(key.substring(key.indexOf('/') + 1)))) {
				assertThat(shown).containsEntry(key, count);
			}
		});
	}

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
	void eachAskerGetsTheFiguresOfTheirOwnJurisdiction() {
		int county = sqlInt(
				"""
						select count(*) from household h join village v on v.id = h.village_id join town t on t.id = v.town_id
						join county c on c.id = t.county_id join role_grant g on g.county_id = c.id
						join app_user u on u.id = g.user_id where u.username = 'demo-county' and h.identified_on <= current_date""");
		int village = sqlInt("""
				select count(*) from household h join posting p on p.village_id = h.village_id and p.ended_on is null
				join app_user u on u.cadre_id = p.cadre_id where u.username = 'demo-secretary'
				  and h.identified_on <= current_date""");
		String document = "{ monitoringFigures(groupBy: [COUNTY]) { total { households } groups { keys { value } } } }";
		as("demo-county").document(document)
			.execute()
			.path("monitoringFigures.total.households")
			.entity(Integer.class)
			.isEqualTo(county)
			.path("monitoringFigures.groups")
			.entityList(Object.class)
			.hasSize(1);
		as("demo-secretary").document(document)
			.execute()
			.path("monitoringFigures.total.households")
			.entity(Integer.class)
			.isEqualTo(village);
		as("demo-unit").document(document)
			.execute()
			.path("monitoringFigures.total.households")
			.entity(Integer.class)
			.isEqualTo(0);
		assertThat(village).isPositive().isLessThan(county);
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
	void theTotalIsTheSameWhateverTheFiguresAreGroupedBy() {
		// total and groups share a scan unless a dimension multiplies rows: either way
		// the total must be the ungrouped one, and no group may pass for it
		List<Grouped> figures = List.of(
				new Grouped("monitoringFigures", "filter: {year: 2023}",
						"households people newHouseholds eliminatedHouseholds",
						"CATEGORY RISK_TYPE YEAR MONTH VILLAGE TOWN COUNTY"),
				new Grouped("measureFigures", "filter: {year: 2023}", "measures newMeasures households",
						"MEASURE_TYPE YEAR MONTH VILLAGE TOWN COUNTY"),
				new Grouped("fundFigures", "filter: {year: 2023}", "allocated spent projects keyCountyAllocated",
						"FUND_SOURCE YEAR INDUSTRY CATEGORY PROJECT_STATUS COUNTY TOWN VILLAGE"),
				new Grouped("projectFigures", "filter: {year: 2023}", "projects planned spent beneficiaryHouseholds",
						"PROJECT_STATUS CATEGORY INDUSTRY YEAR COUNTY TOWN VILLAGE"),
				new Grouped("cadreFigures", "filter: {year: 2023}", "firstSecretaries teamLeaders teamMembers villages",
						"CADRE_ROLE UNIT_LEVEL VILLAGE TOWN COUNTY"),
				new Grouped("assistanceUnitFigures", "filter: {year: 2023}", "units pairings villages designatedFunds",
						"UNIT_LEVEL"),
				new Grouped("enterpriseFigures", "filter: {year: 2023}",
						"enterprises communityFactories drivingEnterprises linkedPeople workers",
						"ENTERPRISE_KIND INDUSTRY DRIVING_MODE YEAR COUNTY TOWN VILLAGE"),
				new Grouped("visitFigures", "filter: {year: 2023}", "visits households cadres flagged",
						"YEAR MONTH VISIT_KIND CADRE VILLAGE TOWN COUNTY"),
				new Grouped("visitCoverageFigures", "days: 365",
						"monitoredHouseholds visitedHouseholds unvisitedVillages", "VILLAGE TOWN COUNTY"),
				new Grouped("villageFigures", "filter: {year: 2023}",
						"villages relocationCommunities villagesWithLegalAdviser villagesWithPlanCompiled "
								+ "collectiveIncome averageCollectiveIncome villagesWithIncomeOver100k",
						"VILLAGE TOWN COUNTY"),
				new Grouped("supervisionFigures", "filter: {year: 2023}",
						"rounds counties zones towns villages departments problemsFound problemsRectified problemsOpen",
						"COUNTY YEAR PROBLEM_CATEGORY RECTIFICATION TOWN VILLAGE"));
		for (Grouped figure : figures) {
			Object total = this.graphQl.document(figure.document(null))
				.execute()
				.path(figure.field() + ".total")
				.entity(Map.class)
				.get();
			for (String dimension : figure.dimensions().split(" ")) {
				GraphQlTester.Response response = this.graphQl.document(figure.document(dimension)).execute();
				response.path(figure.field() + ".total").entity(Map.class).isEqualTo(total);
				response.path(figure.field() + ".groups[*].keys")
					.entityList(List.class)
					.satisfies((keys) -> assertThat(keys).as("%s by %s", figure.field(), dimension)
						.isNotEmpty()
						.allSatisfy((key) -> assertThat(key).hasSize(1)));
			}
		}
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

	@Test
	void visitsGroupedByCadreNeverShowFlagsPerCadre() {
		this.graphQl.document("""
				{ visitFigures(filter: {year: 2023}, groupBy: [CADRE]) { total { flagged } groups { flagged } } }""")
			.execute()
			.path("visitFigures.groups[*].flagged")
			.entityList(Object.class)
			.satisfies((flags) -> assertThat(flags).containsOnlyNulls());
	}

	@Test
	void dimensionsThatDoNotFitAndBadPeriodsAreRefused() {
		assertError("{ monitoringFigures(groupBy: [FUND_SOURCE]) { total { households } } }", "INVALID_ARGUMENT");
		assertError("{ monitoringFigures(groupBy: [COUNTY, TOWN, VILLAGE]) { total { households } } }",
				"INVALID_ARGUMENT");
		assertError("{ monitoringFigures(filter: {year: 2023, to: \"2023-05-01\"}) { total { households } } }",
				"INVALID_ARGUMENT");
		assertError(
				"{ monitoringFigures(filter: {from: \"2023-05-01\", to: \"2023-01-01\"}) { total { households } } }",
				"INVALID_ARGUMENT");
		assertError("{ visitCoverageFigures(days: 0) { total { coverage } } }", "INVALID_ARGUMENT");
		assertError("{ annualReport(year: 1999) { year } }", "INVALID_ARGUMENT");
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

	private List<Map<String, Object>> groups(String document, String figure) {
		return groups(this.graphQl.document(document).execute(), figure);
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> groups(GraphQlTester.Response response, String figure) {
		return (List<Map<String, Object>>) (List<?>) response.path(figure + ".groups").entityList(Map.class).get();
	}

	/** The groups as "key values" lines: keys joined by '/', values by ' '. */
	@SuppressWarnings("unchecked")
	private static Map<String, Object> actual(List<Map<String, Object>> groups, String... fields) {
		Map<String, Object> rows = new LinkedHashMap<>();
		for (Map<String, Object> group : groups) {
			String key = String.join("/",
					((List<Map<String, Object>>) group.get("keys")).stream()
						.map((k) -> (String) k.get("value"))
						.toList());
			StringBuilder value = new StringBuilder();
			for (String field : fields) {
				value.append(value.isEmpty() ? "" : " ").append(group.get(field));
			}
			rows.put(key, value.toString());
		}
		return rows;
	}

	private Map<String, Object> expected(String sql) {
		Map<String, Object> rows = new LinkedHashMap<>();
		this.jdbc.sql(sql).query((rs) -> {
			rows.put(rs.getString("key"), rs.getString("value"));
		});
		return rows;
	}

	private static String yuan(long fen) {
		return BigDecimal.valueOf(fen, 2).toPlainString();
	}

	/**
	 * A figure, the arguments it is asked with, the measures of its total and its
	 * dimensions.
	 */
	private record Grouped(String field, String arguments, String measures, String dimensions) {

		String document(String dimension) {
			String groupBy = (dimension != null) ? "groupBy: [" + dimension + "]" : "";
			String arguments = String.join(", ",
					List.of(this.arguments, groupBy).stream().filter((a) -> !a.isEmpty()).toList());
			return "{ %s%s { total { %s } groups { keys { value } } } }".formatted(this.field,
					arguments.isEmpty() ? "" : "(" + arguments + ")", this.measures);
		}

	}

}
