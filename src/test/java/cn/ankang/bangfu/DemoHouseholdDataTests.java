package cn.ankang.bangfu;

import java.util.List;

import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.demo.DemoFigures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo data set's households hold what the 2023 annual report counts, as seen through
 * the API and in the tables: monitored households and people, each with its case history
 * and the workflow with work in every state, visits with visibly synthetic personal data,
 * and the out-of-poverty population's register with its work income, microcredit,
 * training, public welfare jobs and relocation follow-up.
 */
class DemoHouseholdDataTests extends DemoDataTestSupport {

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
	void visitsAreThereAndPersonalDataIsVisiblySynthetic() {
		assertThat(totalCount("visits(first: 0)")).isGreaterThan(50_000);
		List<String> idNumbers = this.jdbc.sql("select head_id_number from household order by id limit 50")
			.query(String.class)
			.list();
		assertThat(idNumbers).allMatch((id) -> id.startsWith("99"));
		assertThat(sqlInt("select count(*) from household where head_name not like '%某%'")).isZero();
		assertThat(sqlInt("select count(*) from cadre where phone not like '100%'")).isZero();
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
