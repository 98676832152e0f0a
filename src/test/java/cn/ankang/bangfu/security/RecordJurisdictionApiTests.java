package cn.ankang.bangfu.security;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.shared.relay.GlobalId;

import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nobody sees a record kept beside the households outside their jurisdiction: the bodies
 * that drive households, villages' own records, supervision problems, the out-of-poverty
 * register and its loans, public welfare jobs, training and support. What each user
 * should see is computed here in SQL, independently of the service; a new table of users'
 * rows joins these tests. {@link RowLevelSecurityOnlyRecordsTests} runs the same tests
 * with the service's own filter switched off, to prove that PostgreSQL's policies alone
 * hold.
 */
class RecordJurisdictionApiTests extends JurisdictionTestSupport {

	@Test
	void bodiesThatDriveHouseholdsAreSeenWhereTheyLie() {
		for (String principal : List.of("demo-county", "demo-town", "demo-secretary", "demo-unit", "demo-leader")) {
			Set<Long> villages = visibleVillages(principal);
			// a body in a village as the village's households; one of a town or county
			// alone where the grants cover that town or county whole
			String visible = """
					select %s from enterprise e join county c on c.id = e.county_id %s
					where (e.village_id = any(:v)
					       or (e.village_id is null and exists (
					             select 1 from role_grant g join app_user u on u.id = g.user_id
					             where u.username = :u and (g.role in ('ADMIN', 'DEVELOPER') or g.city_id = c.city_id
					                   or g.county_id = c.id or g.town_id = e.town_id))))%s""";
			int bodies = this.jdbc.sql(visible.formatted("count(*)", "", ""))
				.param("v", villages.toArray(Long[]::new))
				.param("u", principal)
				.query(Integer.class)
				.single();
			int factories2023 = this.jdbc
				.sql(visible.formatted("count(*)", "join enterprise_year y on y.enterprise_id = e.id",
						" and y.year = 2023 and e.kind = 'COMMUNITY_FACTORY'"))
				.param("v", villages.toArray(Long[]::new))
				.param("u", principal)
				.query(Integer.class)
				.single();
			var response = as(principal).document("""
					{ enterprises(first: 0) { totalCount }
					  enterpriseYears(first: 0, filter: {year: 2023, kind: COMMUNITY_FACTORY}) { totalCount }
					  enterpriseFigures(filter: {year: 2023}) { total { communityFactories } } }""").execute();
			response.path("enterprises.totalCount").entity(Integer.class).isEqualTo(bodies);
			response.path("enterpriseYears.totalCount").entity(Integer.class).isEqualTo(factories2023);
			response.path("enterpriseFigures.total.communityFactories").entity(Integer.class).isEqualTo(factories2023);
			if (principal.equals("demo-county") || principal.equals("demo-leader")) {
				assertThat(bodies).as(principal).isPositive();
			}
			if (principal.equals("demo-unit")) {
				assertThat(bodies).isZero();
			}
		}
		assertThat(sqlInt("select count(*) from enterprise")).isGreaterThan(sqlInt(
				"select count(*) from enterprise e join county c on c.id = e.county_id where c.code = '610902'"));
	}

	@Test
	@SuppressWarnings("unchecked")
	void villagesOwnRecordsAreSeenWhereTheVillageIsInScope() {
		for (String principal : List.of("demo-county", "demo-town", "demo-secretary", "demo-unit")) {
			Set<Long> villages = visibleVillages(principal);
			String inScope = villages.isEmpty() ? "0"
					: villages.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).get();
			HttpGraphQlTester tester = as(principal, "bangfu-demo");
			var figures = tester.document(
					"""
							{ villageFigures(filter: {year: 2023}) {
							    total { villages villagesWithIncomeRecorded villagesWithLegalAdviser villagesWithPlanCompiled } } }""")
				.execute();
			// the villages themselves are public (areas): their records are what is
			// scoped, by the service's filter and by row-level security alike
			figures.path("villageFigures.total.villagesWithIncomeRecorded")
				.entity(Integer.class)
				.isEqualTo(sqlInt("select count(*) from village_collective_income where year = 2023 and village_id in ("
						+ inScope + ")"));
			figures.path("villageFigures.total.villagesWithPlanCompiled")
				.entity(Integer.class)
				.isEqualTo(sqlInt("select count(*) from village_plan where compiled_year = 2023 and village_id in ("
						+ inScope + ")"));
			// a village outside: its records are not there; one inside: they are
			String document = """
					query($code: String!) { village(code: $code) {
					  collectiveIncomes { year } legalAdviserPostings { id } plans { id } history { operation } } }""";
			Map<String, Object> outside = (Map<String, Object>) tester.document(document)
				.variable("code", "610924001001")
				.execute()
				.path("village")
				.entity(Map.class)
				.get();
			assertThat(outside.values()).as(principal).allSatisfy((list) -> assertThat((List<?>) list).isEmpty());
			if (!villages.isEmpty()) {
				String code = sqlString("select code from village where id = " + villages.iterator().next());
				tester.document(document)
					.variable("code", code)
					.execute()
					.path("village.collectiveIncomes[*].year")
					.entityList(Integer.class)
					.containsExactly(2023, 2022);
			}
		}
	}

	@Test
	void supervisionProblemsAreSeenWhereTheyWereFound() {
		String document = "{ supervisionProblems(first: 0) { totalCount } }";
		assertThat(totalProblems("demo-county")).isEqualTo(
				sqlInt("""
						select count(*) from supervision_problem p join county c on c.id = p.county_id where c.code = '610902'"""))
			.isPositive();
		assertThat(totalProblems("demo-town")).isEqualTo(sqlInt("""
				select count(*) from supervision_problem p join role_grant g on g.town_id = p.town_id
				join app_user u on u.id = g.user_id where u.username = 'demo-town'"""));
		long village = visibleVillages("demo-secretary").iterator().next();
		assertThat(totalProblems("demo-secretary"))
			.isEqualTo(sqlInt("select count(*) from supervision_problem where village_id = " + village));
		assertThat(totalProblems("demo-unit")).isZero();
		assertThat(totalProblems("demo-leader")).isEqualTo(sqlInt("select count(*) from supervision_problem"));
		// and their figures: the county's problems alone, the rounds that covered it
		as("demo-county")
			.document("{ supervisionFigures(filter: {year: 2023}) { total { rounds counties problemsFound } } }")
			.execute()
			.path("supervisionFigures.total.counties")
			.entity(Integer.class)
			.isEqualTo(1)
			.path("supervisionFigures.total.problemsFound")
			.entity(Integer.class)
			.isEqualTo(sqlInt("""
					select count(*) from supervision_problem p join county c on c.id = p.county_id
					where c.code = '610902' and p.found_on between '2023-01-01' and '2023-12-31'"""));
		// a problem outside the jurisdiction is not found, not even by id
		String outside = GlobalId.of("SupervisionProblem", Long.parseLong(sqlString("""
				select p.id::text from supervision_problem p join county c on c.id = p.county_id
				where c.code <> '610902' order by p.id limit 1""")));
		as("demo-county").document("query($id: ID!) { node(id: $id) { id } }")
			.variable("id", outside)
			.execute()
			.path("node")
			.valueIsNull();
		as("demo-county").document(document).execute().path("supervisionProblems.totalCount").hasValue();
	}

	@Test
	void theOutOfPovertyRegisterAndItsLoansFollowTheJurisdiction() {
		int inCounty = sqlInt(
				"""
						select count(*) from exited_household e join village v on v.id = e.village_id where v.code like '610902%'""");
		int loansInCounty = sqlInt("""
				select count(*) from microcredit_loan l join village v on v.id = l.village_id
				where v.code like '610902%' and l.issued_on <= current_date""");
		assertThat(inCounty).isPositive();
		as("demo-county")
			.document("{ exitedHouseholds(first: 0) { totalCount } microcreditLoans(first: 0) { totalCount } }")
			.execute()
			.path("exitedHouseholds.totalCount")
			.entity(Integer.class)
			.isEqualTo(inCounty)
			.path("microcreditLoans.totalCount")
			.entity(Integer.class)
			.isEqualTo(loansInCounty);
		String outside = GlobalId.of("ExitedHousehold", Long.parseLong(sqlString(
				"""
						select e.id::text from exited_household e join village v on v.id = e.village_id where v.code like '610924%'
						order by e.id limit 1""")));
		String outsideLoan = GlobalId.of("MicrocreditLoan", Long.parseLong(sqlString(
				"""
						select l.id::text from microcredit_loan l join village v on v.id = l.village_id where v.code like '610924%'
						order by l.id limit 1""")));
		String lookup = "query($a: ID!, $b: ID!) { a: node(id: $a) { id } b: node(id: $b) { id } }";
		as("demo-county").document(lookup)
			.variable("a", outside)
			.variable("b", outsideLoan)
			.execute()
			.path("a")
			.valueIsNull()
			.path("b")
			.valueIsNull();
		this.graphQl.document(lookup)
			.variable("a", outside)
			.variable("b", outsideLoan)
			.execute()
			.path("a.id")
			.entity(String.class)
			.isEqualTo(outside)
			.path("b.id")
			.entity(String.class)
			.isEqualTo(outsideLoan);
		// the city leader sees the register, not the heads' ID numbers
		this.graphQl.document("query($a: ID!) { node(id: $a) { ... on ExitedHousehold { headIdNumber } } }")
			.variable("a", outside)
			.execute()
			.path("node.headIdNumber")
			.entity(String.class)
			.satisfies((number) -> assertThat(number).contains("****"));
		as("demo-unit").document("{ exitedHouseholds(first: 0) { totalCount } }")
			.execute()
			.path("exitedHouseholds.totalCount")
			.entity(Integer.class)
			.isEqualTo(0);
	}

	@Test
	void publicWelfareJobsTrainingAndSupportFollowTheJurisdiction() {
		int inCounty = sqlInt("""
				select count(*) from public_welfare_job j join village v on v.id = j.village_id
				where v.code like '610902%'""");
		assertThat(inCounty).isPositive();
		as("demo-county").document("{ publicWelfareJobs(first: 0) { totalCount } }")
			.execute()
			.path("publicWelfareJobs.totalCount")
			.entity(Integer.class)
			.isEqualTo(inCounty);
		String outside = GlobalId.of("PublicWelfareJob", Long.parseLong(sqlString("""
				select j.id::text from public_welfare_job j join village v on v.id = j.village_id
				where v.code like '610924%' order by j.id limit 1""")));
		String lookup = "query($a: ID!) { node(id: $a) { id } }";
		as("demo-county").document(lookup).variable("a", outside).execute().path("node").valueIsNull();
		this.graphQl.document(lookup)
			.variable("a", outside)
			.execute()
			.path("node.id")
			.entity(String.class)
			.isEqualTo(outside);
		// a household's training and support come with the household, in scope only
		String relocated = GlobalId.of("ExitedHousehold", Long.parseLong(sqlString("""
				select eh.id::text from exited_household eh join village v on v.id = eh.village_id
				where v.code like '610902%' and exists (select from relocation_support s where s.household_id = eh.id)
				  and exists (select from exited_household_training t where t.household_id = eh.id)
				order by eh.id limit 1""")));
		String household = """
				query($a: ID!) { node(id: $a) { ... on ExitedHousehold { relocationCommunity { code }
				  relocationSupport { kind } training { programme } } } }""";
		as("demo-county").document(household)
			.variable("a", relocated)
			.execute()
			.path("node.relocationCommunity.code")
			.entity(String.class)
			.satisfies((code) -> assertThat(code).startsWith("610902"))
			.path("node.relocationSupport")
			.entityList(Object.class)
			.hasSizeGreaterThan(0)
			.path("node.training")
			.entityList(Object.class)
			.hasSizeGreaterThan(0);
		as("demo-unit").document(household).variable("a", relocated).execute().path("node").valueIsNull();
		as("demo-unit").document("{ publicWelfareJobs(first: 0) { totalCount } }")
			.execute()
			.path("publicWelfareJobs.totalCount")
			.entity(Integer.class)
			.isEqualTo(0);
	}

	private int totalProblems(String user) {
		return as(user).document("{ supervisionProblems(first: 0) { totalCount } }")
			.execute()
			.path("supervisionProblems.totalCount")
			.entity(Integer.class)
			.get();
	}

}
