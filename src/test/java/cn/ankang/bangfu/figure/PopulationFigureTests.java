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
import static org.assertj.core.api.Assertions.within;

/**
 * The out-of-poverty population's figures (脱贫人口, 务工就业, 小额信贷), each checked against the
 * same figure computed a second way, in SQL written here over the register's tables.
 */
class PopulationFigureTests extends ApiTestSupport {

	@Test
	void thePopulationOf2023AsTheRegisterHoldsIt() {
		GraphQlTester.Response response = this.graphQl.document("""
				{ populationFigures(filter: {year: 2023}) { total {
				    households people peopleInWork averageNetIncome previousAverageNetIncome averageNetIncomeGrowth
				    householdsBelowThreshold householdsIncomeFell relocatedHouseholds } } }""").execute();
		String total = "populationFigures.total.";
		response.path(total + "households")
			.entity(Integer.class)
			.isEqualTo(sqlInt("select count(*)::int from exited_household_year where year = 2023"))
			.path(total + "people")
			.entity(Integer.class)
			.isEqualTo(sqlInt("select sum(people)::int from exited_household_year where year = 2023"))
			.path(total + "peopleInWork")
			.entity(Integer.class)
			.isEqualTo(sqlInt("select sum(people)::int from exited_household_employment where year = 2023"))
			.path(total + "householdsBelowThreshold")
			.entity(Integer.class)
			.isEqualTo(sqlInt(
					"select count(*)::int from exited_household_year where year = 2023 and per_capita_income_fen < 800000"))
			.path(total + "householdsIncomeFell")
			.entity(Integer.class)
			.isEqualTo(sqlInt("""
					select count(*)::int from exited_household_year y, exited_household_year p
					where y.year = 2023 and p.year = 2022 and p.household_id = y.household_id
					  and p.per_capita_income_fen > y.per_capita_income_fen"""))
			.path(total + "relocatedHouseholds")
			.entity(Integer.class)
			.isEqualTo(
					sqlInt("""
							select count(*)::int from exited_household h
							where h.relocated and exists (select from exited_household_year y where y.household_id = h.id and y.year = 2023)"""));
		BigDecimal average = response.path(total + "averageNetIncome").entity(BigDecimal.class).get();
		assertThat(average.doubleValue()).isCloseTo(sqlDouble("""
				select sum(per_capita_income_fen::numeric * people) / sum(people) / 100
				from exited_household_year where year = 2023"""), within(0.005));
		assertThat(response.path(total + "averageNetIncomeGrowth").entity(Double.class).get())
			.isCloseTo(average.doubleValue()
					/ response.path(total + "previousAverageNetIncome").entity(BigDecimal.class).get().doubleValue()
					- 1, within(0.0001));
		// the demo city's, as the report published them
		assertThat(average.setScale(0, java.math.RoundingMode.HALF_UP).intValue())
			.isEqualTo(DemoFigures.AVERAGE_NET_INCOME_YUAN_2023);
		assertThat(Math.round(response.path(total + "averageNetIncomeGrowth").entity(Double.class).get() * 1000))
			.isEqualTo(DemoFigures.AVERAGE_NET_INCOME_GROWTH_PERMILLE_2023);
		response.path(total + "peopleInWork").entity(Integer.class).isEqualTo(DemoFigures.PEOPLE_IN_WORK_2023);
	}

	@Test
	void byCountyTheGroupsAreEachCountysAndAddUpToTheTotal() {
		GraphQlTester.Response response = this.graphQl.document("""
				{ populationFigures(filter: {year: 2023}, groupBy: [COUNTY]) {
				    total { people } groups { keys { value label } households people peopleInWork } } }""").execute();
		Map<String, Integer> people = new HashMap<>();
		this.jdbc
			.sql("""
					select c.code, sum(y.people)::int as people from exited_household_year y join village v on v.id = y.village_id
					join town t on t.id = v.town_id join county c on c.id = t.county_id where y.year = 2023 group by c.code""")
			.query((rs) -> {
				people.put(rs.getString("code"), rs.getInt("people"));
			});
		List<Map<String, Object>> groups = groups(response, "populationFigures.groups");
		assertThat(groups).hasSize(people.size());
		long sum = 0;
		for (Map<String, Object> group : groups) {
			String code = key(group, "value");
			assertThat(group.get("people")).as(code).isEqualTo(people.get(code));
			sum += (Integer) group.get("people");
		}
		response.path("populationFigures.total.people").entity(Long.class).isEqualTo(sum);
	}

	@Test
	void peopleInWorkByWhereTheyWorkWithTheirChineseNames() {
		GraphQlTester.Response response = this.graphQl.document("""
				{ employmentFigures(filter: {year: 2023}, groupBy: [WORK_PLACE]) {
				    total { peopleInWork households } groups { keys { value label } peopleInWork } } }""").execute();
		response.path("employmentFigures.total.peopleInWork")
			.entity(Integer.class)
			.isEqualTo(DemoFigures.PEOPLE_IN_WORK_2023)
			.path("employmentFigures.total.households")
			.entity(Integer.class)
			.isEqualTo(sqlInt(
					"select count(distinct household_id)::int from exited_household_employment where year = 2023"));
		Map<String, Integer> byPlace = new HashMap<>();
		this.jdbc.sql(
				"select place, sum(people)::int as people from exited_household_employment where year = 2023 group by place")
			.query((rs) -> {
				byPlace.put(rs.getString("place"), rs.getInt("people"));
			});
		List<Map<String, Object>> groups = groups(response, "employmentFigures.groups");
		assertThat(groups).hasSize(3);
		for (Map<String, Object> group : groups) {
			assertThat(group.get("peopleInWork")).isEqualTo(byPlace.get(key(group, "value")));
		}
		assertThat(groups.stream().map((group) -> key(group, "label"))).contains("县内", "省外");
		assertError("{ populationFigures(groupBy: [WORK_PLACE]) { total { people } } }", "INVALID_ARGUMENT");
	}

	@Test
	void microcreditIssuedByTheEndOf2023AndWhatWasOwedThen() {
		GraphQlTester.Response response = this.graphQl.document(
				"""
						{ microcreditFigures(filter: {year: 2023}) { total {
						    loans issued loansInPeriod issuedInPeriod outstandingLoans outstandingBalance overdueLoans overdueBalance } } }""")
			.execute();
		String total = "microcreditFigures.total.";
		String repaidByThen = """
				(select coalesce(sum(r.amount_fen), 0) from microcredit_repayment r
				 where r.loan_id = l.id and r.repaid_on <= '2023-12-31')""";
		response.path(total + "loans")
			.entity(Integer.class)
			.isEqualTo(sqlInt("select count(*)::int from microcredit_loan where issued_on <= '2023-12-31'"))
			.path(total + "issued")
			.entity(BigDecimal.class)
			.isEqualTo(new BigDecimal(DemoFigures.MICROCREDIT_FEN_TO_2023).movePointLeft(2).setScale(2))
			.path(total + "loansInPeriod")
			.entity(Integer.class)
			.isEqualTo(sqlInt(
					"select count(*)::int from microcredit_loan where issued_on between '2023-01-01' and '2023-12-31'"))
			.path(total + "outstandingLoans")
			.entity(Integer.class)
			.isEqualTo(sqlInt("select count(*)::int from microcredit_loan l where l.issued_on <= '2023-12-31' and "
					+ repaidByThen + " < l.amount_fen"))
			.path(total + "overdueLoans")
			.entity(Integer.class)
			.isEqualTo(sqlInt("""
					select count(*)::int from microcredit_loan l where l.issued_on <= '2023-12-31'
					  and l.due_on < '2023-12-31' and """ + repaidByThen + " < l.amount_fen"));
		assertThat(response.path(total + "outstandingBalance").entity(BigDecimal.class).get().doubleValue())
			.isCloseTo(
					sqlDouble("select sum(l.amount_fen - " + repaidByThen
							+ ")::float8 / 100 from microcredit_loan l where l.issued_on <= '2023-12-31'"),
					within(0.001));
		assertThat(response.path(total + "issuedInPeriod").entity(BigDecimal.class).get().doubleValue()).isCloseTo(
				sqlDouble("select sum(amount_fen)::float8 / 100 from microcredit_loan where issued_on >= '2023-01-01'"
						+ " and issued_on <= '2023-12-31'"),
				within(0.001));
	}

	@Test
	void aCountyOfficerGetsTheirCountysPopulationOnly() {
		String document = "{ populationFigures(filter: {year: 2023}, groupBy: [COUNTY]) { total { people } groups { keys { value } } } }";
		as("demo-county").document(document)
			.execute()
			.path("populationFigures.total.people")
			.entity(Integer.class)
			.isEqualTo(sqlInt("""
					select sum(y.people)::int from exited_household_year y join village v on v.id = y.village_id
					where v.code like '610902%' and y.year = 2023"""))
			.path("populationFigures.groups")
			.entityList(Object.class)
			.hasSize(1);
		as("demo-unit").document(document)
			.execute()
			.path("populationFigures.total.people")
			.entity(Integer.class)
			.isEqualTo(0);
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> groups(GraphQlTester.Response response, String path) {
		return (List<Map<String, Object>>) (List<?>) response.path(path).entityList(Map.class).get();
	}

	@SuppressWarnings("unchecked")
	private static String key(Map<String, Object> group, String field) {
		return (String) ((List<Map<String, Object>>) group.get("keys")).get(0).get(field);
	}

	private double sqlDouble(String sql) {
		return this.jdbc.sql(sql).query(Double.class).single();
	}

}
