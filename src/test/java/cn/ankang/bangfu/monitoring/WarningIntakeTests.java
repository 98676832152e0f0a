package cn.ankang.bangfu.monitoring;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Departments' warnings in: matched to households and turned into cases and tasks for the
 * right people, duplicates merged, the unmatched flagged for the town, a warning another
 * county holds received again without failing the batch or showing it, malformed rows
 * reported per row with nothing applied; through the mutation and as a CSV file.
 */
class WarningIntakeTests extends MonitoringTestSupport {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Test
	void warningsAreMatchedMergedAndFlaggedAndBecomeTasksForTheRightPeople() {
		// a household whose risk was eliminated: a member's hospital bills open a new
		// case
		NewHousehold eliminated = newHousehold(true);
		caseInState(eliminated, "RISK_ELIMINATED", today().minusYears(2));
		// a monitored household: a warning about it is a visit to make
		NewHousehold monitored = newHousehold(false);
		long monitoredCase = caseInState(monitored, "MONITORING", today().minusMonths(5));
		String stranger = idNumber();
		String townCode = sqlString(
				"select t.code from village v join town t on t.id = v.town_id where v.id = " + eliminated.village());
		String day = today().minusDays(3).toString();
		Map<String, Object> unmatched = warning(stranger, "EDUCATION", day);
		unmatched.put("townCode", townCode);
		Map<String, Object> bills = warning(eliminated.memberIdNumber(), "MEDICAL_EXPENSE", day);
		bills.put("amount", "48000.50");
		bills.put("detail", "住院自付费用");
		List<Map<String, Object>> batch = List.of(bills, warning(eliminated.memberIdNumber(), "MEDICAL_EXPENSE", day),
				warning(monitored.headIdNumber(), "EMPLOYMENT", day), unmatched);
		Map<String, Object> first = importAs("demo-county", batch);
		assertThat(first).containsEntry("matched", 2)
			.containsEntry("unmatched", 1)
			.containsEntry("merged", 1)
			.containsEntry("casesOpened", 1)
			.containsEntry("tasksCreated", 3)
			.containsEntry("rowErrors", List.of());

		// the eliminated household has a new case, waiting on its cadres' verification
		Map<String, Object> opened = this.jdbc.sql("""
				select c.state, c.source, c.risk_types::text as risks, t.kind, t.assignee_role, w.times_received,
				       w.amount_fen
				from monitoring_case c join task t on t.case_id = c.id and t.status = 'OPEN'
				join risk_warning w on w.case_id = c.id
				where c.household_id = :h and c.state = 'IDENTIFIED'""")
			.param("h", eliminated.key())
			.query()
			.singleRow();
		assertThat(opened).containsEntry("state", "IDENTIFIED")
			.containsEntry("source", "DEPARTMENT_WARNING")
			.containsEntry("risks", "{ILLNESS}")
			.containsEntry("kind", "VERIFY_AT_HOME")
			.containsEntry("assignee_role", "CADRE")
			.containsEntry("times_received", 2)
			.containsEntry("amount_fen", 4_800_050L);
		// the monitored one: a warning to verify, for the cadres, on its open case
		assertThat(sqlString("""
				select kind || ' ' || assignee_role from task where household_id = %d and status = 'OPEN'"""
			.formatted(monitored.key()))).isEqualTo("VERIFY_WARNING CADRE");
		assertThat(sqlInt("select count(*) from risk_warning where case_id = " + monitoredCase)).isEqualTo(1);
		// the unmatched one waits for the town
		assertThat(sqlString("""
				select w.status || ' ' || t.kind || ' ' || t.assignee_role from risk_warning w
				join task t on t.warning_id = w.id where w.id_number = '%s'""".formatted(stranger)))
			.isEqualTo("UNMATCHED MATCH_WARNING TOWN_OFFICER");
		assertThat(myTaskWarnings("demo-town")).contains(stranger.substring(0, 4));

		// the same file again: every row merged, nothing new
		Map<String, Object> again = importAs("demo-county", batch);
		assertThat(again).containsEntry("matched", 0)
			.containsEntry("unmatched", 0)
			.containsEntry("merged", 4)
			.containsEntry("casesOpened", 0)
			.containsEntry("tasksCreated", 0);
		assertThat(sqlInt("select times_received from risk_warning where id_number = '%s'"
			.formatted(eliminated.memberIdNumber()))).isEqualTo(4);
		assertThat(sqlInt("select count(*) from task where household_id in (%d, %d)".formatted(eliminated.key(),
				monitored.key())))
			.isEqualTo(2);
		// another warning on a household whose case is open merges into the case's work
		Map<String, Object> more = importAs("demo-county",
				List.of(warning(eliminated.headIdNumber(), "DISABILITY", day)));
		assertThat(more).containsEntry("matched", 1).containsEntry("casesOpened", 0).containsEntry("tasksCreated", 0);
	}

	@Test
	void aWarningAnotherCountyHoldsIsReceivedAgainWithoutFailingTheBatchOrShowingIt() {
		// the same department letter reaches two counties: the second county's officer
		// may neither see nor change the first county's warning, and learns no more of
		// it than that it was received before
		NewHousehold household = newHousehold(false);
		String day = today().minusDays(2).toString();
		Map<String, Object> bills = warning(household.headIdNumber(), "MEDICAL_EXPENSE", day);
		assertThat(importAs("demo-county", List.of(bills))).containsEntry("matched", 1);
		String otherCounty = sqlString("""
				select code from county where id <> (select county_id from village v join town t on t.id = v.town_id
				                                     where v.id = %d) order by code limit 1"""
			.formatted(household.village()));
		String officer = newUser("county-officer");
		as("demo-admin").document("""
				mutation($g: GrantRoleInput!) { grantRole(input: $g) { userErrors { code } } }""")
			.variable("g", Map.of("userId", userId(officer), "role", "COUNTY_OFFICER", "countyCode", otherCounty))
			.execute()
			.path("grantRole.userErrors")
			.entityList(Object.class)
			.hasSize(0);
		String stranger = idNumber();
		@SuppressWarnings("unchecked")
		Map<String, Object> result = as(officer, "the-right-password").document(IMPORT)
			.variable("input", Map.of("warnings", List.of(bills, warning(stranger, "EDUCATION", day))))
			.execute()
			.path("importRiskWarnings")
			.entity(Map.class)
			.get();
		assertThat(result).containsEntry("merged", 1)
			.containsEntry("unmatched", 1)
			.containsEntry("matched", 0)
			.containsEntry("rowErrors", List.of())
			.containsEntry("userErrors", List.of());
		// the first county's warning is as it was; the stranger's waits in the second
		// county
		assertThat(sqlInt(
				"select times_received from risk_warning where id_number = '%s'".formatted(household.headIdNumber())))
			.isEqualTo(1);
		assertThat(
				sqlString("select c.code from risk_warning w join county c on c.id = w.county_id where w.id_number = '"
						+ stranger + "'"))
			.isEqualTo(otherCounty);
	}

	@Test
	void malformedRowsAreReportedEachAndNothingIsApplied() {
		NewHousehold eliminated = newHousehold(true);
		String good = eliminated.headIdNumber();
		Map<String, Object> future = warning(idNumber(), "DISASTER", today().plusDays(2).toString());
		Map<String, Object> badAmount = warning(idNumber(), "MEDICAL_EXPENSE", today().toString());
		badAmount.put("amount", "-5");
		Map<String, Object> nowhere = warning(idNumber(), "OTHER", today().toString());
		nowhere.put("villageCode", "610902999999");
		Map<String, Object> elsewhere = warning(idNumber(), "OTHER", today().toString());
		elsewhere.put("villageCode", "610921001001");
		Map<String, Object> nul = warning(idNumber(), "OTHER", today().toString());
		nul.put("detail", "a\u0000b");
		List<Map<String, Object>> batch = List.of(warning(good, "MEDICAL_EXPENSE", today().toString()),
				warning("12345", "OTHER", today().toString()), future, badAmount, nowhere, elsewhere, nul);
		Map<String, Object> result = importAs("demo-county", batch);
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> errors = (List<Map<String, Object>>) result.get("rowErrors");
		assertThat(errors).extracting((e) -> e.get("row") + ":" + e.get("column"))
			.containsExactly("2:idNumber", "3:occurredOn", "4:amount", "5:villageCode", "6:villageCode", "7:detail");
		assertThat(errors).allSatisfy((e) -> assertThat((String) e.get("message")).isNotBlank());
		assertThat(result).containsEntry("matched", 0).containsEntry("tasksCreated", 0);
		assertThat(sqlInt("select count(*) from risk_warning where id_number = '%s'".formatted(good))).isZero();
		assertThat(sqlInt("select count(*) from monitoring_case where household_id = " + eliminated.key())).isZero();
		// an empty batch, and a cadre importing
		assertThat(importAs("demo-county", List.of()).get("userErrors")).asList().hasSize(1);
		assertError(
				as("demo-secretary").document(IMPORT)
					.variable("input", Map.of("warnings", List.of(warning(good, "OTHER", today().toString())))),
				"FORBIDDEN");
	}

	@Test
	void aCsvFileImportsLikeTheMutationAndItsBadLinesAreReported() throws Exception {
		NewHousehold monitored = newHousehold(false);
		caseInState(monitored, "MONITORING", today().minusMonths(5));
		String stranger = idNumber();
		String csv = "\uFEFF身份证号,姓名,预警类型,数据来源,发生日期,金额,详情\n" + monitored.headIdNumber() + ",测试户主,EMPLOYMENT,汉滨区人社局,"
				+ today().minusDays(1) + ",,\"务工返乡，失业\"\n" + stranger + ",某人,DISASTER,汉滨区应急管理局," + today().minusDays(1)
				+ ",1200.00,\"房屋受损, 待核\"\n";
		HttpResponse<String> imported = postCsv(csv, "demo-county", "text/csv; charset=utf-8");
		assertThat(imported.statusCode()).isEqualTo(200);
		JSONObject body = new JSONObject(imported.body());
		assertThat(body.getInt("matched")).isEqualTo(1);
		assertThat(body.getInt("unmatched")).isEqualTo(1);
		assertThat(body.getJSONArray("rowErrors").length()).isZero();
		// an unmatched warning that names no place waits in the importing officer's
		// county
		assertThat(sqlString("""
				select t.assignee_role || ' ' || c.code from risk_warning w join task t on t.warning_id = w.id
				join county c on c.id = t.county_id where w.id_number = '%s'""".formatted(stranger)))
			.isEqualTo("COUNTY_OFFICER 610902");

		String bad = "idNumber,personName,kind,source,occurredOn,amount\n" + idNumber() + ",甲,FLOOD,某局,2025-13-01,abc\n"
				+ idNumber() + ",乙,OTHER,某局," + today() + ",1\n" + "123,丙,OTHER,某局," + today() + "\n";
		HttpResponse<String> refused = postCsv(bad, "demo-county", "text/csv");
		assertThat(refused.statusCode()).isEqualTo(422);
		JSONArray errors = new JSONObject(refused.body()).getJSONArray("rowErrors");
		List<String> where = new java.util.ArrayList<>();
		for (int i = 0; i < errors.length(); i++) {
			where.add(errors.getJSONObject(i).getInt("row") + ":" + errors.getJSONObject(i).getString("column"));
		}
		assertThat(where).containsExactly("1:kind", "1:occurredOn", "1:amount", "3:row", "3:idNumber");
		assertThat(sqlInt("select count(*) from risk_warning where source = '某局'")).isZero();

		assertThat(postCsv("idNumber\n1\n", null, "text/csv").statusCode()).isEqualTo(401);
		assertThat(postCsv("idNumber\n1\n", "demo-secretary", "text/csv").statusCode()).isEqualTo(403);
		HttpResponse<String> json = postCsv("{}", "demo-county", "application/json");
		assertThat(json.statusCode()).isEqualTo(415);
		assertThat(new JSONObject(json.body()).getJSONArray("errors")
			.getJSONObject(0)
			.getJSONObject("extensions")
			.getString("code")).isEqualTo("INVALID_ARGUMENT");
		assertThat(postCsv("nonsense,columns\n1,2\n", "demo-county", "text/csv").statusCode()).isEqualTo(400);
	}

	private String myTaskWarnings(String user) {
		return as(user).document("{ myTasks(first: 100) { edges { node { kind warning { idNumber } } } } }")
			.execute()
			.path("myTasks.edges")
			.entityList(Object.class)
			.get()
			.toString();
	}

	private HttpResponse<String> postCsv(String body, String user, String type) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/warnings"))
			.header("Content-Type", type)
			.header("Accept-Language", "en")
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		if (user != null) {
			request.header("Authorization", "Bearer " + accessToken(user));
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
