package cn.ankang.bangfu.monitoring;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import cn.ankang.bangfu.ApiTestSupport;
import cn.ankang.bangfu.shared.relay.GlobalId;

/**
 * What the monitoring workflow's tests share: households of their own in the demo first
 * secretary's village (so that each test's cases are its own), and the workflow's
 * mutations as the phone and the desks send them.
 */
abstract class MonitoringTestSupport extends ApiTestSupport {

	static final String OPEN = """
			mutation($input: OpenMonitoringCaseInput!) { openMonitoringCase(input: $input) {
			  monitoringCase { id state version identifiedOn includedOn eliminatedOn source riskTypes
			                   openTasks { id kind assigneeRole dueOn redoReason } }
			  userErrors { code field message } } }""";

	static final String STEP = """
			mutation($input: RecordCaseStepInput!) { recordCaseStep(input: $input) {
			  monitoringCase { id state version includedOn eliminatedOn
			                   openTasks { id kind assigneeRole dueOn redoReason } }
			  userErrors { code field message } } }""";

	static final String LOG_VISIT = """
			mutation($v: LogVisitInput!) { logVisit(input: $v) { visit { id } userErrors { code } } }""";

	static final String IMPORT = """
			mutation($input: ImportRiskWarningsInput!) { importRiskWarnings(input: $input) {
			  matched unmatched merged casesOpened tasksCreated
			  rowErrors { row column code message } userErrors { code message } } }""";

	static LocalDate today() {
		return LocalDate.now(ZoneId.of("Asia/Shanghai"));
	}

	/** The village the demo first secretary is posted in. */
	long secretaryVillage() {
		return this.jdbc.sql("""
				select p.village_id from app_user u join posting p on p.cadre_id = u.cadre_id and p.ended_on is null
				join village v on v.id = p.village_id
				where u.username = 'demo-secretary' order by v.code limit 1""").query(Long.class).single();
	}

	/**
	 * A synthetic ID number (starting 99, like the demo's, which no real division code
	 * does) that no demo person has: their third to sixth digits stay far below 9999.
	 */
	static String idNumber() {
		StringBuilder text = new StringBuilder("999999");
		for (int i = 0; i < 11; i++) {
			text.append(ThreadLocalRandom.current().nextInt(10));
		}
		return text.append('X').toString();
	}

	/**
	 * A new household in the demo first secretary's village, with a head whose ID number
	 * is returned in {@link NewHousehold}; no case yet.
	 */
	NewHousehold newHousehold(boolean eliminated) {
		String idNumber = idNumber();
		long village = secretaryVillage();
		long key = this.jdbc
			.sql("""
					insert into household (village_id, head_name, head_id_number, category, risk_types, identified_on,
					                       status, risk_eliminated_on)
					values (:village, '测试某户主', :id, 'MARGINAL_AT_RISK', '{ILLNESS}', date '2024-03-01', :status, :eliminated)
					returning id""")
			.param("village", village)
			.param("id", idNumber)
			.param("status", eliminated ? "RISK_ELIMINATED" : "MONITORING")
			.param("eliminated", eliminated ? LocalDate.of(2025, 1, 1) : null)
			.query(Long.class)
			.single();
		String memberId = idNumber();
		this.jdbc.sql("""
				insert into household_member (household_id, name, relation, gender, birth_date, id_number)
				values (:h, '测试某户主', 'HEAD', 'MALE', date '1970-01-01', :head),
				       (:h, '测试某配偶', 'SPOUSE', 'FEMALE', date '1972-01-01', :member)""")
			.param("h", key)
			.param("head", idNumber)
			.param("member", memberId)
			.update();
		return new NewHousehold(key, village, idNumber, memberId);
	}

	/**
	 * A case of the household already in a state, as a migration or an earlier workflow
	 * would have left it.
	 */
	long caseInState(NewHousehold household, String state, LocalDate includedOn) {
		long key = this.jdbc.sql("""
				insert into monitoring_case (household_id, village_id, state, source, risk_types, identified_on,
				                             included_on, eliminated_on)
				values (:h, :v, :state, 'VISIT', '{ILLNESS}', :included - 14, :included,
				        case when :state = 'RISK_ELIMINATED' then :included + 300 end)
				returning id""")
			.param("h", household.key())
			.param("v", household.village())
			.param("state", state)
			.param("included", includedOn)
			.query(Long.class)
			.single();
		this.jdbc.sql("""
				insert into case_step (id, case_id, action, to_state, occurred_on, actor_name, actor_role)
				values (gen_random_uuid(), :c, 'CARRY_OVER', :state, :included, 'test', 'SYSTEM')""")
			.param("c", key)
			.param("state", state)
			.param("included", includedOn)
			.update();
		return key;
	}

	void recordIncome(NewHousehold household, int year, long yuan) {
		this.jdbc
			.sql("""
					insert into household_income (household_id, year, per_capita_income_fen) values (:h, :y, :fen)
					on conflict (household_id, year) do update set per_capita_income_fen = excluded.per_capita_income_fen""")
			.param("h", household.key())
			.param("y", year)
			.param("fen", yuan * 100)
			.update();
	}

	/** Logs a household visit as the demo first secretary; returns its uuid. */
	String logVisit(NewHousehold household, String incomeChange, OffsetDateTime at) {
		Map<String, Object> visit = visitTo(household, at);
		String uuid = (String) visit.get("uuid");
		visit.put("findings", Map.of("incomeChange", incomeChange));
		as("demo-secretary").document(LOG_VISIT)
			.variable("v", visit)
			.execute()
			.path("logVisit.userErrors")
			.entityList(Object.class)
			.hasSize(0);
		return uuid;
	}

	/**
	 * A household visit to send with {@code logVisit}, made at a time, with a new uuid.
	 */
	static Map<String, Object> visitTo(NewHousehold household, OffsetDateTime at) {
		Map<String, Object> visit = new HashMap<>();
		visit.put("uuid", UUID.randomUUID().toString());
		visit.put("villageId", GlobalId.of("Village", household.village()));
		visit.put("householdId", household.id());
		visit.put("kind", "HOUSEHOLD_VISIT");
		visit.put("occurredAt", at.toString());
		visit.put("recordedAt", at.plusMinutes(10).toString());
		visit.put("notes", "入户核实");
		return visit;
	}

	String logVisit(NewHousehold household) {
		return logVisit(household, "STABLE", OffsetDateTime.now(ZoneOffset.UTC).minusHours(2));
	}

	/** Opens a case as the demo first secretary and returns the payload. */
	@SuppressWarnings("unchecked")
	Map<String, Object> open(String user, NewHousehold household, Map<String, Object> extra) {
		Map<String, Object> input = new HashMap<>();
		input.put("stepId", UUID.randomUUID().toString());
		input.put("householdId", household.id());
		input.put("source", "SELF_REPORT");
		input.put("riskTypes", List.of("ILLNESS"));
		input.putAll(extra);
		return as(user).document(OPEN)
			.variable("input", input)
			.execute()
			.path("openMonitoringCase")
			.entity(Map.class)
			.get();
	}

	/** Records a step and returns the payload. */
	@SuppressWarnings("unchecked")
	Map<String, Object> step(String user, String caseId, String action, String from, Map<String, Object> extra) {
		Map<String, Object> input = new HashMap<>();
		input.put("stepId", UUID.randomUUID().toString());
		input.put("caseId", caseId);
		input.put("action", action);
		input.put("fromState", from);
		input.putAll(extra);
		return as(user).document(STEP)
			.variable("input", input)
			.execute()
			.path("recordCaseStep")
			.entity(Map.class)
			.get();
	}

	/** The state a payload's case is in, after checking the step was taken. */
	@SuppressWarnings("unchecked")
	static Map<String, Object> taken(Map<String, Object> payload) {
		org.assertj.core.api.Assertions.assertThat((List<Object>) payload.get("userErrors")).isEmpty();
		return (Map<String, Object>) payload.get("monitoringCase");
	}

	/** The codes of a payload's user errors. */
	@SuppressWarnings("unchecked")
	static List<String> codes(Map<String, Object> payload) {
		return ((List<Map<String, Object>>) payload.get("userErrors")).stream()
			.map((error) -> (String) error.get("code"))
			.toList();
	}

	/** A public notice that ran its five days and ended yesterday. */
	static Map<String, Object> notice() {
		return Map.of("noticeFrom", today().minusDays(6).toString(), "noticeTo", today().minusDays(1).toString());
	}

	/**
	 * A household of a test's own.
	 *
	 * @param key its key
	 * @param village its village
	 * @param headIdNumber its head's ID number
	 * @param memberIdNumber its second member's ID number
	 */
	record NewHousehold(long key, long village, String headIdNumber, String memberIdNumber) {

		String id() {
			return GlobalId.of("Household", this.key);
		}

	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> tasks(Map<String, Object> monitoringCase) {
		return (List<Map<String, Object>>) monitoringCase.get("openTasks");
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> node(Map<String, Object> change) {
		return (Map<String, Object>) change.get("node");
	}

	static Map<String, Object> with(Map<String, Object> base, Object... more) {
		Map<String, Object> result = new HashMap<>(base);
		for (int i = 0; i < more.length; i += 2) {
			result.put((String) more[i], more[i + 1]);
		}
		return result;
	}

	static Map<String, Object> warning(String idNumber, String kind, String occurredOn) {
		Map<String, Object> row = new HashMap<>();
		row.put("idNumber", idNumber);
		row.put("personName", "测试");
		row.put("kind", kind);
		row.put("source", "汉滨区医疗保障局");
		row.put("occurredOn", occurredOn);
		return row;
	}

	@SuppressWarnings("unchecked")
	Map<String, Object> importAs(String user, List<Map<String, Object>> rows) {
		return as(user).document(IMPORT)
			.variable("input", Map.of("warnings", rows))
			.execute()
			.path("importRiskWarnings")
			.entity(Map.class)
			.get();
	}

}
