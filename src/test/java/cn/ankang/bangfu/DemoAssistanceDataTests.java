package cn.ankang.bangfu;

import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.demo.DemoFigures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo data set's assistance holds what the 2023 annual report counts, as seen
 * through the API and in the tables: units and cadres in post, supervision rounds with
 * their coverage and the problems rectified in 2023, projects and funds, and enterprises,
 * cooperatives and community factories.
 */
class DemoAssistanceDataTests extends DemoDataTestSupport {

	@Test
	void unitsAndCadresInPost() {
		assertThat(totalCount("assistanceUnits(first: 0)")).isEqualTo(DemoFigures.ASSISTANCE_UNITS);
		assertThat(totalCount("residentCadres(first: 0, filter: {role: FIRST_SECRETARY, activeOn: \"2023-12-31\"})"))
			.isEqualTo(DemoFigures.FIRST_SECRETARIES);
		assertThat(totalCount("residentCadres(first: 0, filter: {role: TEAM_MEMBER, activeOn: \"2023-12-31\"})"))
			.isEqualTo(DemoFigures.TEAM_MEMBERS);
		this.graphQl.document("{ leaderLiaisons { id } }")
			.execute()
			.path("leaderLiaisons")
			.entityList(Object.class)
			.hasSize(DemoFigures.LEADER_LIAISONS);
	}

	@Test
	void supervisionRoundsTheirCoverageAndTheProblemsRectifiedIn2023() {
		var report = this.graphQl.document("""
				{ annualReport(year: 2023) { supervision {
				    rounds counties zones towns villages departments problemsFound problemsRectified } } }""")
			.execute();
		report.path("annualReport.supervision.rounds")
			.entity(Integer.class)
			.isEqualTo(DemoFigures.SUPERVISION_ROUNDS_2023);
		report.path("annualReport.supervision.counties")
			.entity(Integer.class)
			.isEqualTo(DemoFigures.SUPERVISED_COUNTIES_2023);
		report.path("annualReport.supervision.zones")
			.entity(Integer.class)
			.isEqualTo(DemoFigures.SUPERVISED_ZONES_2023);
		report.path("annualReport.supervision.towns")
			.entity(Integer.class)
			.isEqualTo(DemoFigures.SUPERVISED_TOWNS_2023);
		report.path("annualReport.supervision.villages")
			.entity(Integer.class)
			.isEqualTo(DemoFigures.SUPERVISED_VILLAGES_2023);
		report.path("annualReport.supervision.departments")
			.entity(Integer.class)
			.isEqualTo(DemoFigures.SUPERVISED_DEPARTMENTS_2023);
		report.path("annualReport.supervision.problemsFound")
			.entity(Integer.class)
			.isEqualTo(DemoFigures.SUPERVISION_PROBLEMS_2023);
		report.path("annualReport.supervision.problemsRectified")
			.entity(Integer.class)
			.isEqualTo(DemoFigures.RECTIFIED_PROBLEMS_2023);
		// the same from the tables: distinct areas over the rounds, problems by the day
		// they were closed
		assertThat(sqlInt("""
				select count(distinct c.town_id) from supervision_coverage c
				join supervision_round r on r.id = c.round_id where r.year = 2023"""))
			.isEqualTo(DemoFigures.SUPERVISED_TOWNS_2023);
		assertThat(sqlInt(
				"select count(*) from supervision_problem where closed_on between '2023-01-01' and '2023-12-31'"))
			.isEqualTo(DemoFigures.RECTIFIED_PROBLEMS_2023);
		assertThat(totalCount("supervisionRounds(first: 0, filter: {year: 2023})"))
			.isEqualTo(DemoFigures.SUPERVISION_ROUNDS_2023);
		assertThat(totalCount("supervisionProblems(first: 0, filter: {year: 2023, status: CLOSED})"))
			.isEqualTo(DemoFigures.RECTIFIED_PROBLEMS_2023);
	}

	@Test
	void projectsAndFunds() {
		assertThat(sqlString("""
				select count(distinct p.id) || ' ' || sum(a.planned_fen) from project p
				join fund_allocation a on a.project_id = p.id
				where p.year = 2023 and a.source in ('CENTRAL_LINKAGE', 'PROVINCIAL_LINKAGE', 'MUNICIPAL_LINKAGE',
				                                     'COUNTY_LINKAGE')"""))
			.isEqualTo(DemoFigures.LINKAGE_PROJECTS_2023 + " " + DemoFigures.LINKAGE_FEN_2023);
		assertThat(sqlString("""
				select count(distinct p.id) || ' ' || sum(a.planned_fen) from project p
				join fund_allocation a on a.project_id = p.id
				join county c on c.id = p.county_id
				where p.year = 2023 and c.key_designation is not null
				  and a.source in ('CENTRAL_LINKAGE', 'PROVINCIAL_LINKAGE', 'MUNICIPAL_LINKAGE', 'COUNTY_LINKAGE')"""))
			.isEqualTo(
					DemoFigures.LINKAGE_PROJECTS_KEY_COUNTIES_2023 + " " + DemoFigures.LINKAGE_FEN_KEY_COUNTIES_2023);
		assertThat(totalCount("projects(first: 0, filter: {year: 2023, fundSource: DESIGNATED_ASSISTANCE})"))
			.isEqualTo(DemoFigures.DESIGNATED_PROJECTS_2023);
		assertThat(sqlString("select sum(planned_fen) from fund_allocation where source = 'DESIGNATED_ASSISTANCE'"))
			.isEqualTo(Long.toString(DemoFigures.DESIGNATED_FEN_2023));
		assertThat(sqlString("select sum(planned_fen) from fund_allocation where source = 'EAST_WEST_COLLABORATION'"))
			.isEqualTo(Long.toString(DemoFigures.EAST_WEST_FEN_2023));
		assertThat(totalCount("projects(first: 0, filter: {year: 2024, status: PIPELINE})"))
			.isEqualTo(DemoFigures.PIPELINE_PROJECTS_2024);
		assertThat(sqlString("""
				select sum(a.planned_fen) from fund_allocation a join project p on p.id = a.project_id
				where p.year = 2024""")).isEqualTo(Long.toString(DemoFigures.PIPELINE_FEN_2024));
		// central and provincial linkage funds of 2023 were all spent
		assertThat(sqlInt("""
				select count(*) from fund_allocation a join project p on p.id = a.project_id
				where p.year = 2023 and a.source in ('CENTRAL_LINKAGE', 'PROVINCIAL_LINKAGE')
				  and a.spent_fen <> a.planned_fen""")).isZero();
		assertThat(sqlInt("""
				select count(distinct p.id) from project p join fund_allocation a on a.project_id = p.id
				where p.year = 2023 and p.category = 'INDUSTRY'
				  and a.source in ('CENTRAL_LINKAGE', 'PROVINCIAL_LINKAGE', 'MUNICIPAL_LINKAGE', 'COUNTY_LINKAGE')"""))
			.isEqualTo(DemoFigures.INDUSTRY_PROJECTS_2023);
	}

	@Test
	void enterprisesCooperativesAndCommunityFactoriesAsTheReportCountsThem() {
		this.graphQl.document("""
				{ annualReport(year: 2023) { drivingEnterprises { enterprises linkedPeople }
				                             communityFactories { enterprises workers } } }""")
			.execute()
			.path("annualReport.drivingEnterprises.enterprises")
			.entity(Integer.class)
			.isEqualTo(DemoFigures.DRIVING_ENTERPRISES_2023)
			.path("annualReport.drivingEnterprises.linkedPeople")
			.entity(Integer.class)
			.isEqualTo(DemoFigures.DRIVEN_PEOPLE_2023)
			.path("annualReport.communityFactories.enterprises")
			.entity(Integer.class)
			.isEqualTo(DemoFigures.COMMUNITY_FACTORIES_2023)
			.path("annualReport.communityFactories.workers")
			.entity(Integer.class)
			.isEqualTo(DemoFigures.COMMUNITY_FACTORY_JOBS_2023);
		// in the tables: the report's bodies, beside others that linked no one in 2023 or
		// closed in 2022
		assertThat(sqlString(
				"""
						select count(*) || ' ' || sum(y.linked_people) from enterprise_year y join enterprise e on e.id = y.enterprise_id
						where y.year = 2023 and e.kind <> 'COMMUNITY_FACTORY' and y.linked_people > 0"""))
			.isEqualTo(DemoFigures.DRIVING_ENTERPRISES_2023 + " " + DemoFigures.DRIVEN_PEOPLE_2023);
		assertThat(sqlInt("""
				select count(*) from enterprise_year y join enterprise e on e.id = y.enterprise_id
				where y.year = 2023 and e.kind <> 'COMMUNITY_FACTORY' and y.linked_people = 0""")).isPositive();
		assertThat(sqlInt("select count(*) from enterprise where closed_on < '2023-01-01'")).isPositive();
		assertThat(totalCount("enterprises(first: 0, filter: {kind: COMMUNITY_FACTORY, year: 2023})"))
			.isEqualTo(DemoFigures.COMMUNITY_FACTORIES_2023);
		// every year's counts hold together, and factories employ some monitored
		// households' members
		assertThat(sqlInt("""
				select count(*) from enterprise_year
				where linked_people > 10 * linked_households or workers_out_of_poverty > workers
				   or (linked_people > 0 and cardinality(modes) = 0)""")).isZero();
		assertThat(sqlInt("select count(*) from enterprise_employed_household")).isPositive();
	}

}
