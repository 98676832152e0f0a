package cn.ankang.bangfu.imports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.ankang.bangfu.BangfuApplication;
import cn.ankang.bangfu.TestDatabase;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "done when", as a new city would move in: a service is started on a new
 * database holding the demo data, and the spreadsheets of one county are generated from
 * that world ({@link CountySpreadsheets}); a second service is started on a new database
 * holding the areas alone, the files go in through its HTTP API as officers would send
 * them (units by a city leader, the rest by the county's officer), and the county's
 * figures and annual report there equal the demo's. The same file again changes nothing;
 * a corrected file changes only what was corrected. Both services are its own, so that no
 * other test's rows come between (the suite's shared demo database gains rows of their
 * own while this runs).
 */
class MovingInTests extends CountySpreadsheets {

	/** A key for the two services' access tokens (base64 of 32 bytes). */
	private static final String JWT_SECRET = "bW92aW5nLWluLXRlc3Qta2V5LWZvci1iYW5nZnUtMzJi";

	private static ConfigurableApplicationContext demo;

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
