package cn.ankang.bangfu.leader;

import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.ApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Leaders' liaisons through the API.
 */
class LeaderApiTests extends ApiTestSupport {

	@Test
	void liaisonsOfACountyWithLeaderAndKeyVillage() {
		var response = this.graphQl.document("""
				{ leaderLiaisons(countyCode: "610902") { startedOn county { code } keyVillage { code keyDesignation }
				  leader { name title liaisons { county { code } } } } }""").execute();
		response.path("leaderLiaisons")
			.entityList(Object.class)
			.hasSize(sqlInt(
					"select count(*) from leader_liaison l join county c on c.id = l.county_id where c.code = '610902'"));
		response.path("leaderLiaisons[*].county.code")
			.entityList(String.class)
			.satisfies((codes) -> assertThat(codes).containsOnly("610902"));
		response.path("leaderLiaisons[*].keyVillage.keyDesignation")
			.entityList(String.class)
			.satisfies((designations) -> assertThat(designations).containsOnly("PROVINCIAL"));
		response.path("leaderLiaisons[0].leader.liaisons[0].county.code").entity(String.class).isEqualTo("610902");
	}

	@Test
	void liaisonsInForceOnADateAndFromTheCountySide() {
		this.graphQl.document("{ leaderLiaisons(activeOn: \"2022-12-31\") { id } }")
			.execute()
			.path("leaderLiaisons")
			.entityList(Object.class)
			.hasSize(0);
		this.graphQl.document("{ county(code: \"610927\") { leaderLiaisons { leader { name } } } }")
			.execute()
			.path("county.leaderLiaisons")
			.entityList(Object.class)
			.hasSize(sqlInt(
					"select count(*) from leader_liaison l join county c on c.id = l.county_id where c.code = '610927'"));
	}

}
