package cn.ankang.bangfu.figure;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.ApiTestSupport;
import cn.ankang.bangfu.demo.DemoFigures;

import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Training, public-welfare jobs and relocation follow-up of the out-of-poverty population
 * (培训, 公益性岗位, 易地搬迁后续扶持), each figure checked against the same figure computed a second
 * way, in SQL written here over the records.
 */
class FollowUpFigureTests extends ApiTestSupport {

	@Test
	void theTrainingOf2023WithTheYuluPlansStudentsAndSubsidy() {
		GraphQlTester.Response response = this.graphQl.document("""
				{ trainingFigures(filter: {year: 2023}) { total {
				    peopleTrained households yuluPlanStudents yuluPlanSubsidy subsidy } } }""").execute();
		String total = "trainingFigures.total.";
		response.path(total + "peopleTrained")
			.entity(Integer.class)
			.isEqualTo(sqlInt("select sum(people)::int from exited_household_training where year = 2023"))
			.path(total + "households")
			.entity(Integer.class)
			.isEqualTo(
					sqlInt("select count(distinct household_id)::int from exited_household_training where year = 2023"))
			.path(total + "yuluPlanStudents")
			.entity(Integer.class)
			.isEqualTo(sqlInt("""
					select sum(people)::int from exited_household_training
					where year = 2023 and programme = 'YULU_PLAN'"""))
			.path(total + "yuluPlanSubsidy")
			.entity(BigDecimal.class)
			.isEqualTo(yuan("""
					select sum(subsidy_fen) from exited_household_training
					where year = 2023 and programme = 'YULU_PLAN'"""))
			.path(total + "subsidy")
			.entity(BigDecimal.class)
			.isEqualTo(yuan("select sum(subsidy_fen) from exited_household_training where year = 2023"));
		// the demo's invented few thousand students, 3,000 yuan each
		int students = response.path(total + "yuluPlanStudents").entity(Integer.class).get();
		assertThat(students).isBetween(2_000, 6_000);
		assertThat(response.path(total + "yuluPlanSubsidy").entity(BigDecimal.class).get())
			.isEqualByComparingTo(BigDecimal.valueOf(3_000L * students));
	}

	@Test
	void trainingByProgrammeWithTheirChineseNamesAddsUpToTheTotal() {
		GraphQlTester.Response response = this.graphQl.document("""
				{ trainingFigures(filter: {year: 2023}, groupBy: [TRAINING_PROGRAMME]) {
				    total { peopleTrained } groups { keys { value label } peopleTrained } } }""").execute();
		Map<String, Integer> byProgramme = new HashMap<>();
		this.jdbc.sql("""
				select programme, sum(people)::int as people from exited_household_training where year = 2023
				group by programme""").query((rs) -> {
			byProgramme.put(rs.getString("programme"), rs.getInt("people"));
		});
		List<Map<String, Object>> groups = groups(response, "trainingFigures.groups");
		assertThat(groups).hasSize(byProgramme.size());
		long sum = 0;
		for (Map<String, Object> group : groups) {
			assertThat(group.get("peopleTrained")).isEqualTo(byProgramme.get(key(group, "value")));
			sum += (Integer) group.get("peopleTrained");
		}
		response.path("trainingFigures.total.peopleTrained").entity(Long.class).isEqualTo(sum);
		assertThat(groups.stream().map((group) -> key(group, "label"))).contains("雨露计划", "实用技术培训");
	}

	@Test
	void publicWelfareJobsHeldIn2023AreThePeopleTheWorkRecordsPutInThem() {
		GraphQlTester.Response response = this.graphQl.document("""
				{ publicWelfareJobFigures(filter: {year: 2023}) { total { jobs households jobsTakenUp jobsHeldAtEnd } }
				  byKind: publicWelfareJobFigures(filter: {year: 2023}, groupBy: [PUBLIC_WELFARE_JOB_KIND]) {
				    groups { keys { value label } jobs } } }""").execute();
		String held = "started_on <= '2023-12-31' and (ended_on is null or ended_on >= '2023-01-01')";
		String total = "publicWelfareJobFigures.total.";
		response.path(total + "jobs")
			.entity(Integer.class)
			.isEqualTo(sqlInt("select count(*)::int from public_welfare_job where " + held))
			.path(total + "households")
			.entity(Integer.class)
			.isEqualTo(sqlInt("select count(distinct household_id)::int from public_welfare_job where " + held))
			.path(total + "jobsTakenUp")
			.entity(Integer.class)
			.isEqualTo(sqlInt("select count(*)::int from public_welfare_job where started_on between '2023-01-01' "
					+ "and '2023-12-31'"))
			.path(total + "jobsHeldAtEnd")
			.entity(Integer.class)
			.isEqualTo(sqlInt("""
					select count(*)::int from public_welfare_job
					where started_on <= '2023-12-31' and (ended_on is null or ended_on >= '2023-12-31')"""))
			// the demo's jobs are the work records' public-welfare jobs, a person each
			.path(total + "jobs")
			.entity(Integer.class)
			.isEqualTo(sqlInt("""
					select sum(people)::int from exited_household_employment
					where year = 2023 and kind = 'PUBLIC_WELFARE_JOB'"""));
		int households = response.path(total + "households").entity(Integer.class).get();
		assertThat(households).isBetween(DemoFigures.EXITED_HOUSEHOLDS / 100, DemoFigures.EXITED_HOUSEHOLDS / 10);
		List<Map<String, Object>> groups = groups(response, "byKind.groups");
		assertThat(groups).hasSize(5);
		assertThat(groups.stream().mapToInt((group) -> (Integer) group.get("jobs")).sum())
			.isEqualTo(response.path(total + "jobs").entity(Integer.class).get());
		assertThat(groups.stream().map((group) -> key(group, "label"))).contains("保洁员", "护林员");
	}

	@Test
	void eachRelocationCommunityWithItsHouseholdsPeopleInWorkAndSupport() {
		GraphQlTester.Response response = this.graphQl.document("""
				{ relocationFigures(filter: {year: 2023}, groupBy: [VILLAGE]) {
				    total { communities households people peopleInWork householdsSupported supportAmount }
				    groups { keys { value } communities households people peopleInWork householdsSupported } } }""")
			.execute();
		Map<String, List<Integer>> byCommunity = new HashMap<>();
		// people in work from the work rows themselves, not the year's sum of them
		this.jdbc.sql("""
				select v.code, count(*)::int as households, sum(eh.people)::int as people,
				       coalesce(sum((select sum(e.people) from exited_household_employment e
				                     where e.household_id = eh.id and e.year = 2023)), 0)::int as in_work,
				       count(*) filter (where exists (select from relocation_support s
				                                      where s.household_id = eh.id and s.year = 2023))::int as supported
				from exited_household eh join village v on v.id = eh.relocation_community_id
				group by v.code""").query((rs) -> {
			byCommunity.put(rs.getString("code"), List.of(rs.getInt("households"), rs.getInt("people"),
					rs.getInt("in_work"), rs.getInt("supported")));
		});
		List<Map<String, Object>> groups = groups(response, "relocationFigures.groups");
		assertThat(groups).hasSize(byCommunity.size());
		for (Map<String, Object> group : groups) {
			String code = key(group, "value");
			assertThat(List.of(group.get("households"), group.get("people"), group.get("peopleInWork"),
					group.get("householdsSupported")))
				.as(code)
				.isEqualTo(byCommunity.get(code));
			assertThat(group.get("communities")).isEqualTo(1);
		}
		String total = "relocationFigures.total.";
		// every relocated household of the demo is linked to one of the 60 communities
		response.path(total + "communities")
			.entity(Integer.class)
			.isEqualTo(DemoFigures.RELOCATION_COMMUNITIES)
			.path(total + "households")
			.entity(Integer.class)
			.isEqualTo(sqlInt("select count(*)::int from exited_household where relocation_community_id is not null"))
			.path(total + "supportAmount")
			.entity(BigDecimal.class)
			.isEqualTo(yuan("select sum(amount_fen) from relocation_support where year = 2023"));
		int supported = response.path(total + "householdsSupported").entity(Integer.class).get();
		assertThat(supported).isGreaterThan(response.path(total + "households").entity(Integer.class).get() * 3 / 4);
		assertThat(sqlInt("""
				select count(*)::int from exited_household
				where household_number like 'TP%' and relocated and relocation_community_id is null""")).isZero();
		// each in its household's county
		assertThat(sqlInt("""
				select count(*)::int from exited_household eh
				join village hv on hv.id = eh.village_id join town ht on ht.id = hv.town_id
				join village cv on cv.id = eh.relocation_community_id join town ct on ct.id = cv.town_id
				where ht.county_id <> ct.county_id""")).isZero();
	}

	@Test
	void theAnnualReportGivesTheSameFiguresAndACountyOfficerTheirCountysOnly() {
		this.graphQl.document("""
				{ annualReport(year: 2023) { training { yuluPlanStudents } publicWelfareJobs { jobs }
				    relocation { households } }
				  trainingFigures(filter: {year: 2023}) { total { yuluPlanStudents } }
				  publicWelfareJobFigures(filter: {year: 2023}) { total { jobs } }
				  relocationFigures(filter: {year: 2023}) { total { households } } }""")
			.execute()
			.path("annualReport.training.yuluPlanStudents")
			.entity(Integer.class)
			.isEqualTo(sqlInt("""
					select sum(people)::int from exited_household_training
					where year = 2023 and programme = 'YULU_PLAN'"""))
			.path("annualReport.publicWelfareJobs.jobs")
			.entity(Integer.class)
			.isEqualTo(sqlInt("""
					select count(*)::int from public_welfare_job
					where started_on <= '2023-12-31' and (ended_on is null or ended_on >= '2023-01-01')"""))
			.path("annualReport.relocation.households")
			.entity(Integer.class)
			.isEqualTo(sqlInt("select count(*)::int from exited_household where relocation_community_id is not null"));
		as("demo-county").document("""
				{ relocationFigures(filter: {year: 2023}, groupBy: [COUNTY]) { total { households }
				    groups { keys { value } } }
				  publicWelfareJobFigures(filter: {year: 2023}) { total { households } }
				  trainingFigures(filter: {year: 2023}) { total { peopleTrained } } }""")
			.execute()
			.path("relocationFigures.total.households")
			.entity(Integer.class)
			.isEqualTo(sqlInt("""
					select count(*)::int from exited_household eh join village v on v.id = eh.village_id
					where v.code like '610902%' and eh.relocation_community_id is not null"""))
			.path("relocationFigures.groups[*].keys[0].value")
			.entityList(String.class)
			.containsExactly("610902")
			.path("publicWelfareJobFigures.total.households")
			.entity(Integer.class)
			.isEqualTo(
					sqlInt("""
							select count(distinct j.household_id)::int from public_welfare_job j join village v on v.id = j.village_id
							where v.code like '610902%' and j.started_on <= '2023-12-31'
							  and (j.ended_on is null or j.ended_on >= '2023-01-01')"""))
			.path("trainingFigures.total.peopleTrained")
			.entity(Integer.class)
			.isEqualTo(sqlInt("""
					select sum(t.people)::int from exited_household_training t join village v on v.id = t.village_id
					where v.code like '610902%' and t.year = 2023"""));
		as("demo-unit").document("{ relocationFigures { total { households } } }")
			.execute()
			.path("relocationFigures.total.households")
			.entity(Integer.class)
			.isEqualTo(0);
	}

	private BigDecimal yuan(String sumOfFen) {
		return BigDecimal.valueOf(this.jdbc.sql(sumOfFen).query(Long.class).single(), 2);
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> groups(GraphQlTester.Response response, String path) {
		return (List<Map<String, Object>>) (List<?>) response.path(path).entityList(Map.class).get();
	}

	@SuppressWarnings("unchecked")
	private static String key(Map<String, Object> group, String field) {
		return (String) ((List<Map<String, Object>>) group.get("keys")).get(0).get(field);
	}

}
