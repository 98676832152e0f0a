package cn.ankang.bangfu.household;

import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.ApiTestSupport;
import cn.ankang.bangfu.shared.relay.GlobalId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Monitored households through the API: filters, members, incomes, measures and the
 * village's list.
 */
class HouseholdApiTests extends ApiTestSupport {

	@Test
	void everyFilterNarrowsAsTheSqlDoes() {
		assertThat(total(Map.of("countyCode", "610981"))).isEqualTo(sqlInt("""
				select count(*) from household h join village v on v.id = h.village_id join town t on t.id = v.town_id
				join county c on c.id = t.county_id where c.code = '610981'"""));
		String town = sqlString("select code from town order by code limit 1 offset 40");
		assertThat(total(Map.of("townCode", town))).isEqualTo(sqlInt("""
				select count(*) from household h join village v on v.id = h.village_id join town t on t.id = v.town_id
				where t.code = '%s'""".formatted(town)));
		String village = sqlString(
				"select v.code from household h join village v on v.id = h.village_id order by h.id limit 1");
		assertThat(total(Map.of("villageCode", village)))
			.isEqualTo(sqlInt("select count(*) from household h join village v on v.id = h.village_id where v.code = '"
					+ village + "'"));
		assertThat(total(Map.of("category", "SUDDEN_SEVERE_HARDSHIP")))
			.isEqualTo(sqlInt("select count(*) from household where category = 'SUDDEN_SEVERE_HARDSHIP'"));
		assertThat(total(Map.of("status", "MONITORING")))
			.isEqualTo(sqlInt("select count(*) from household where status = 'MONITORING'"));
		assertThat(total(Map.of("riskType", "LACK_OF_LABOUR")))
			.isEqualTo(sqlInt("select count(*) from household where 'LACK_OF_LABOUR' = any(risk_types)"));
		long cadre = this.jdbc
			.sql("select responsible_cadre_id from household where responsible_cadre_id is not null limit 1")
			.query(Long.class)
			.single();
		assertThat(total(Map.of("responsibleCadreId", GlobalId.of("ResidentCadre", cadre))))
			.isEqualTo(sqlInt("select count(*) from household where responsible_cadre_id = " + cadre));
		assertThat(
				total(Map.of("status", "RISK_ELIMINATED", "riskType", "UNSTABLE_EMPLOYMENT", "countyCode", "610922")))
			.isEqualTo(
					sqlInt("""
							select count(*) from household h join village v on v.id = h.village_id join town t on t.id = v.town_id
							join county c on c.id = t.county_id
							where c.code = '610922' and h.status = 'RISK_ELIMINATED' and 'UNSTABLE_EMPLOYMENT' = any(h.risk_types)"""));
	}

	@Test
	void aHouseholdInFull() {
		long household = this.jdbc.sql("""
				select h.id from household h join village v on v.id = h.village_id
				where h.status = 'RISK_ELIMINATED' and h.responsible_cadre_id is not null and v.code like '610902%'
				  and (select count(*) from household_member m where m.household_id = h.id) >= 4
				order by h.id limit 1""").query(Long.class).single();
		// the county officer is responsible for the household, so sees it unmasked
		var response = as("demo-county").documentName("household")
			.variable("id", GlobalId.of("Household", household))
			.execute();
		int members = sqlInt("select count(*) from household_member where household_id = " + household);
		response.path("node.memberCount").entity(Integer.class).isEqualTo(members);
		response.path("node.members").entityList(Object.class).hasSize(members);
		response.path("node.members[0].relation").entity(String.class).isEqualTo("HEAD");
		response.path("node.members[0].idNumber")
			.entity(String.class)
			.isEqualTo(sqlString("select head_id_number from household where id = " + household));
		response.path("node.status").entity(String.class).isEqualTo("RISK_ELIMINATED");
		response.path("node.riskEliminatedOn")
			.entity(String.class)
			.isEqualTo(sqlString("select risk_eliminated_on::text from household where id = " + household));
		response.path("node.measures")
			.entityList(Object.class)
			.hasSize(sqlInt("select count(*) from assistance_measure where household_id = " + household));
		response.path("node.incomes[*].year")
			.entityList(Integer.class)
			.isEqualTo(this.jdbc.sql("select year from household_income where household_id = :h order by year")
				.param("h", household)
				.query(Integer.class)
				.list());
		response.path("node.incomes[0].perCapitaIncome").entity(String.class).isEqualTo(sqlString("""
				select to_char(per_capita_income_fen / 100.0, 'FM9999990.00') from household_income
				where household_id = %d order by year limit 1""".formatted(household)));
		response.path("node.responsibleCadre.id")
			.entity(String.class)
			.isEqualTo(GlobalId.of("ResidentCadre",
					this.jdbc.sql("select responsible_cadre_id from household where id = :h")
						.param("h", household)
						.query(Long.class)
						.single()));
		response.path("node.riskTypes").entityList(String.class).hasSizeGreaterThan(0);
	}

	@Test
	void aVillagesHouseholdsByStatus() {
		String village = sqlString(
				"""
						select v.code from village v join household h on h.village_id = v.id
						group by v.code having count(*) filter (where h.status = 'MONITORING') > 0 order by count(*) desc limit 1""");
		var response = this.graphQl.document("""
				query($code: String!) { village(code: $code) {
				  all: households(first: 100) { totalCount edges { node { id } } }
				  monitored: households(first: 100, status: MONITORING) { totalCount edges { node { status } } } } }""")
			.variable("code", village)
			.execute();
		response.path("village.all.totalCount")
			.entity(Integer.class)
			.isEqualTo(sqlInt("select count(*) from household h join village v on v.id = h.village_id where v.code = '"
					+ village + "'"));
		response.path("village.monitored.totalCount").entity(Integer.class).isEqualTo(sqlInt("""
				select count(*) from household h join village v on v.id = h.village_id
				where v.code = '%s' and h.status = 'MONITORING'""".formatted(village)));
		response.path("village.monitored.edges[*].node.status")
			.entityList(String.class)
			.satisfies((statuses) -> assertThat(statuses).containsOnly("MONITORING"));
	}

	private int total(Map<String, Object> filter) {
		return this.graphQl.document("query($f: HouseholdFilter) { households(first: 0, filter: $f) { totalCount } }")
			.variable("f", filter)
			.execute()
			.path("households.totalCount")
			.entity(Integer.class)
			.get();
	}

}
