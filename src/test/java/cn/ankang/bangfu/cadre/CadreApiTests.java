package cn.ankang.bangfu.cadre;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.ApiTestSupport;
import cn.ankang.bangfu.shared.relay.GlobalId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Resident cadres through the API: filters that follow postings in time, and the rotation
 * history.
 */
class CadreApiTests extends ApiTestSupport {

	@Test
	void filtersApplyToTheSamePosting() {
		assertThat(total(Map.of("role", "FIRST_SECRETARY", "countyCode", "610924", "activeOn", "2023-12-31")))
			.isEqualTo(sqlInt("""
					select count(distinct p.cadre_id) from posting p join village v on v.id = p.village_id
					join town t on t.id = v.town_id join county c on c.id = t.county_id
					where p.role = 'FIRST_SECRETARY' and c.code = '610924'
					  and p.started_on <= '2023-12-31' and (p.ended_on is null or p.ended_on >= '2023-12-31')"""));
		String town = sqlString("select t.code from town t order by t.code limit 1 offset 3");
		assertThat(total(Map.of("townCode", town))).isEqualTo(sqlInt("""
				select count(distinct p.cadre_id) from posting p join village v on v.id = p.village_id
				join town t on t.id = v.town_id where t.code = '%s'""".formatted(town)));
		String village = sqlString(
				"select v.code from posting p join village v on v.id = p.village_id order by p.id limit 1");
		assertThat(total(Map.of("villageCode", village))).isEqualTo(sqlInt("""
				select count(distinct p.cadre_id) from posting p join village v on v.id = p.village_id
				where v.code = '%s'""".formatted(village)));
		assertThat(total(Map.of())).isEqualTo(sqlInt("select count(*) from cadre"));
	}

	@Test
	void rotationKeepsHistoryAndEndsAccessTheDayAfter() {
		// a cadre rotated out in the report's year (the demo rotates again every two
		// years
		// after it)
		long predecessor = this.jdbc
			.sql("select cadre_id from posting where ended_on = date '2023-05-31' order by id limit 1")
			.query(Long.class)
			.single();
		var response = this.graphQl.document("""
				query($id: ID!) { node(id: $id) { ... on ResidentCadre { currentPosting { id }
				  postings { role startedOn endedOn village { code } } } } }""")
			.variable("id", GlobalId.of("ResidentCadre", predecessor))
			.execute();
		response.path("node.currentPosting").valueIsNull();
		response.path("node.postings[0].endedOn").entity(String.class).isEqualTo("2023-05-31");
		String village = response.path("node.postings[0].village.code").entity(String.class).get();
		List<String> onLastDay = cadresOf(village, "2023-05-31");
		List<String> dayAfter = cadresOf(village, "2023-06-01");
		String id = GlobalId.of("ResidentCadre", predecessor);
		assertThat(onLastDay).contains(id);
		assertThat(dayAfter).doesNotContain(id);
		assertThat(total(Map.of("activeOn", "2023-12-31"))).isEqualTo(sqlInt("""
				select count(distinct cadre_id) from posting
				where started_on <= date '2023-12-31' and (ended_on is null or ended_on >= date '2023-12-31')"""));
	}

	@Test
	void byDispatchingUnitAndAWrongIdIsRefused() {
		long unit = this.jdbc.sql("select dispatching_unit_id from cadre order by id limit 1")
			.query(Long.class)
			.single();
		assertThat(total(Map.of("dispatchingUnitId", GlobalId.of("AssistanceUnit", unit))))
			.isEqualTo(sqlInt("select count(*) from cadre where dispatching_unit_id = " + unit));
		assertError(
				"{ residentCadres(filter: {dispatchingUnitId: \"" + GlobalId.of("Village", 1) + "\"}) { totalCount } }",
				"INVALID_ID");
		assertError("{ residentCadres(filter: {dispatchingUnitId: \"nonsense\"}) { totalCount } }", "INVALID_ID");
	}

	@Test
	void aCadresUnitAndAVillagesCurrentCadresFirstSecretaryFirst() {
		String village = sqlString("""
				select v.code from village v where
				  (select count(*) from posting p where p.village_id = v.id and p.ended_on is null) = 3
				order by v.code limit 1""");
		var response = this.graphQl.document("""
				query($code: String!) { village(code: $code) { currentCadres { id name gender phone
				  dispatchingUnit { id } currentPosting { role village { code } cadre { id } } } } }""")
			.variable("code", village)
			.execute();
		response.path("village.currentCadres").entityList(Object.class).hasSize(3);
		response.path("village.currentCadres[0].currentPosting.role").entity(String.class).isEqualTo("FIRST_SECRETARY");
		response.path("village.currentCadres[*].currentPosting.village.code")
			.entityList(String.class)
			.containsExactly(village, village, village);
		String first = response.path("village.currentCadres[0].id").entity(String.class).get();
		response.path("village.currentCadres[0].currentPosting.cadre.id").entity(String.class).isEqualTo(first);
		long unit = this.jdbc.sql("select dispatching_unit_id from cadre where id = :id")
			.param("id", GlobalId.decode(first).numericKey())
			.query(Long.class)
			.single();
		response.path("village.currentCadres[0].dispatchingUnit.id")
			.entity(String.class)
			.isEqualTo(GlobalId.of("AssistanceUnit", unit));
	}

	private List<String> cadresOf(String village, String date) {
		return this.graphQl.document("""
				query($f: ResidentCadreFilter) { residentCadres(first: 100, filter: $f) { edges { node { id } } } }""")
			.variable("f", Map.of("villageCode", village, "activeOn", date))
			.execute()
			.path("residentCadres.edges[*].node.id")
			.entityList(String.class)
			.get();
	}

	private int total(Map<String, Object> filter) {
		return this.graphQl
			.document("query($f: ResidentCadreFilter) { residentCadres(first: 0, filter: $f) { totalCount } }")
			.variable("f", filter)
			.execute()
			.path("residentCadres.totalCount")
			.entity(Integer.class)
			.get();
	}

}
