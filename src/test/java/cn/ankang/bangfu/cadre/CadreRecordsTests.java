package cn.ankang.bangfu.cadre;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.RecordsTestSupport;

import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Cadres and postings kept through the API: a unit registers and posts its cadres, the
 * county confirms, rotation hands a village over on one day; one first secretary per
 * village and one village per cadre, said field by field and held by the database; the
 * cadre's account sees the village from its next request.
 */
class CadreRecordsTests extends RecordsTestSupport {

	static final String POSTING = """
			posting { id startedOn endedOn role version handoverNote endReason
			          village { code } cadre { id } predecessor { id endedOn } }""";

	static LocalDate today() {
		return LocalDate.now(ZoneId.of("Asia/Shanghai"));
	}

	@Test
	@SuppressWarnings("unchecked")
	void aCadreIsRegisteredPostedAndRotatedAndTheAccountFollows() {
		String village = "610902002001";
		Map<String, Object> unit = unit(COUNTY);
		String username = unique("cadre-").toLowerCase();
		Map<String, Object> first = register(countyOfficer(COUNTY), unit, "第一书记甲",
				Map.of("username", username, "password", "the-right-password"));
		HttpGraphQlTester phone = as(username, "the-right-password");
		assertThat(postedVillages(phone)).isEmpty();
		int before = firstSecretaries(village);

		Map<String, Object> posting = made(
				post(countyOfficer(COUNTY), first, village, "FIRST_SECRETARY", today().minusDays(100)), "posting");
		assertThat(posting).containsEntry("role", "FIRST_SECRETARY").containsEntry("version", 1);
		// jurisdiction follows at once: the next request sees the village, the feed
		// brings it
		assertThat(postedVillages(phone)).containsExactly(village);
		assertThat(phone.document("{ changes { changes { itemType villageId } } }")
			.execute()
			.path("changes.changes[*].itemType")
			.entityList(String.class)
			.get()).contains("VILLAGE");
		assertThat(firstSecretaries(village)).isEqualTo(before + 1);

		// a second first secretary: refused, by the service and by the database
		Map<String, Object> second = register(countyOfficer(COUNTY), unit, "第一书记乙", null);
		Map<String, Object> taken = post(countyOfficer(COUNTY), second, village, "FIRST_SECRETARY",
				today().minusDays(50));
		assertThat(codes(taken)).containsExactly("FIRST_SECRETARY_TAKEN");
		assertThat(field(taken)).containsExactly("input", "role");
		long villageKey = sqlLong("select id from village where code = '" + village + "'");
		assertThatThrownBy(() -> this.jdbc.sql("""
				insert into posting (cadre_id, village_id, role, started_on)
				values (:cadre, :village, 'FIRST_SECRETARY', current_date)""")
			.param("cadre", key(second))
			.param("village", villageKey)
			.update()).hasMessageContaining("posting_one_first_secretary_a_day");
		// as a team member, fine; but then in one village at a time
		made(post(countyOfficer(COUNTY), second, village, "TEAM_MEMBER", today().minusDays(50)), "posting");
		Map<String, Object> twice = post(countyOfficer(COUNTY), second, "610902003001", "TEAM_MEMBER",
				today().minusDays(10));
		assertThat(codes(twice)).containsExactly("OVERLAPPING_POSTING");
		assertThatThrownBy(() -> this.jdbc.sql("""
				insert into posting (cadre_id, village_id, role, started_on)
				values (:cadre, (select id from village where code = '610902003001'), 'TEAM_MEMBER', current_date)""")
			.param("cadre", key(second))
			.update()).hasMessageContaining("posting_one_village_at_a_time");

		// rotation: the successor from today - 10, the predecessor's last day the day
		// before
		Map<String, Object> successor = register(countyOfficer(COUNTY), unit, "第一书记丙", null);
		Map<String, Object> rotated = made(send(countyOfficer(COUNTY), "rotatePosting", "RotatePostingInput",
				Map.of("changeId", changeId(), "postingId", posting.get("id"), "baseVersion", 1, "successorCadreId",
						successor.get("id"), "on", today().minusDays(10).toString(), "handoverNote", "移交村务台账和监测户名册"),
				POSTING), "posting");
		assertThat(rotated).containsEntry("startedOn", today().minusDays(10).toString())
			.containsEntry("role", "FIRST_SECRETARY")
			.containsEntry("handoverNote", "移交村务台账和监测户名册");
		assertThat((Map<String, Object>) rotated.get("predecessor")).containsEntry("id", posting.get("id"))
			.containsEntry("endedOn", today().minusDays(11).toString());
		assertThat(postedVillages(phone)).isEmpty();
		assertThat(firstSecretaries(village)).isEqualTo(before + 1);
		// the rotated posting is over: rotating or ending it again is refused
		assertThat(codes(
				send(countyOfficer(COUNTY), "endPosting", "EndPostingInput", Map.of("changeId", changeId(), "postingId",
						posting.get("id"), "baseVersion", 2, "endedOn", today().toString(), "reason", "召回"), POSTING)))
			.containsExactly("INVALID_TRANSITION");

		// the cadre's history: registered, posted, rotated out
		List<String> history = cadreHistory(countyOfficer(COUNTY), first);
		assertThat(history).containsExactly("CADRE CREATED", "POSTING CREATED", "POSTING CHANGED");
	}

	@Test
	void aPostingEndsOnItsLastDayWithAReasonAndAStaleVersionIsRefused() {
		Map<String, Object> unit = unit(COUNTY);
		Map<String, Object> cadre = register(countyOfficer(COUNTY), unit, "队员甲", null);
		Map<String, Object> posting = made(
				post(countyOfficer(COUNTY), cadre, "610902004001", "TEAM_MEMBER", today().minusDays(30)), "posting");
		Map<String, Object> early = end(posting, 1, today().minusDays(31), "任期届满");
		assertThat(field(early)).containsExactly("input", "endedOn");
		assertThat(field(end(posting, 1, today().plusDays(1), "任期届满"))).containsExactly("input", "endedOn");
		assertThat(field(end(posting, 1, today(), " "))).containsExactly("input", "reason");
		Map<String, Object> ended = made(end(posting, 1, today(), "单位召回"), "posting");
		assertThat(ended).containsEntry("endedOn", today().toString())
			.containsEntry("endReason", "单位召回")
			.containsEntry("version", 2);
		assertThat(codes(end(posting, 1, today(), "单位召回"))).containsExactly("STALE_VERSION");
	}

	@Test
	void unitManagersPostTheirCadresToPairedVillagesAndOthersAreRefused() {
		Map<String, Object> unit = unit(COUNTY);
		String paired = "610902005001";
		made(send(cityLeader(), "pairUnitWithVillage", "PairUnitWithVillageInput",
				Map.of("changeId", changeId(), "unitId", unit.get("id"), "villageId", villageId(paired), "startedOn",
						today().minusDays(200).toString()),
				"pairing { id }"), "pairing");
		HttpGraphQlTester manager = user("UNIT_MANAGER", Map.of("unitId", (String) unit.get("id")));
		Map<String, Object> cadre = register(manager, unit, "单位干部", null);
		made(post(manager, cadre, paired, "TEAM_LEADER", today().minusDays(5)), "posting");
		Map<String, Object> other = register(manager, unit, "单位干部乙", null);
		assertThat(codes(post(manager, other, "610902005002", "TEAM_MEMBER", today())))
			.containsExactly("OUT_OF_JURISDICTION");
		Map<String, Object> otherUnit = unit(COUNTY);
		assertThat(codes(send(manager, "registerCadre", "RegisterCadreInput", registration(otherUnit, "他单位干部", null),
				"cadre { id }")))
			.containsExactly("OUT_OF_JURISDICTION");
		// a county officer of another county, a town officer, a city leader, nobody
		assertThat(codes(post(countyOfficer(OTHER_COUNTY), other, "610902005002", "TEAM_MEMBER", today())))
			.containsExactly("OUT_OF_JURISDICTION");
		for (HttpGraphQlTester refused : List.of(townOfficer("610902005"), cityLeader())) {
			assertRefused(refused, "registerCadre", "RegisterCadreInput", registration(unit, "越权", null), "FORBIDDEN");
		}
		assertRefused(this.anonymous, "registerCadre", "RegisterCadreInput", registration(unit, "匿名", null),
				"UNAUTHENTICATED");
	}

	@Test
	void anAccountIsOpenedOnlyOnceAndNotForAnOfficer() {
		Map<String, Object> unit = unit(COUNTY);
		String taken = unique("taken-").toLowerCase();
		register(countyOfficer(COUNTY), unit, "账号甲", Map.of("username", taken, "password", "the-right-password"));
		Map<String, Object> again = send(countyOfficer(COUNTY), "registerCadre", "RegisterCadreInput",
				registration(unit, "账号乙", Map.of("username", taken, "password", "the-right-password")), "cadre { id }");
		assertThat(codes(again)).containsExactly("USERNAME_TAKEN");
		assertThat(field(again)).containsExactly("input", "account", "username");
		// nothing of the refused registration stays
		assertThat(sqlLong("select count(*) from cadre where name = '账号乙'")).isZero();
		String officer = userId(newUser("officer"));
		this.admin()
			.document("mutation($g: GrantRoleInput!) { grantRole(input: $g) { userErrors { code } } }")
			.variable("g", Map.of("userId", officer, "role", "COUNTY_OFFICER", "countyCode", COUNTY))
			.execute();
		assertThat(field(send(countyOfficer(COUNTY), "registerCadre", "RegisterCadreInput",
				registration(unit, "账号丙", Map.of("userId", officer)), "cadre { id }")))
			.containsExactly("input", "account", "userId");
		// the password never reaches a hash of the change
		assertThat(sqlLong("select count(*) from record_history where after::text like '%the-right-password%'"))
			.isZero();
	}

	private Map<String, Object> unit(String countyCode) {
		return made(send(cityLeader(), "createAssistanceUnit", "CreateAssistanceUnitInput",
				Map.of("changeId", changeId(), "name", unique("派出单位"), "level", "COUNTY", "kind",
						"GOVERNMENT_DEPARTMENT", "countyCode", countyCode),
				"unit { id }"), "unit");
	}

	private Map<String, Object> registration(Map<String, Object> unit, String name, Map<String, String> account) {
		Map<String, Object> input = new HashMap<>();
		input.put("changeId", changeId());
		input.put("name", name);
		input.put("gender", "FEMALE");
		input.put("phone", "13800000000");
		input.put("dispatchingUnitId", unit.get("id"));
		input.put("account", account);
		return input;
	}

	private Map<String, Object> register(HttpGraphQlTester as, Map<String, Object> unit, String name,
			Map<String, String> account) {
		return made(send(as, "registerCadre", "RegisterCadreInput", registration(unit, name, account),
				"cadre { id name version }"), "cadre");
	}

	private Map<String, Object> post(HttpGraphQlTester as, Map<String, Object> cadre, String villageCode, String role,
			LocalDate on) {
		return send(as, "postCadre", "PostCadreInput", Map.of("changeId", changeId(), "cadreId", cadre.get("id"),
				"villageId", villageId(villageCode), "role", role, "startedOn", on.toString()), POSTING);
	}

	private Map<String, Object> end(Map<String, Object> posting, int version, LocalDate on, String reason) {
		return send(
				countyOfficer(COUNTY), "endPosting", "EndPostingInput", Map.of("changeId", changeId(), "postingId",
						posting.get("id"), "baseVersion", version, "endedOn", on.toString(), "reason", reason),
				POSTING);
	}

	private List<String> postedVillages(HttpGraphQlTester phone) {
		return phone.document("{ me { postedVillages { code } } }")
			.execute()
			.path("me.postedVillages[*].code")
			.entityList(String.class)
			.get();
	}

	private int firstSecretaries(String villageCode) {
		return cityLeader()
			.document("query($f: FigureFilter) { cadreFigures(filter: $f) { total { firstSecretaries } } }")
			.variable("f", Map.of("villageCode", villageCode))
			.execute()
			.path("cadreFigures.total.firstSecretaries")
			.entity(Integer.class)
			.get();
	}

	@SuppressWarnings("unchecked")
	private List<String> cadreHistory(HttpGraphQlTester as, Map<String, Object> cadre) {
		List<Map<String, Object>> history = as
			.document("query($id: ID!) { node(id: $id) { ... on ResidentCadre { history { recordKind operation } } } }")
			.variable("id", cadre.get("id"))
			.execute()
			.path("node.history")
			.entity(List.class)
			.get();
		return history.stream().map((change) -> change.get("recordKind") + " " + change.get("operation")).toList();
	}

	private long key(Map<String, Object> object) {
		return cn.ankang.bangfu.shared.relay.GlobalId.decode((String) object.get("id")).numericKey();
	}

	private long sqlLong(String sql) {
		return this.jdbc.sql(sql).query(Long.class).single();
	}

}
