package cn.ankang.bangfu.project;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.ApiTestSupport;
import cn.ankang.bangfu.shared.relay.GlobalId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Projects through the API: every filter, exact money, allocations and county totals.
 */
class ProjectApiTests extends ApiTestSupport {

	@Test
	void everyFilterNarrowsAsTheSqlDoes() {
		assertThat(total(Map.of("countyCode", "610924"))).isEqualTo(
				sqlInt("select count(*) from project p join county c on c.id = p.county_id where c.code = '610924'"));
		String town = sqlString("select t.code from project p join town t on t.id = p.town_id order by p.id limit 1");
		assertThat(total(Map.of("townCode", town))).isEqualTo(
				sqlInt("select count(*) from project p join town t on t.id = p.town_id where t.code = '" + town + "'"));
		String village = sqlString(
				"select v.code from project p join village v on v.id = p.village_id order by p.id limit 1");
		assertThat(total(Map.of("villageCode", village)))
			.isEqualTo(sqlInt("select count(*) from project p join village v on v.id = p.village_id where v.code = '"
					+ village + "'"));
		assertThat(total(Map.of("year", 2024))).isEqualTo(sqlInt("select count(*) from project where year = 2024"));
		assertThat(total(Map.of("industry", "TEA")))
			.isEqualTo(sqlInt("select count(*) from project where industry = 'TEA'"));
		assertThat(total(Map.of("category", "HOUSING")))
			.isEqualTo(sqlInt("select count(*) from project where category = 'HOUSING'"));
		assertThat(total(Map.of("status", "IN_PROGRESS")))
			.isEqualTo(sqlInt("select count(*) from project where status = 'IN_PROGRESS'"));
		assertThat(total(Map.of("fundSource", "COUNTY_LINKAGE"))).isEqualTo(
				sqlInt("select count(distinct project_id) from fund_allocation where source = 'COUNTY_LINKAGE'"));
		long unit = this.jdbc
			.sql("select implementing_unit_id from project where implementing_unit_id is not null limit 1")
			.query(Long.class)
			.single();
		assertThat(total(Map.of("implementingUnitId", GlobalId.of("AssistanceUnit", unit))))
			.isEqualTo(sqlInt("select count(*) from project where implementing_unit_id = " + unit));
		assertThat(total(Map.of("year", 2023, "industry", "KONJAC", "countyCode", "610925"))).isEqualTo(sqlInt("""
				select count(*) from project p join county c on c.id = p.county_id
				where p.year = 2023 and p.industry = 'KONJAC' and c.code = '610925'"""));
	}

	@Test
	void moneyIsExactAndAddsUpOverAllocations() {
		long project = this.jdbc
			.sql("""
					select project_id from fund_allocation group by project_id having count(*) = 3 order by project_id limit 1""")
			.query(Long.class)
			.single();
		var response = this.graphQl.documentName("project").variable("id", GlobalId.of("Project", project)).execute();
		String planned = sqlString(
				"select to_char(sum(planned_fen) / 100.0, 'FM999999999990.00') from fund_allocation where project_id = "
						+ project);
		response.path("node.plannedAmount").entity(String.class).isEqualTo(planned);
		response.path("node.fundAllocations").entityList(Object.class).hasSize(3);
		response.path("node.fundAllocations[*].plannedAmount")
			.entityList(String.class)
			.satisfies((amounts) -> assertThat(
					amounts.stream().map(BigDecimal::new).reduce(BigDecimal.ZERO, BigDecimal::add))
				.isEqualByComparingTo(planned));
		List<String> sources = this.jdbc.sql("select source from fund_allocation where project_id = :p")
			.param("p", project)
			.query(String.class)
			.list();
		response.path("node.fundAllocations[*].source")
			.entityList(String.class)
			.satisfies((listed) -> assertThat(listed).containsExactlyInAnyOrderElementsOf(sources))
			.satisfies((listed) -> assertThat(listed).isSortedAccordingTo(
					(a, b) -> FundAllocation.Source.valueOf(a).compareTo(FundAllocation.Source.valueOf(b))));
		response.path("node.county.code")
			.entity(String.class)
			.isEqualTo(sqlString(
					"select c.code from project p join county c on c.id = p.county_id where p.id = " + project));
		response.path("node.village.town.code")
			.entity(String.class)
			.isEqualTo(
					sqlString("select t.code from project p join town t on t.id = p.town_id where p.id = " + project));
	}

	@Test
	void countyTotalsByYearAndSource() {
		var response = this.graphQl
			.document(
					"""
							{ county(code: "610924") { all: projectTotals { count plannedAmount spentAmount }
							  y2023: projectTotals(year: 2023) { count plannedAmount }
							  designated: projectTotals(year: 2023, fundSource: DESIGNATED_ASSISTANCE) { count plannedAmount spentAmount } } }
							""")
			.execute();
		response.path("county.all.count")
			.entity(Integer.class)
			.isEqualTo(sqlInt(
					"select count(*) from project p join county c on c.id = p.county_id where c.code = '610924'"));
		response.path("county.y2023.plannedAmount").entity(String.class).isEqualTo(sqlString("""
				select to_char(sum(a.planned_fen) / 100.0, 'FM999999999990.00') from project p
				join county c on c.id = p.county_id join fund_allocation a on a.project_id = p.id
				where c.code = '610924' and p.year = 2023"""));
		response.path("county.designated.count").entity(Integer.class).isEqualTo(sqlInt("""
				select count(distinct p.id) from project p join county c on c.id = p.county_id
				join fund_allocation a on a.project_id = p.id
				where c.code = '610924' and p.year = 2023 and a.source = 'DESIGNATED_ASSISTANCE'"""));
		response.path("county.designated.spentAmount").entity(String.class).isEqualTo(sqlString("""
				select to_char(sum(a.spent_fen) / 100.0, 'FM999999999990.00') from project p
				join county c on c.id = p.county_id join fund_allocation a on a.project_id = p.id
				where c.code = '610924' and p.year = 2023 and a.source = 'DESIGNATED_ASSISTANCE'"""));
	}

	@Test
	void aVillagesProjectsArePaged() {
		String village = sqlString("""
				select v.code from village v join project p on p.village_id = v.id
				group by v.code having count(*) >= 3 order by v.code limit 1""");
		var response = this.graphQl.document("""
				query($code: String!) { village(code: $code) { projects(first: 2) { totalCount edges { node { id } }
				  pageInfo { hasNextPage } } } }""").variable("code", village).execute();
		response.path("village.projects.totalCount")
			.entity(Integer.class)
			.isEqualTo(sqlInt("select count(*) from project p join village v on v.id = p.village_id where v.code = '"
					+ village + "'"));
		response.path("village.projects.edges").entityList(Object.class).hasSize(2);
		response.path("village.projects.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);
	}

	private int total(Map<String, Object> filter) {
		return this.graphQl.document("query($f: ProjectFilter) { projects(first: 0, filter: $f) { totalCount } }")
			.variable("f", filter)
			.execute()
			.path("projects.totalCount")
			.entity(Integer.class)
			.get();
	}

}
