package cn.ankang.bangfu.leader;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.RecordsTestSupport;

import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Leaders' liaisons with counties (领导联县), kept through the API by the city leaders'
 * office.
 */
class LeaderRecordsTests extends RecordsTestSupport {

	static final String LIAISON = "liaison { id startedOn endedOn version county { code } keyVillage { code } }";

	static LocalDate today() {
		return LocalDate.now(ZoneId.of("Asia/Shanghai"));
	}

	@Test
	@SuppressWarnings("unchecked")
	void aLeaderLiaisesWithACountyUntilTheLiaisonEnds() {
		Map<String, Object> leader = newLeader(cityLeader());
		LocalDate started = today().minusDays(10);
		Map<String, Object> liaison = made(assign(leader, COUNTY, "610902001001", started), "liaison");
		assertThat(liaison).containsEntry("startedOn", started.toString());
		assertThat(((Map<String, Object>) liaison.get("keyVillage")).get("code")).isEqualTo("610902001001");
		assertThat(liaisonsOf(COUNTY)).contains((String) leader.get("id"));
		assertThat(codes(assign(leader, COUNTY, null, started.plusDays(1)))).containsExactly("ALREADY_EXISTS");
		assertThat(field(assign(leader, COUNTY, "610924001001", started))).containsExactly("input", "keyVillageId");
		assertThat(codes(assign(leader, OTHER_CITY + "02", null, started))).containsExactly("OUT_OF_JURISDICTION");
		assertThat(codes(assign(leader, "610999", null, started))).containsExactly("NOT_FOUND");
		Map<String, Object> ended = made(end(liaison, 1, today()), "liaison");
		assertThat(ended).containsEntry("endedOn", today().toString()).containsEntry("version", 2);
		assertThat(codes(end(liaison, 1, today()))).containsExactly("STALE_VERSION");
		List<Map<String, Object>> history = (List<Map<String, Object>>) cityLeader()
			.document("query($id: ID!) { node(id: $id) { ... on Leader { history { operation recordKind after } } } }")
			.variable("id", leader.get("id"))
			.execute()
			.path("node.history")
			.entity(List.class)
			.get();
		assertThat(history).extracting((change) -> change.get("recordKind") + " " + change.get("operation"))
			.containsExactly("LEADER CREATED", "LEADER_LIAISON CREATED", "LEADER_LIAISON CHANGED");
		assertThat((Map<String, Object>) history.get(2).get("after")).containsEntry("endedOn", today().toString());
	}

	@Test
	void onlyCityLeadersAndAdminsKeepLiaisons() {
		Map<String, Object> input = Map.of("changeId", changeId(), "name", "测试某", "title", "副市长");
		assertRefused(this.anonymous, "createLeader", "CreateLeaderInput", input, "UNAUTHENTICATED");
		assertRefused(countyOfficer(COUNTY), "createLeader", "CreateLeaderInput", input, "FORBIDDEN");
		Map<String, Object> leader = newLeader(admin());
		assertRefused(townOfficer("610902001"), "assignLeaderLiaison", "AssignLeaderLiaisonInput", Map.of("changeId",
				changeId(), "leaderId", leader.get("id"), "countyCode", COUNTY, "startedOn", today().toString()),
				"FORBIDDEN");
		Map<String, Object> blank = new HashMap<>(input);
		blank.put("changeId", changeId());
		blank.put("title", " ");
		assertThat(field(send(cityLeader(), "createLeader", "CreateLeaderInput", blank, "leader { id }")))
			.containsExactly("input", "title");
	}

	private Map<String, Object> newLeader(HttpGraphQlTester as) {
		return made(send(as, "createLeader", "CreateLeaderInput",
				Map.of("changeId", changeId(), "name", unique("测试某"), "title", "副市长"), "leader { id name version }"),
				"leader");
	}

	private Map<String, Object> assign(Map<String, Object> leader, String countyCode, String villageCode,
			LocalDate on) {
		Map<String, Object> input = new HashMap<>(Map.of("changeId", changeId(), "leaderId", leader.get("id"),
				"countyCode", countyCode, "startedOn", on.toString()));
		if (villageCode != null) {
			input.put("keyVillageId", id("Village",
					Long.parseLong(sqlString("select id::text from village where code = '" + villageCode + "'"))));
		}
		return send(cityLeader(), "assignLeaderLiaison", "AssignLeaderLiaisonInput", input, LIAISON);
	}

	private Map<String, Object> end(Map<String, Object> liaison, int version, LocalDate on) {
		return send(cityLeader(), "endLeaderLiaison", "EndLeaderLiaisonInput", Map.of("changeId", changeId(),
				"liaisonId", liaison.get("id"), "baseVersion", version, "endedOn", on.toString()), LIAISON);
	}

	private List<String> liaisonsOf(String countyCode) {
		return cityLeader().document("query($c: String) { leaderLiaisons(countyCode: $c) { leader { id } } }")
			.variable("c", countyCode)
			.execute()
			.path("leaderLiaisons[*].leader.id")
			.entityList(String.class)
			.get();
	}

}
