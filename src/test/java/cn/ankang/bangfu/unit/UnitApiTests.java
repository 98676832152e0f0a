package cn.ankang.bangfu.unit;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.ApiTestSupport;
import cn.ankang.bangfu.shared.relay.GlobalId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Assistance units through the API: filters, pairings, their cadres and projects.
 */
class UnitApiTests extends ApiTestSupport {

	@Test
	void unitsByLevelKindNameAndPairedCounty() {
		assertThat(total(Map.of("level", "CENTRAL")))
			.isEqualTo(sqlInt("select count(*) from assistance_unit where level = 'CENTRAL'"));
		assertThat(total(Map.of("level", "COUNTY"))).isEqualTo(1_000);
		assertThat(total(Map.of("kind", "HOSPITAL")))
			.isEqualTo(sqlInt("select count(*) from assistance_unit where kind = 'HOSPITAL'"));
		assertThat(total(Map.of("nameContains", "省级"))).isEqualTo(87);
		assertThat(total(Map.of("pairedCountyCode", "610927"))).isEqualTo(sqlInt("""
				select count(distinct p.unit_id) from unit_pairing p join village v on v.id = p.village_id
				join town t on t.id = v.town_id join county c on c.id = t.county_id where c.code = '610927'"""));
		assertThat(total(Map.of("level", "CENTRAL", "kind", "HOSPITAL")))
			.isEqualTo(sqlInt("select count(*) from assistance_unit where level = 'CENTRAL' and kind = 'HOSPITAL'"));
	}

	@Test
	void unitsPageInIdOrder() {
		List<Long> expected = this.jdbc.sql("select id from assistance_unit order by id limit 4")
			.query(Long.class)
			.list();
		var first = this.graphQl
			.document("{ assistanceUnits(first: 2) { edges { node { id } } pageInfo { endCursor } } }")
			.execute();
		first.path("assistanceUnits.edges[*].node.id")
			.entityList(String.class)
			.isEqualTo(expected.subList(0, 2).stream().map((id) -> GlobalId.of("AssistanceUnit", id)).toList());
		String end = first.path("assistanceUnits.pageInfo.endCursor").entity(String.class).get();
		this.graphQl
			.document("query($after: String) { assistanceUnits(first: 2, after: $after) { edges { node { id } } } }")
			.variable("after", end)
			.execute()
			.path("assistanceUnits.edges[*].node.id")
			.entityList(String.class)
			.isEqualTo(expected.subList(2, 4).stream().map((id) -> GlobalId.of("AssistanceUnit", id)).toList());
	}

	@Test
	void aUnitWithItsCountyPairingsCadresAndProjects() {
		long unit = this.jdbc.sql("""
				select u.id from assistance_unit u where u.level = 'COUNTY'
				  and exists (select 1 from project p where p.implementing_unit_id = u.id)
				  and exists (select 1 from cadre k where k.dispatching_unit_id = u.id)
				order by u.id limit 1""").query(Long.class).single();
		var response = this.graphQl.documentName("assistanceUnit")
			.variable("id", GlobalId.of("AssistanceUnit", unit))
			.execute();
		response.path("node.county.code")
			.entity(String.class)
			.isEqualTo(sqlString(
					"select c.code from assistance_unit u join county c on c.id = u.county_id where u.id = " + unit));
		response.path("node.pairings[*].village.code").entityList(String.class).isEqualTo(this.jdbc.sql("""
				select v.code from unit_pairing p join village v on v.id = p.village_id where p.unit_id = :unit
				order by p.started_on, p.id""").param("unit", unit).query(String.class).list());
		response.path("node.pairings[0].unit.id").entity(String.class).isEqualTo(GlobalId.of("AssistanceUnit", unit));
		response.path("node.cadres[*].id")
			.entityList(String.class)
			.isEqualTo(this.jdbc.sql("select id from cadre where dispatching_unit_id = :unit order by id")
				.param("unit", unit)
				.query(Long.class)
				.list()
				.stream()
				.map((id) -> GlobalId.of("ResidentCadre", id))
				.toList());
		response.path("node.projects.totalCount")
			.entity(Integer.class)
			.isEqualTo(sqlInt("select count(*) from project where implementing_unit_id = " + unit));
	}

	@Test
	void pairingsInForceOnADate() {
		this.graphQl.document("""
				{ assistanceUnits(first: 5) { edges { node { before: pairings(activeOn: "2021-05-31") { id }
				  during: pairings(activeOn: "2023-12-31") { id } } } } }""")
			.execute()
			.path("assistanceUnits.edges[*].node.before[*]")
			.entityList(Object.class)
			.hasSize(0)
			.path("assistanceUnits.edges[0].node.during")
			.entityList(Object.class)
			.hasSizeGreaterThan(0);
	}

	@Test
	void aVillagesPairings() {
		String village = sqlString("""
				select v.code from village v where exists (select 1 from unit_pairing p where p.village_id = v.id)
				order by v.code limit 1""");
		this.graphQl.document("query($code: String!) { village(code: $code) { pairings { unit { name } } } }")
			.variable("code", village)
			.execute()
			.path("village.pairings")
			.entityList(Object.class)
			.hasSize(sqlInt("select count(*) from unit_pairing p join village v on v.id = p.village_id where v.code = '"
					+ village + "'"));
	}

	private int total(Map<String, Object> filter) {
		return this.graphQl
			.document("query($f: AssistanceUnitFilter) { assistanceUnits(first: 0, filter: $f) { totalCount } }")
			.variable("f", filter)
			.execute()
			.path("assistanceUnits.totalCount")
			.entity(Integer.class)
			.get();
	}

}
