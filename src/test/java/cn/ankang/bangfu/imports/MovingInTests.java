package cn.ankang.bangfu.imports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.ankang.bangfu.BangfuApplication;
import cn.ankang.bangfu.TestDatabase;
import cn.ankang.bangfu.shared.values.Labels;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "done when", as a new city would move in: a service is started on a new
 * database holding the demo data, and the spreadsheets of one county are generated from
 * that world (with SQL written here, in the templates' columns); a second service is
 * started on a new database holding the areas alone, the files go in through its HTTP API
 * as officers would send them (units by a city leader, the rest by the county's officer),
 * and the county's figures and annual report there equal the demo's. The same file again
 * changes nothing; a corrected file changes only what was corrected. Both services are
 * its own, so that no other test's rows come between (the suite's shared demo database
 * gains rows of their own while this runs).
 */
class MovingInTests {

	/** A key for the two services' access tokens (base64 of 32 bytes). */
	private static final String JWT_SECRET = "bW92aW5nLWluLXRlc3Qta2V5LWZvci1iYW5nZnUtMzJi";

	private static ConfigurableApplicationContext demo;

	private JdbcClient jdbc;

	private static final String COUNTY = "610902";

	private static final String REPORT = """
			{ annualReport(year: %d) {
			    monitoring { households people newHouseholds newPeople eliminatedHouseholds eliminatedPeople }
			    measures { measures newMeasures households }
			    cadres { firstSecretaries teamLeaders teamMembers villages }
			    assistanceUnits { units pairings villages designatedFunds }
			    linkageFunds { allocated spent projects keyCountyAllocated }
			    linkageFundsInKeyCounties { allocated spent projects }
			    centralAndProvincialFunds { allocated spent projects }
			    designatedAssistanceFunds { allocated spent projects }
			    eastWestCollaborationFunds { allocated spent projects }
			    industryProjects
			    nextYearPipeline { projects planned spent beneficiaryHouseholds } } }""";

	private static final String FIGURES = """
			{ monitoringFigures(filter: {countyCode: "610902", year: %1$d}, groupBy: [TOWN]) {
			    groups { keys { label } households people newHouseholds eliminatedHouseholds } }
			  measureFigures(filter: {countyCode: "610902", year: %1$d}, groupBy: [MEASURE_TYPE]) {
			    groups { keys { label } measures newMeasures households } }
			  fundFigures(filter: {countyCode: "610902", year: %1$d}, groupBy: [FUND_SOURCE]) {
			    groups { keys { label } allocated spent projects } }
			  projectFigures(filter: {countyCode: "610902", year: %1$d}, groupBy: [PROJECT_STATUS]) {
			    groups { keys { label } projects planned spent beneficiaryHouseholds } }
			  cadreFigures(filter: {countyCode: "610902", year: %1$d}, groupBy: [TOWN]) {
			    groups { keys { label } firstSecretaries teamLeaders teamMembers villages } }
			  assistanceUnitFigures(filter: {countyCode: "610902", year: %1$d}, groupBy: [UNIT_LEVEL]) {
			    groups { keys { label } units pairings villages } } }""";

	private static ConfigurableApplicationContext movedIn;

	private final HttpClient http = HttpClient.newHttpClient();

	@TempDir
	Path folder;

	@AfterAll
	static void stop() {
		if (movedIn != null) {
			movedIn.close();
			TestDatabase.dropBeside("moving_in");
		}
		if (demo != null) {
			demo.close();
			TestDatabase.dropBeside("moving_from");
		}
	}

	@Test
	void aCountyMovesInFromItsSpreadsheetsAndItsFiguresAreTheDemos() throws Exception {
		int demoPort = startDemo();
		Map<String, byte[]> files = new LinkedHashMap<>();
		files.put("UNIT_PAIRINGS", units());
		files.put("HOUSEHOLDS", households(Map.of()));
		files.put("HOUSEHOLD_MEASURES", measures());
		files.put("CADRE_POSTINGS", cadres());
		files.put("PROJECTS", projects());
		files.put("PROJECT_SPENDING", spending());

		int port = start();
		String admin = login(port, "demo-admin", "bangfu-demo");
		String leader = userWith(port, admin, "CITY_LEADER", Map.of("cityCode", "6109"));
		String officer = userWith(port, admin, "COUNTY_OFFICER", Map.of("countyCode", COUNTY));
		for (Map.Entry<String, byte[]> file : files.entrySet()) {
			String token = file.getKey().equals("UNIT_PAIRINGS") ? leader : officer;
			JSONObject checked = check(port, token, file.getKey(), file.getValue());
			assertThat(checked.getString("status"))
				.as(file.getKey() + ": " + checked + " "
						+ get(port, token, "/imports/" + checked.getString("id") + "/findings?kind=PROBLEM&limit=20"))
				.isEqualTo("CHECKED");
			JSONObject committed = commit(port, token, checked);
			assertThat(committed.getString("status")).as(file.getKey() + ": " + committed).isEqualTo("COMMITTED");
		}

		String demoCounty = login(demoPort, "demo-county", "bangfu-demo");
		for (int year : new int[] { 2023, LocalDate.now().getYear() }) {
			assertThat(figures(port, officer, REPORT.formatted(year))).as("the annual report of %d", year)
				.isEqualTo(figures(demoPort, demoCounty, REPORT.formatted(year)));
			assertThat(figures(port, officer, FIGURES.formatted(year))).as("the county's figures of %d", year)
				.isEqualTo(figures(demoPort, demoCounty, FIGURES.formatted(year)));
		}

		// the same file again changes nothing
		JSONObject again = check(port, officer, "HOUSEHOLDS", files.get("HOUSEHOLDS"));
		assertThat(again.getInt("toCreate") + again.getInt("toChange")).as(again.toString()).isZero();
		// a corrected file changes only what was corrected: one household's phone
		String corrected = this.jdbc.sql("""
				select h.head_id_number from household h join village v on v.id = h.village_id
				join town t on t.id = v.town_id join county c on c.id = t.county_id
				where c.code = :county and h.status in ('MONITORING', 'RISK_ELIMINATED') order by h.id limit 1""")
			.param("county", COUNTY)
			.query(String.class)
			.single();
		JSONObject correction = check(port, officer, "HOUSEHOLDS", households(Map.of(corrected, "13712345678")));
		assertThat(correction.getInt("toChange")).as(correction.toString()).isEqualTo(1);
		assertThat(correction.getInt("toCreate")).isZero();
		assertThat(get(port, officer, "/imports/" + correction.getString("id") + "/findings?kind=CHANGE"))
			.contains("13712345678")
			.contains("\"total\":1");
	}

	// The county's spreadsheets, in the templates' columns
	// ----------------------------------------------

	private byte[] units() {
		List<List<Object>> rows = new ArrayList<>();
		rows.add(List.of("帮扶单位名称", "单位层级", "单位类型", "所属县代码", "结对村代码", "结对开始日期", "结对结束日期"));
		this.jdbc.sql("""
				select u.name, u.level, u.kind, c.code as county, v.code as village, p.started_on, p.ended_on
				from assistance_unit u left join county c on c.id = u.county_id
				left join unit_pairing p on p.unit_id = u.id left join village v on v.id = p.village_id
				order by u.id, p.started_on, p.id""")
			.query()
			.listOfRows()
			.forEach((row) -> rows.add(values(row.get("name"), Labels.of("unitLevel", (String) row.get("level")),
					Labels.of("unitKind", (String) row.get("kind")), row.get("county"), row.get("village"),
					row.get("started_on"), row.get("ended_on"))));
		return ImportTestSupport.workbook("结对帮扶", rows);
	}

	private byte[] households(Map<String, String> phones) {
		List<List<Object>> rows = new ArrayList<>();
		rows.add(List.of("村代码", "户编号", "户主姓名", "姓名", "证件号码", "与户主关系", "性别", "出生日期", "监测对象类别", "风险类型", "识别纳入时间",
				"风险消除时间", "家庭人均纯收入", "收入年度", "联系电话"));
		this.jdbc.sql("""
				select v.code as village, h.id, h.head_name, h.head_id_number, m.name, m.id_number, m.relation,
				       m.gender, m.birth_date, h.category, array_to_string(h.risk_types, ',') as risks, h.identified_on,
				       h.risk_eliminated_on, h.head_phone, i.year, i.per_capita_income_fen
				from household h join village v on v.id = h.village_id join town t on t.id = v.town_id
				join county c on c.id = t.county_id
				join household_member m on m.household_id = h.id and m.status = 'PRESENT'
				left join lateral (select year, per_capita_income_fen from household_income
				                   where household_id = h.id order by year desc limit 1) i on true
				where c.code = :county and h.status in ('MONITORING', 'RISK_ELIMINATED')
				order by h.id, (m.relation = 'HEAD') desc, m.id""")
			.param("county", COUNTY)
			.query()
			.listOfRows()
			.forEach((row) -> {
				List<String> risks = new ArrayList<>();
				for (String risk : ((String) row.get("risks")).split(",")) {
					if (!risk.isEmpty()) {
						risks.add(Labels.of("riskType", risk));
					}
				}
				Object income = (row.get("per_capita_income_fen") != null)
						? BigDecimal.valueOf((Long) row.get("per_capita_income_fen"), 2) : null;
				rows.add(values(row.get("village"), row.get("id").toString(), row.get("head_name"), row.get("name"),
						row.get("id_number"), Labels.of("relation", (String) row.get("relation")),
						Labels.of("gender", (String) row.get("gender")), row.get("birth_date"),
						Labels.of("category", (String) row.get("category")), String.join("、", risks),
						row.get("identified_on"), row.get("risk_eliminated_on"), income,
						(income != null) ? row.get("year") : null,
						phones.getOrDefault((String) row.get("head_id_number"), (String) row.get("head_phone"))));
			});
		return ImportTestSupport.workbook("监测户成员", rows);
	}

	private byte[] measures() {
		List<List<Object>> rows = new ArrayList<>();
		rows.add(List.of("户主证件号码", "措施类型", "措施内容", "开始日期", "结束日期", "帮扶成效", "成效日期"));
		this.jdbc.sql("""
				select h.head_id_number, a.type, a.description, a.started_on, a.ended_on, a.result, a.result_on
				from assistance_measure a join household h on h.id = a.household_id
				join village v on v.id = h.village_id join town t on t.id = v.town_id
				join county c on c.id = t.county_id
				where c.code = :county and h.status in ('MONITORING', 'RISK_ELIMINATED') order by a.id""")
			.param("county", COUNTY)
			.query()
			.listOfRows()
			.forEach((row) -> rows.add(values(row.get("head_id_number"),
					Labels.of("measureType", (String) row.get("type")), row.get("description"), row.get("started_on"),
					row.get("ended_on"), row.get("result"), row.get("result_on"))));
		return ImportTestSupport.workbook("帮扶措施", rows);
	}

	private byte[] cadres() {
		List<List<Object>> rows = new ArrayList<>();
		rows.add(List.of("姓名", "性别", "手机号码", "派出单位", "驻村村代码", "驻村职务", "驻村开始日期", "驻村结束日期"));
		this.jdbc
			.sql("""
					select d.name, d.gender, d.phone, u.name as unit, v.code as village, p.role, p.started_on, p.ended_on
					from posting p join cadre d on d.id = p.cadre_id join assistance_unit u on u.id = d.dispatching_unit_id
					join village v on v.id = p.village_id join town t on t.id = v.town_id join county c on c.id = t.county_id
					where c.code = :county order by d.id, p.started_on""")
			.param("county", COUNTY)
			.query()
			.listOfRows()
			.forEach((row) -> rows.add(values(row.get("name"), Labels.of("gender", (String) row.get("gender")),
					row.get("phone"), row.get("unit"), row.get("village"),
					Labels.of("cadreRole", (String) row.get("role")), row.get("started_on"), row.get("ended_on"))));
		return ImportTestSupport.workbook("驻村干部", rows);
	}

	/**
	 * The county's projects with their funds. Projects recorded before steps were kept
	 * have their status alone; their steps are written into the file as the status
	 * implies, dated within the project's year, so that they stand as they did at its
	 * end.
	 */
	private byte[] projects() {
		List<List<Object>> rows = new ArrayList<>();
		rows.add(List.of("县代码", "年度", "项目名称", "村代码", "乡镇代码", "项目类别", "产业类型", "实施单位", "计划投资", "受益户数", "受益人数", "入库日期",
				"批复日期", "批复文号", "开工日期", "完工日期", "验收日期", "验收文号", "移交日期", "移交文号", "资金来源", "安排金额", "资金文号", "下达日期"));
		List<String> order = List.of("PIPELINE", "APPROVED", "IN_PROGRESS", "COMPLETED", "ACCEPTED",
				"ASSETS_HANDED_OVER");
		this.jdbc
			.sql("""
					select p.id, p.year, p.name, v.code as village, t.code as town, p.category, p.industry,
					       u.name as unit, p.planned_fen, p.beneficiary_households, p.beneficiary_people, p.status,
					       a.source, a.planned_fen as allocated, a.document_number, a.allocated_on,
					       coalesce((select array_agg(s.to_status || '|' || s.occurred_on || '|' || coalesce(s.document_number, '')
					                                  order by s.occurred_on, s.id)
					                 from project_step s where s.project_id = p.id), '{}') as steps
					from project p join county c on c.id = p.county_id left join village v on v.id = p.village_id
					left join town t on t.id = p.town_id left join assistance_unit u on u.id = p.implementing_unit_id
					left join fund_allocation a on a.project_id = p.id
					where c.code = :county order by p.id, a.source""")
			.param("county", COUNTY)
			.query()
			.listOfRows()
			.forEach((row) -> {
				Map<String, Object[]> steps = new HashMap<>();
				try {
					for (String step : (String[]) ((java.sql.Array) row.get("steps")).getArray()) {
						String[] parts = step.split("\\|", -1);
						steps.put(parts[0], new Object[] { LocalDate.parse(parts[1]), parts[2] });
					}
				}
				catch (java.sql.SQLException ex) {
					throw new IllegalStateException(ex);
				}
				int year = ((Number) row.get("year")).intValue();
				int reached = order.indexOf((String) row.get("status"));
				LocalDate[] implied = { LocalDate.of(year - 1, 11, 1), LocalDate.of(year, 1, 15),
						LocalDate.of(year, 3, 1), LocalDate.of(year, 10, 31), LocalDate.of(year, 11, 30),
						LocalDate.of(year, 12, 20) };
				List<Object> dates = new ArrayList<>();
				for (int i = 0; i < order.size(); i++) {
					Object[] step = steps.get(order.get(i));
					LocalDate on = (step != null) ? (LocalDate) step[0]
							: (steps.isEmpty() && i <= reached) ? implied[i] : null;
					String document = (step != null && !((String) step[1]).isEmpty()) ? (String) step[1]
							: (on != null) ? "示例〔" + year + "〕" + i + "号" : null;
					dates.add(on);
					if (i == 1 || i == 4 || i == 5) {
						dates.add(document);
					}
				}
				List<Object> values = values(COUNTY, year, row.get("name"), row.get("village"),
						(row.get("village") == null) ? row.get("town") : null,
						Labels.of("projectCategory", (String) row.get("category")),
						(row.get("industry") != null) ? Labels.of("industry", (String) row.get("industry")) : null,
						row.get("unit"), BigDecimal.valueOf((Long) row.get("planned_fen"), 2),
						row.get("beneficiary_households"), row.get("beneficiary_people"));
				values.addAll(dates);
				values.addAll(values(
						(row.get("source") != null) ? Labels.of("fundSource", (String) row.get("source")) : null,
						(row.get("allocated") != null) ? BigDecimal.valueOf((Long) row.get("allocated"), 2) : null,
						row.get("document_number"), row.get("allocated_on")));
				rows.add(values);
			});
		return ImportTestSupport.workbook("项目资金", rows);
	}

	private byte[] spending() {
		List<List<Object>> rows = new ArrayList<>();
		rows.add(List.of("县代码", "年度", "项目名称", "资金来源", "支出金额", "支出日期", "凭证号"));
		this.jdbc.sql("""
				select p.year, p.name, s.source, s.amount_fen, s.spent_on, s.voucher_number
				from project_spending s join project p on p.id = s.project_id join county c on c.id = p.county_id
				where c.code = :county order by s.id""")
			.param("county", COUNTY)
			.query()
			.listOfRows()
			.forEach((row) -> rows.add(values(COUNTY, row.get("year"), row.get("name"),
					Labels.of("fundSource", (String) row.get("source")),
					BigDecimal.valueOf((Long) row.get("amount_fen"), 2), row.get("spent_on"),
					row.get("voucher_number"))));
		return ImportTestSupport.workbook("资金支出", rows);
	}

	/** Cell values: SQL dates as days, the rest as they are. */
	private static List<Object> values(Object... values) {
		List<Object> row = new ArrayList<>();
		for (Object value : values) {
			row.add((value instanceof java.sql.Date date) ? date.toLocalDate() : value);
		}
		return row;
	}

	// The second service, on a database holding the areas alone
	// ----------------------------------------------

	/** The service with the demo data, on a database of its own. */
	private int startDemo() throws IOException {
		if (demo == null) {
			demo = service("moving_from", "ALL");
		}
		this.jdbc = JdbcClient.create(demo.getBean(javax.sql.DataSource.class));
		return port(demo);
	}

	/** The service the county moves into, on a database holding the areas alone. */
	private int start() throws IOException {
		if (movedIn == null) {
			movedIn = service("moving_in", "AREAS");
		}
		return port(movedIn);
	}

	private ConfigurableApplicationContext service(String database, String content) throws IOException {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.datasource.url", TestDatabase.createBeside(database));
		properties.put("spring.datasource.username", TestDatabase.username());
		properties.put("spring.datasource.password", TestDatabase.password());
		properties.put("server.port", "0");
		properties.put("bangfu.demo.load", "true");
		properties.put("bangfu.demo.content", content);
		properties.put("bangfu.security.jwt-secret", JWT_SECRET);
		properties.put("bangfu.imports.directory", Files.createTempDirectory(database).toString());
		properties.put("bangfu.photos.directory", this.folder.resolve(database + "-photos").toString());
		properties.put("spring.jmx.enabled", "false");
		// as arguments, which outrank the environment's SPRING_DATASOURCE_URL that points
		// the tests at the server
		return new SpringApplicationBuilder(BangfuApplication.class).run(properties.entrySet()
			.stream()
			.map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new));
	}

	private static int port(ConfigurableApplicationContext service) {
		return Integer.parseInt(service.getEnvironment().getProperty("local.server.port"));
	}

	private String login(int port, String username, String password) {
		JSONObject body = graphql(port, null,
				"""
						mutation($u: String!, $p: String!) { login(input: {username: $u, password: $p, deviceName: "moving-in"}) {
						  tokens { accessToken } } }""",
				Map.of("u", username, "p", password));
		return body.getJSONObject("data").getJSONObject("login").getJSONObject("tokens").getString("accessToken");
	}

	/** A new user of the moved-in service holding one role, signed in. */
	private String userWith(int port, String admin, String role, Map<String, String> binding) {
		String username = role.toLowerCase().replace('_', '-') + "-"
				+ java.util.UUID.randomUUID().toString().substring(0, 6);
		JSONObject created = graphql(port, admin,
				"""
						mutation($u: String!) { createUser(input: {username: $u, password: "the-right-password", displayName: "迁入"}) {
						  user { id } } }""",
				Map.of("u", username));
		String id = created.getJSONObject("data").getJSONObject("createUser").getJSONObject("user").getString("id");
		Map<String, Object> grant = new HashMap<>(binding);
		grant.put("userId", id);
		grant.put("role", role);
		JSONObject granted = graphql(port, admin, """
				mutation($g: GrantRoleInput!) { grantRole(input: $g) { userErrors { code } } }""", Map.of("g", grant));
		assertThat(granted.getJSONObject("data").getJSONObject("grantRole").getJSONArray("userErrors").length())
			.isZero();
		return login(port, username, "the-right-password");
	}

	private JSONObject check(int port, String token, String kind, byte[] file) {
		HttpResponse<String> upload = send(HttpRequest
			.newBuilder(address(port, "/imports?kind=" + kind + "&fileName=" + kind.toLowerCase() + ".xlsx"))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", ImportTestSupport.XLSX)
			.POST(HttpRequest.BodyPublishers.ofByteArray(file)));
		assertThat(upload.statusCode()).as(upload.body()).isEqualTo(202);
		return await(port, token, new JSONObject(upload.body()).getString("id"));
	}

	private JSONObject commit(int port, String token, JSONObject checked) {
		HttpResponse<String> response = send(
				HttpRequest.newBuilder(address(port, "/imports/" + checked.getString("id") + "/commit"))
					.header("Authorization", "Bearer " + token)
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers
						.ofString(new JSONObject().put("sha256", checked.getString("sha256")).toString())));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return await(port, token, checked.getString("id"));
	}

	private JSONObject await(int port, String token, String id) {
		JSONObject status;
		int polls = 0;
		do {
			status = new JSONObject(get(port, token, "/imports/" + id + "?waitSeconds=60"));
		}
		while (status.getString("status").matches("CHECKING|COMMITTING") && ++polls < 5);
		return status;
	}

	private String get(int port, String token, String path) {
		return send(HttpRequest.newBuilder(address(port, path)).header("Authorization", "Bearer " + token).GET())
			.body();
	}

	/** A query's data as JSON text, for comparing two services' answers. */
	private String figures(int port, String token, String query) {
		JSONObject body = graphql(port, token, query, Map.of());
		assertThat(body.has("errors")).as(body.toString()).isFalse();
		return body.getJSONObject("data").toString(2);
	}

	private JSONObject graphql(int port, String token, String query, Map<String, Object> variables) {
		HttpRequest.Builder request = HttpRequest.newBuilder(address(port, "/graphql"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofString(new JSONObject().put("query", query).put("variables", variables).toString()));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return new JSONObject(send(request).body());
	}

	private static java.net.URI address(int port, String path) {
		return java.net.URI.create("http://localhost:" + port + path);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
