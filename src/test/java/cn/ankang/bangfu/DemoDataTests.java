package cn.ankang.bangfu;

import java.util.List;

import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.demo.DemoFigures;

import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo data set holds what the 2023 annual report counts, as seen through the API and
 * in the tables.
 */
class DemoDataTests extends ApiTestSupport {

	@Test
	void theTenRealCountiesWithTheirCodesAndKeyDesignations() {
		this.graphQl.document("{ counties { code name keyDesignation } }")
			.execute()
			.path("counties[*].code")
			.entityList(String.class)
			.containsExactly("610902", "610921", "610922", "610923", "610924", "610925", "610926", "610927", "610929",
					"610981");
		this.graphQl.document("{ counties(keyDesignation: NATIONAL) { code } }")
			.execute()
			.path("counties")
			.entityList(Object.class)
			.hasSize(4);
		this.graphQl.document("{ counties(keyDesignation: PROVINCIAL) { code name } }")
			.execute()
			.path("counties[0].name")
			.entity(String.class)
			.isEqualTo("宁陕县");
	}

	@Test
	void areasAndKeyAreas() {
		assertThat(sqlInt("select count(*) from village")).isEqualTo(DemoFigures.VILLAGES);
		assertThat(totalCount("villages(first: 0)")).isEqualTo(DemoFigures.VILLAGES);
		assertThat(totalCount("villages(first: 0, filter: {keyDesignation: PROVINCIAL})"))
			.isEqualTo(DemoFigures.KEY_VILLAGES);
		assertThat(sqlInt("select count(*) from town where key_designation = 'PROVINCIAL'"))
			.isEqualTo(DemoFigures.KEY_TOWNS);
	}

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

	// the report's world is the households identified by the end of 2023: tests add
	// households of their own later, and those with a case history stay
	@Test
	void monitoredHouseholdsAndPeople() {
		assertThat(sqlInt("select count(*) from household where identified_on <= '2023-12-31'"))
			.isEqualTo(DemoFigures.HOUSEHOLDS);
		assertThat(sqlInt(
				"select count(*) from household where identified_on <= '2023-12-31' and status = 'RISK_ELIMINATED'"))
			.isEqualTo(DemoFigures.ELIMINATED_HOUSEHOLDS);
		assertThat(sqlInt("""
				select count(*) from household_member m join household h on h.id = m.household_id
				where h.identified_on <= '2023-12-31'""")).isEqualTo(DemoFigures.PEOPLE);
		assertThat(sqlInt("""
				select count(*) from household_member m join household h on h.id = m.household_id
				where h.status = 'RISK_ELIMINATED' and h.identified_on <= '2023-12-31'"""))
			.isEqualTo(DemoFigures.ELIMINATED_PEOPLE);
		assertThat(sqlInt("""
				select count(*) from household_member m join household h on h.id = m.household_id
				where h.identified_on between '2023-01-01' and '2023-12-31'""")).isEqualTo(DemoFigures.NEW_PEOPLE_2023);
		assertThat(sqlInt("select count(*) from household where identified_on between '2023-01-01' and '2023-12-31'"))
			.isEqualTo(DemoFigures.NEW_HOUSEHOLDS_2023);
		assertThat(sqlInt("""
				select count(*) from assistance_measure m join household h on h.id = m.household_id
				where h.identified_on <= '2023-12-31'""")).isEqualTo(DemoFigures.MEASURES);
		// the report's elimination rate, by people: 67.7 %
		assertThat(Math.round(1000.0 * DemoFigures.ELIMINATED_PEOPLE / DemoFigures.PEOPLE) / 10.0).isEqualTo(67.7);
	}

	@Test
	void everyHouseholdHasItsCaseHistoryAndTheWorkflowHasWorkInEveryState() {
		// each demo household's own case agrees with its status and dates
		assertThat(sqlInt("""
				select count(*) from household h
				where h.identified_on <= '2023-12-31'
				  and not exists (select 1 from monitoring_case c
				                  where c.household_id = h.id and c.included_on = h.identified_on
				                    and c.eliminated_on is not distinct from h.risk_eliminated_on)""")).isZero();
		assertThat(sqlInt("""
				select count(distinct state) from monitoring_case c join household h on h.id = c.household_id
				where h.identified_on <= '2023-12-31'""")).isEqualTo(9);
		// every case's last step took it where it stands
		assertThat(
				sqlInt("""
						select count(*) from monitoring_case c
						where c.state <> (select s.to_state from case_step s where s.case_id = c.id
						                                             order by s.occurred_on desc, s.recorded_at desc limit 1)"""))
			.isZero();
		// the demo first secretary has a step sent back to redo and a warning to verify
		assertThat(this.jdbc.sql("""
				select t.kind || case when t.redo_reason is not null then ' redo' else '' end from app_user u
				join posting p on p.cadre_id = u.cadre_id and p.ended_on is null
				join task t on t.village_id = p.village_id and t.assignee_role = 'CADRE' and t.status = 'OPEN'
				where u.username = 'demo-secretary' and (t.redo_reason is not null or t.kind = 'VERIFY_WARNING')""")
			.query(String.class)
			.list()).contains("VERIFY_AT_HOME redo", "VERIFY_WARNING");
		assertThat(sqlInt("select count(*) from risk_warning where status = 'UNMATCHED'")).isGreaterThanOrEqualTo(30);
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
	void villagesCollectiveIncomesLegalAdvisersAndPlansAsTheReportCountsThem() {
		GraphQlTester.Response report = this.graphQl.document("""
				{ annualReport(year: 2023) { villages { villages relocationCommunities villagesWithLegalAdviser
				    villagesWithPlanCompiled villagesWithIncomeRecorded villagesWithIncomeOver100k } }
				  previous: annualReport(year: 2022) { villages { villagesWithIncomeOver100k } } }""").execute();
		report.path("annualReport.villages.villages").entity(Integer.class).isEqualTo(DemoFigures.VILLAGES);
		report.path("annualReport.villages.relocationCommunities")
			.entity(Integer.class)
			.isEqualTo(DemoFigures.RELOCATION_COMMUNITIES);
		report.path("annualReport.villages.villagesWithLegalAdviser")
			.entity(Integer.class)
			.isEqualTo(DemoFigures.VILLAGES_WITH_LEGAL_ADVISER);
		report.path("annualReport.villages.villagesWithPlanCompiled")
			.entity(Integer.class)
			.isEqualTo(DemoFigures.PLANS_COMPILED_2023);
		report.path("annualReport.villages.villagesWithIncomeRecorded")
			.entity(Integer.class)
			.isEqualTo(DemoFigures.VILLAGES);
		report.path("annualReport.villages.villagesWithIncomeOver100k")
			.entity(Integer.class)
			.isEqualTo(DemoFigures.VILLAGES_OVER_100K_2023);
		// the year before, the collective economy was smaller
		report.path("previous.villages.villagesWithIncomeOver100k")
			.entity(Integer.class)
			.satisfies((villages) -> assertThat(villages).isPositive().isLessThan(DemoFigures.VILLAGES_OVER_100K_2023));
		// the report needs more villages (communities) than the 1,900 villages: the
		// relocation communities are the rest
		assertThat(DemoFigures.VILLAGES_WITH_LEGAL_ADVISER).isGreaterThan(DemoFigures.VILLAGES_BEFORE_RELOCATION)
			.isLessThanOrEqualTo(DemoFigures.VILLAGES);
	}

	@Test
	void theRelocationCommunitiesComeAfterTheVillagesAndTakeNoPartInTheirRecords() {
		assertThat(
				sqlInt("""
						select count(*) from relocation_community r join village v on v.id = r.village_id
						where v.kind = 'COMMUNITY' and v.key_designation is null
						  and v.id > (select max(id) from village where id not in (select village_id from relocation_community))"""))
			.isEqualTo(DemoFigures.RELOCATION_COMMUNITIES);
		// every county has some
		assertThat(sqlInt("""
				select count(distinct t.county_id) from relocation_community r join village v on v.id = r.village_id
				join town t on t.id = v.town_id""")).isEqualTo(10);
		for (String table : List.of("household", "posting", "unit_pairing", "project", "visit", "leader_liaison")) {
			assertThat(sqlInt("select count(*) from " + table
					+ " where village_id in (select village_id from relocation_community)"))
				.as(table)
				.isZero();
		}
	}

	@Test
	void visitsAreThereAndPersonalDataIsVisiblySynthetic() {
		assertThat(totalCount("visits(first: 0)")).isGreaterThan(50_000);
		List<String> idNumbers = this.jdbc.sql("select head_id_number from household order by id limit 50")
			.query(String.class)
			.list();
		assertThat(idNumbers).allMatch((id) -> id.startsWith("99"));
		assertThat(sqlInt("select count(*) from household where head_name not like '%某%'")).isZero();
		assertThat(sqlInt("select count(*) from cadre where phone not like '100%'")).isZero();
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

	private int totalCount(String field) {
		return this.graphQl.document("{ " + field + " { totalCount } }")
			.execute()
			.path(field.substring(0, field.indexOf('(')) + ".totalCount")
			.entity(Integer.class)
			.get();
	}

	// the register's demo households are numbered TP…; tests register others, and record
	// years and loans after 2023
	@Test
	void theOutOfPovertyPopulationWithTheReportsWorkIncomeAndMicrocredit() {
		assertThat(sqlInt("select count(*) from exited_household where household_number like 'TP%'"))
			.isEqualTo(DemoFigures.EXITED_HOUSEHOLDS);
		assertThat(sqlInt("select sum(people)::int from exited_household where household_number like 'TP%'"))
			.isEqualTo(DemoFigures.EXITED_PEOPLE);
		assertThat(sqlInt("select sum(people)::int from exited_household_employment where year = 2023"))
			.isEqualTo(DemoFigures.PEOPLE_IN_WORK_2023);
		// each year carries the year before as it was recorded
		assertThat(sqlInt("""
				select count(*) from exited_household_year y left join exited_household_year p
				  on p.household_id = y.household_id and p.year = y.year - 1
				where (y.previous_people, y.previous_per_capita_income_fen)
				      is distinct from (p.people, p.per_capita_income_fen)""")).isZero();
		// each year's people in work are its work rows' (none recorded for 2022)
		assertThat(sqlInt("""
				select count(*) from exited_household_year y
				where y.year = 2023 and y.people_in_work is distinct from (select coalesce(sum(e.people), 0)
				    from exited_household_employment e where e.household_id = y.household_id and e.year = y.year)"""))
			.isZero();
		// the average weighted by people, rounded to the yuan; its growth to the
		// thousandth
		assertThat(sqlInt("""
				select round(sum(per_capita_income_fen::numeric * people) / sum(people) / 100)::int
				from exited_household_year where year = 2023""")).isEqualTo(DemoFigures.AVERAGE_NET_INCOME_YUAN_2023);
		assertThat(sqlInt("""
				select round(1000 * (sum(y.per_capita_income_fen::numeric * y.people) / sum(y.people))
				             / (sum(p.per_capita_income_fen::numeric * p.people) / sum(p.people)) - 1000)::int
				from exited_household_year y join exited_household_year p on p.household_id = y.household_id
				where y.year = 2023 and p.year = 2022"""))
			.isEqualTo(DemoFigures.AVERAGE_NET_INCOME_GROWTH_PERMILLE_2023);
		assertThat(this.jdbc.sql("select sum(amount_fen) from microcredit_loan where issued_on <= '2023-12-31'")
			.query(Long.class)
			.single()).isEqualTo(DemoFigures.MICROCREDIT_FEN_TO_2023);
		assertThat(sqlInt("select count(*) from microcredit_loan where issued_on <= '2023-12-31'"))
			.isEqualTo(DemoFigures.MICROCREDIT_LOANS_TO_2023);
		assertThat(sqlInt("select count(*) from microcredit_loan where amount_fen > 5000000 or term_months > 36"))
			.isZero();
		// a repaid loan's repayments add up to what it says was repaid
		assertThat(
				sqlInt("""
						select count(*) from microcredit_loan l
						where l.repaid_fen <> (select coalesce(sum(r.amount_fen), 0) from microcredit_repayment r where r.loan_id = l.id)"""))
			.isZero();
		// the monitored households unstable out of poverty are on the register, with
		// their
		// village and head
		assertThat(
				sqlInt("""
						select count(*) from household h where h.category = 'UNSTABLE_OUT_OF_POVERTY'
						  and h.identified_on <= '2023-12-31'
						  and not exists (select from exited_household e where e.household_id = h.id and e.village_id = h.village_id
						                  and e.head_id_number = h.head_id_number)"""))
			.isZero();
		assertThat(sqlInt("""
				select count(*) from exited_household e join household h on h.id = e.household_id
				where h.category <> 'UNSTABLE_OUT_OF_POVERTY'""")).isZero();
	}

	// invented (the report gives no figures): what docs/demo-data.md says of them
	@Test
	void theRegistersTrainingPublicWelfareJobsAndRelocationFollowUpOf2023() {
		String demo = "household_id in (select id from exited_household where household_number like 'TP%')";
		int students = sqlInt("select coalesce(sum(people), 0)::int from exited_household_training where year = 2023 "
				+ "and programme = 'YULU_PLAN' and " + demo);
		int trained = sqlInt(
				"select coalesce(sum(people), 0)::int from exited_household_training where year = 2023 and " + demo);
		int jobs = sqlInt("""
				select count(*)::int from public_welfare_job
				where started_on <= '2023-12-31' and (ended_on is null or ended_on >= '2023-01-01')""" + " and "
				+ demo);
		int jobHouseholds = sqlInt("""
				select count(distinct household_id)::int from public_welfare_job
				where started_on <= '2023-12-31' and (ended_on is null or ended_on >= '2023-01-01')""" + " and "
				+ demo);
		int relocated = sqlInt(
				"select count(*)::int from exited_household where relocated and household_number like 'TP%'");
		int supported = sqlInt(
				"select count(distinct household_id)::int from relocation_support where year = 2023 and " + demo);
		assertThat(students).isBetween(3_000, 5_000);
		assertThat(trained).isGreaterThan(students * 5);
		// a job for each person the work records put in a public-welfare job in 2023
		assertThat(jobs).isEqualTo(sqlInt("""
				select sum(people)::int from exited_household_employment
				where year = 2023 and kind = 'PUBLIC_WELFARE_JOB'""" + " and " + demo));
		assertThat(jobHouseholds * 100 / DemoFigures.EXITED_HOUSEHOLDS).isBetween(2, 9);
		// every relocated household in a community of its county; most supported
		assertThat(
				sqlInt("""
						select count(*)::int from exited_household eh
						join village hv on hv.id = eh.village_id join town ht on ht.id = hv.town_id
						left join village cv on cv.id = eh.relocation_community_id left join town ct on ct.id = cv.town_id
						where eh.relocated and eh.household_number like 'TP%' and ct.county_id is distinct from ht.county_id"""))
			.isZero();
		assertThat(supported * 100 / relocated).isBetween(80, 90);
	}

}
