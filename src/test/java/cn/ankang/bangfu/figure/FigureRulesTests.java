package cn.ankang.bangfu.figure;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.demo.DemoFigures;
import cn.ankang.bangfu.security.jurisdiction.ScopedTransactionManager;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules every leader's figure keeps: the annual report reproduces the city's report,
 * figures are read from the service's own database when no replica is configured, each
 * asker gets the figures of their own jurisdiction, the total is the same whatever the
 * figures are grouped by, small groups of the ill or disabled are suppressed, visits are
 * never flagged per cadre, and dimensions that do not fit and bad periods are refused.
 */
class FigureRulesTests extends FigureTestSupport {

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
