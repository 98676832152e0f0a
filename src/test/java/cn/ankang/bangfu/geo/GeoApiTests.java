package cn.ankang.bangfu.geo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.ApiTestSupport;
import cn.ankang.bangfu.demo.DemoFigures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Areas through the API: lookups by code, the hierarchy both ways, and every edge of
 * paging.
 */
class GeoApiTests extends ApiTestSupport {

	@Test
	void countyByCodeWithItsCityAndTowns() {
		var response = this.graphQl.documentName("county").variable("code", "610902").execute();
		response.path("county.name").entity(String.class).isEqualTo("汉滨区");
		response.path("county.kind").entity(String.class).isEqualTo("DISTRICT");
		response.path("county.city.code").entity(String.class).isEqualTo("6109");
		response.path("county.city.name").entity(String.class).isEqualTo("安康市");
		List<String> expectedTowns = this.jdbc
			.sql("""
					select t.code from town t join county c on c.id = t.county_id where c.code = '610902' order by t.code""")
			.query(String.class)
			.list();
		response.path("county.towns[*].code").entityList(String.class).isEqualTo(expectedTowns);
		response.path("county.towns[0].county.code").entity(String.class).isEqualTo("610902");
	}

	@Test
	void unknownCodesGiveNull() {
		this.graphQl.documentName("county").variable("code", "000000").execute().path("county").valueIsNull();
		this.graphQl.document("{ town(code: \"999999999\") { id } village(code: \"x\") { id } }")
			.execute()
			.path("town")
			.valueIsNull()
			.path("village")
			.valueIsNull();
	}

	@Test
	void villageByCodeWithTownAndPosition() {
		String code = sqlString("select code from village order by code limit 1 offset 17");
		var response = this.graphQl
			.document(
					"""
							query($code: String!) { village(code: $code) { code name kind latitude longitude town { code county { code } } } }
							""")
			.variable("code", code)
			.execute();
		response.path("village.code").entity(String.class).isEqualTo(code);
		response.path("village.town.code").entity(String.class).isEqualTo(code.substring(0, 9));
		response.path("village.town.county.code").entity(String.class).isEqualTo(code.substring(0, 6));
		response.path("village.latitude")
			.entity(Double.class)
			.satisfies((lat) -> assertThat(lat).isBetween(31.0, 34.0));
	}

	@Test
	void villagesPageThroughInCodeOrderWithoutGapsOrRepeats() {
		List<String> expected = this.jdbc.sql("select code from village order by code limit 10")
			.query(String.class)
			.list();
		var first = this.graphQl.documentName("villages").variable("first", 5).execute();
		first.path("villages.edges[*].node.code").entityList(String.class).isEqualTo(expected.subList(0, 5));
		first.path("villages.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);
		first.path("villages.pageInfo.hasPreviousPage").entity(Boolean.class).isEqualTo(false);
		first.path("villages.totalCount").entity(Integer.class).isEqualTo(DemoFigures.VILLAGES);
		String end = first.path("villages.pageInfo.endCursor").entity(String.class).get();
		first.path("villages.edges[4].cursor").entity(String.class).isEqualTo(end);
		var second = this.graphQl.documentName("villages").variable("first", 5).variable("after", end).execute();
		second.path("villages.edges[*].node.code").entityList(String.class).isEqualTo(expected.subList(5, 10));
		second.path("villages.pageInfo.hasPreviousPage").entity(Boolean.class).isEqualTo(true);
	}

	@Test
	void theLastPageAndThePageAfterIt() {
		String town = sqlString("select code from town order by code limit 1");
		int inTown = sqlInt(
				"select count(*) from village v join town t on t.id = v.town_id where t.code = '" + town + "'");
		Map<String, Object> filter = Map.of("townCode", town);
		var all = this.graphQl.documentName("villages").variable("first", inTown).variable("filter", filter).execute();
		all.path("villages.edges").entityList(Object.class).hasSize(inTown);
		all.path("villages.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(false);
		all.path("villages.totalCount").entity(Integer.class).isEqualTo(inTown);
		this.graphQl.documentName("villages")
			.variable("first", inTown - 1)
			.variable("filter", filter)
			.execute()
			.path("villages.pageInfo.hasNextPage")
			.entity(Boolean.class)
			.isEqualTo(true);
		String end = all.path("villages.pageInfo.endCursor").entity(String.class).get();
		var after = this.graphQl.documentName("villages").variable("after", end).variable("filter", filter).execute();
		after.path("villages.edges").entityList(Object.class).hasSize(0);
		after.path("villages.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(false);
		after.path("villages.pageInfo.hasPreviousPage").entity(Boolean.class).isEqualTo(true);
		after.path("villages.pageInfo.endCursor").valueIsNull();
		after.path("villages.totalCount").entity(Integer.class).isEqualTo(inTown);
	}

	@Test
	void anEmptyPageStillCountsAndSaysMoreFollow() {
		var response = this.graphQl.documentName("villages").variable("first", 0).execute();
		response.path("villages.edges").entityList(Object.class).hasSize(0);
		response.path("villages.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);
		response.path("villages.pageInfo.startCursor").valueIsNull();
		response.path("villages.totalCount").entity(Integer.class).isEqualTo(DemoFigures.VILLAGES);
	}

	@Test
	void pagesLargerThanAHundredAreRefusedNotCut() {
		assertError("{ villages(first: 101) { totalCount } }", "INVALID_ARGUMENT");
		assertError("{ villages(first: -1) { totalCount } }", "INVALID_ARGUMENT");
		assertError("{ town(code: \"610902001\") { villages(first: 101) { totalCount } } }", "INVALID_ARGUMENT");
		this.graphQl.document("{ villages(first: 100) { edges { cursor } } }")
			.execute()
			.path("villages.edges")
			.entityList(Object.class)
			.hasSize(100);
	}

	@Test
	void cursorsThatAreNotThisListsAreRefused() {
		assertError("{ villages(after: \"not a cursor\") { totalCount } }", "INVALID_CURSOR");
		assertError("{ villages(after: \"%%%\") { totalCount } }", "INVALID_CURSOR");
		String projectCursor = this.graphQl.document("{ projects(first: 1) { pageInfo { endCursor } } }")
			.execute()
			.path("projects.pageInfo.endCursor")
			.entity(String.class)
			.get();
		assertError("{ villages(after: \"" + projectCursor + "\") { totalCount } }", "INVALID_CURSOR");
	}

	@Test
	void villagesFilteredByCountyTownAndDesignation() {
		assertThat(totalVillages(Map.of("countyCode", "610927"))).isEqualTo(sqlInt("""
				select count(*) from village v join town t on t.id = v.town_id join county c on c.id = t.county_id
				where c.code = '610927'"""));
		assertThat(totalVillages(Map.of("countyCode", "610927", "keyDesignation", "PROVINCIAL"))).isEqualTo(sqlInt("""
				select count(*) from village v join town t on t.id = v.town_id join county c on c.id = t.county_id
				where c.code = '610927' and v.key_designation = 'PROVINCIAL'"""));
		assertThat(totalVillages(Map.of("townCode", "610902001"))).isEqualTo(sqlInt("""
				select count(*) from village v join town t on t.id = v.town_id where t.code = '610902001'"""));
		assertThat(totalVillages(Map.of("countyCode", "999999"))).isZero();
	}

	@Test
	void aTownsVillagesArePagedPerTown() {
		List<String> expected = this.jdbc.sql("""
				select v.code from village v join town t on t.id = v.town_id where t.code = '610921002'
				order by v.code limit 4""").query(String.class).list();
		var response = this.graphQl
			.document(
					"""
							{ town(code: "610921002") { villages(first: 3) { totalCount edges { node { code } } pageInfo { hasNextPage endCursor } } } }
							""")
			.execute();
		response.path("town.villages.edges[*].node.code").entityList(String.class).isEqualTo(expected.subList(0, 3));
		String end = response.path("town.villages.pageInfo.endCursor").entity(String.class).get();
		this.graphQl
			.document(
					"""
							query($after: String) { town(code: "610921002") { villages(first: 1, after: $after) { edges { node { code } } } } }
							""")
			.variable("after", end)
			.execute()
			.path("town.villages.edges[0].node.code")
			.entity(String.class)
			.isEqualTo(expected.get(3));
	}

	private int totalVillages(Map<String, Object> filter) {
		return this.graphQl.documentName("villages")
			.variable("first", 0)
			.variable("filter", filter)
			.execute()
			.path("villages.totalCount")
			.entity(Integer.class)
			.get();
	}

}
