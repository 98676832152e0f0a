package cn.ankang.bangfu.unit;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.RecordsTestSupport;

import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The register of assistance units and their pairings, kept through the API by the city
 * leaders' office: who may keep it, what it refuses, and that every change counts once
 * and stays on record.
 */
class UnitRecordsTests extends RecordsTestSupport {

	static final String UNIT = """
			unit { id name level kind county { code } version
			       history { operation recordKind actorName changeId before after } }""";

	static final String PAIRING = "pairing { id startedOn endedOn version village { code } unit { id } }";

	static LocalDate today() {
		return LocalDate.now(ZoneId.of("Asia/Shanghai"));
	}

	Map<String, Object> unitInput(String name, String level, String countyCode) {
		Map<String, Object> input = new HashMap<>();
		input.put("changeId", changeId());
		input.put("name", name);
		input.put("level", level);
		input.put("kind", "GOVERNMENT_DEPARTMENT");
		input.put("countyCode", countyCode);
		return input;
	}

	Map<String, Object> create(HttpGraphQlTester as, Map<String, Object> input) {
		return send(as, "createAssistanceUnit", "CreateAssistanceUnitInput", input, UNIT);
	}

	@Test
	@SuppressWarnings("unchecked")
	void aCityLeaderRegistersAUnitAndAResendRegistersNothingMore() {
		String name = unique("安康市测试局");
		Map<String, Object> input = unitInput(name, "MUNICIPAL", null);
		Map<String, Object> unit = made(create(cityLeader(), input), "unit");
		assertThat(unit).containsEntry("name", name).containsEntry("level", "MUNICIPAL").containsEntry("version", 1);
		List<Map<String, Object>> history = (List<Map<String, Object>>) unit.get("history");
		assertThat(history).hasSize(1);
		assertThat(history.get(0)).containsEntry("operation", "CREATED")
			.containsEntry("recordKind", "ASSISTANCE_UNIT")
			.containsEntry("actorName", "测试")
			.containsEntry("changeId", input.get("changeId"))
			.containsEntry("before", null);
		assertThat((Map<String, Object>) history.get(0).get("after")).containsEntry("name", name)
			.containsEntry("level", "MUNICIPAL");
		// the answer was lost and the desk sends it again: the same unit, nothing more
		Map<String, Object> again = made(create(cityLeader(), input), "unit");
		assertThat(again.get("id")).isEqualTo(unit.get("id"));
		assertThat(sqlInt("select count(*) from assistance_unit where name = '" + name + "'")).isEqualTo(1);
		assertThat(sqlInt("select count(*) from record_history where after ->> 'name' = '" + name + "'")).isEqualTo(1);
	}

	@Test
	void onlyCityLeadersAndAdminsKeepTheRegister() {
		assertRefused(this.anonymous, "createAssistanceUnit", "CreateAssistanceUnitInput",
				unitInput(unique("匿名"), "MUNICIPAL", null), "UNAUTHENTICATED");
		for (HttpGraphQlTester refused : List.of(countyOfficer(COUNTY), developer())) {
			assertRefused(refused, "createAssistanceUnit", "CreateAssistanceUnitInput",
					unitInput(unique("越权"), "MUNICIPAL", null), "FORBIDDEN");
		}
		made(create(admin(), unitInput(unique("管理员登记"), "PROVINCIAL", null)), "unit");
		// a city leader keeps the county-level units of the city's counties only
		assertThat(codes(create(cityLeader(), unitInput(unique("他市县级"), "COUNTY", OTHER_CITY + "02"))))
			.containsExactly("OUT_OF_JURISDICTION");
		assertThat(made(create(cityLeader(), unitInput(unique("汉滨区测试局"), "COUNTY", COUNTY)), "unit"))
			.extracting((unit) -> ((Map<?, ?>) unit.get("county")).get("code"))
			.isEqualTo(COUNTY);
	}

	@Test
	void badInputIsRefusedFieldByFieldInEitherLanguage() {
		Map<String, Object> control = unitInput("测试\u0007局", "MUNICIPAL", null);
		Map<String, Object> refused = create(cityLeader(), control);
		assertThat(codes(refused)).containsExactly("INVALID_INPUT");
		assertThat(field(refused)).containsExactly("input", "name");
		assertThat(message(refused)).isEqualTo("须为 2 至 100 个字，且不能含控制字符");
		assertThat(cityLeader().mutate()
			.header("Accept-Language", "en")
			.build()
			.document("mutation($input: CreateAssistanceUnitInput!) { createAssistanceUnit(input: $input) { "
					+ "userErrors { message } } }")
			.variable("input", control)
			.execute()
			.path("createAssistanceUnit.userErrors[0].message")
			.entity(String.class)
			.get()).isEqualTo("must be 2 to 100 characters, without control characters");
		Map<String, Object> badId = unitInput(unique("编号"), "MUNICIPAL", null);
		badId.put("changeId", "not-a-uuid");
		assertThat(field(create(cityLeader(), badId))).containsExactly("input", "changeId");
		assertThat(field(create(cityLeader(), unitInput(unique("省级"), "PROVINCIAL", COUNTY)))).containsExactly("input",
				"countyCode");
		assertThat(field(create(cityLeader(), unitInput(unique("县级"), "COUNTY", null)))).containsExactly("input",
				"countyCode");
		assertThat(codes(create(cityLeader(), unitInput(unique("县级"), "COUNTY", "619999"))))
			.containsExactly("NOT_FOUND");
		assertThat(sqlInt("select count(*) from assistance_unit where name like '%编号%' or name like '%省级%'")).isZero();
	}

	@Test
	void aNameTakenAndAStaleVersionAreRefusedAndChangeNothing() {
		String first = unique("甲单位");
		String second = unique("乙单位");
		made(create(cityLeader(), unitInput(first, "MUNICIPAL", null)), "unit");
		Map<String, Object> other = made(create(cityLeader(), unitInput(second, "MUNICIPAL", null)), "unit");
		assertThat(codes(create(cityLeader(), unitInput(first, "PROVINCIAL", null)))).containsExactly("ALREADY_EXISTS");
		Map<String, Object> rename = new HashMap<>(
				Map.of("changeId", changeId(), "unitId", other.get("id"), "baseVersion", 1, "name", second + "（更名）"));
		Map<String, Object> renamed = made(update(rename), "unit");
		assertThat(renamed).containsEntry("version", 2).containsEntry("name", second + "（更名）");
		// a second desk still had version 1
		Map<String, Object> stale = update(new HashMap<>(
				Map.of("changeId", changeId(), "unitId", other.get("id"), "baseVersion", 1, "kind", "HOSPITAL")));
		assertThat(codes(stale)).containsExactly("STALE_VERSION");
		assertThat(((Map<?, ?>) stale.get("unit")).get("kind")).isEqualTo("GOVERNMENT_DEPARTMENT");
		assertThat(codes(update(new HashMap<>(
				Map.of("changeId", changeId(), "unitId", other.get("id"), "baseVersion", 2, "name", first)))))
			.containsExactly("ALREADY_EXISTS");
		// the rename is on record, as a change of the name alone
		assertThat(sqlString("""
				select before ->> 'name' || '>' || (after ->> 'name') from record_history
				where record_type = 'ASSISTANCE_UNIT' and operation = 'CHANGED' and before ->> 'name' = '%s'"""
			.formatted(second))).isEqualTo(second + ">" + second + "（更名）");
	}

	@Test
	void aChangeIdUsedForOtherContentIsAConflictAndRacingResendsCountOnce() throws Exception {
		Map<String, Object> input = unitInput(unique("并发单位"), "MUNICIPAL", null);
		Map<String, Object> other = new HashMap<>(input);
		other.put("name", unique("另一单位"));
		List<Callable<Map<String, Object>>> sendings = new ArrayList<>();
		CountDownLatch start = new CountDownLatch(1);
		HttpGraphQlTester leader = cityLeader();
		for (int i = 0; i < 6; i++) {
			sendings.add(() -> {
				start.await();
				return create(leader, input);
			});
		}
		ExecutorService threads = Executors.newFixedThreadPool(6);
		try {
			List<Future<Map<String, Object>>> answers = new ArrayList<>();
			for (Callable<Map<String, Object>> sending : sendings) {
				answers.add(threads.submit(sending));
			}
			start.countDown();
			List<Object> ids = new ArrayList<>();
			for (Future<Map<String, Object>> answer : answers) {
				ids.add(made(answer.get(), "unit").get("id"));
			}
			assertThat(ids).containsOnly(ids.get(0));
		}
		finally {
			threads.shutdown();
		}
		assertThat(sqlInt("select count(*) from assistance_unit where name = '" + input.get("name") + "'"))
			.isEqualTo(1);
		assertThat(codes(create(cityLeader(), other))).containsExactly("CONFLICT");
		assertThat(sqlInt("select count(*) from assistance_unit where name = '" + other.get("name") + "'")).isZero();
	}

	@Test
	void pairingsRunFromADayAndEndOnTheirLastDay() {
		Map<String, Object> unit = made(create(cityLeader(), unitInput(unique("结对单位"), "PROVINCIAL", null)), "unit");
		String village = villageId("610902001001");
		LocalDate started = today().minusDays(30);
		int unitsBefore = pairedUnits("610902001001");
		Map<String, Object> pairing = made(pair(unit, village, started), "pairing");
		assertThat(pairing).containsEntry("startedOn", started.toString()).containsEntry("endedOn", null);
		assertThat(pairedUnits("610902001001")).isEqualTo(unitsBefore + 1);
		assertThat(codes(pair(unit, village, started.plusDays(3)))).containsExactly("ALREADY_EXISTS");
		assertThat(field(pair(unit, villageId("610902001002"), today().plusDays(1)))).containsExactly("input",
				"startedOn");
		assertThat(codes(pair(unit, villageId(OTHER_CITY + "02001001"), started)))
			.containsExactly("OUT_OF_JURISDICTION");
		assertThat(field(end(pairing, 1, started.minusDays(1)))).containsExactly("input", "endedOn");
		Map<String, Object> ended = made(end(pairing, 1, today().minusDays(1)), "pairing");
		assertThat(ended).containsEntry("endedOn", today().minusDays(1).toString()).containsEntry("version", 2);
		assertThat(pairedUnits("610902001001")).isEqualTo(unitsBefore);
		assertThat(codes(end(pairing, 2, today()))).containsExactly("INVALID_TRANSITION");
		assertThat(codes(end(pairing, 1, today()))).containsExactly("STALE_VERSION");
		// a new pairing after the end is fine: once at a time, not once for good
		made(pair(unit, village, today()), "pairing");
	}

	private Map<String, Object> update(Map<String, Object> input) {
		return send(cityLeader(), "updateAssistanceUnit", "UpdateAssistanceUnitInput", input, UNIT);
	}

	private Map<String, Object> pair(Map<String, Object> unit, String village, LocalDate on) {
		return send(cityLeader(), "pairUnitWithVillage", "PairUnitWithVillageInput", Map.of("changeId", changeId(),
				"unitId", unit.get("id"), "villageId", village, "startedOn", on.toString()), PAIRING);
	}

	private Map<String, Object> end(Map<String, Object> pairing, int version, LocalDate on) {
		return send(cityLeader(), "endUnitPairing", "EndUnitPairingInput", Map.of("changeId", changeId(), "pairingId",
				pairing.get("id"), "baseVersion", version, "endedOn", on.toString()), PAIRING);
	}

	private int pairedUnits(String villageCode) {
		return cityLeader()
			.document("query($f: FigureFilter) { assistanceUnitFigures(filter: $f) { total { units } } }")
			.variable("f", Map.of("villageCode", villageCode))
			.execute()
			.path("assistanceUnitFigures.total.units")
			.entity(Integer.class)
			.get();
	}

	@SuppressWarnings("unchecked")
	private static String message(Map<String, Object> payload) {
		return (String) ((List<Map<String, Object>>) payload.get("userErrors")).get(0).get("message");
	}

}
