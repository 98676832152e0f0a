package cn.ankang.bangfu.operations;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.json.JSONObject;
import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.ApiTestSupport;
import cn.ankang.bangfu.BangfuApplication;
import cn.ankang.bangfu.TestDatabase;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What operators rely on: liveness and readiness (falling with the database and rising
 * again by itself), info with version and commit, metrics in Prometheus's format per
 * operation, request ids in answers, and a production profile that will not start on
 * made-up settings.
 */
class OperationsTests extends ApiTestSupport {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	private int port;

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(30))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> graphql(String body, Map<String, String> headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/graphql"))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + accessToken("demo-leader"))
			.POST(HttpRequest.BodyPublishers.ofString(body));
		headers.forEach(request::header);
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void readinessFallsWithTheDatabaseAndRisesAgainByItself() throws Exception {
		assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
		assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
		String token = accessToken("demo-leader");
		try {
			// the database refuses every new connection and drops the pool's
			TestDatabase.administer("alter database {database} allow_connections false");
			TestDatabase.administer(
					"select pg_terminate_backend(pid) from pg_stat_activity where datname = '{database}' and pid <> pg_backend_pid()");
			HttpResponse<String> down = get("/actuator/health/readiness");
			assertThat(down.statusCode()).isEqualTo(503);
			assertThat(new JSONObject(down.body()).getString("status")).isEqualTo("DOWN");
			// a process that only lost its database is alive: no restart wanted
			assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
			// and a request meanwhile is told to retry, not that something broke
			for (boolean signedIn : new boolean[] { false, true }) {
				String query = signedIn ? "{ counties { code } }"
						: "mutation { login(input: {username: \\\"demo-leader\\\", password: \\\"bangfu-demo\\\", "
								+ "deviceName: \\\"t\\\"}) { userErrors { code } } }";
				HttpRequest.Builder request = HttpRequest
					.newBuilder(URI.create("http://localhost:" + this.port + "/graphql"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"" + query + "\"}"))
					.timeout(Duration.ofSeconds(30));
				if (signedIn) {
					request.header("Authorization", "Bearer " + token);
				}
				HttpResponse<String> refused = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
				System.out.println("During the outage: " + refused.statusCode() + " " + refused.body());
				JSONObject error = new JSONObject(refused.body()).getJSONArray("errors").getJSONObject(0);
				assertThat(error.getJSONObject("extensions").getString("code")).as(refused.body())
					.isEqualTo("SERVICE_UNAVAILABLE");
				assertThat(error.getJSONObject("extensions").getInt("retryAfterSeconds")).isPositive();
				// where the whole request failed (signing in, or checking the token's
				// session), HTTP says
				// so too
				if (refused.statusCode() != 200) {
					assertThat(refused.statusCode()).isEqualTo(503);
					assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
				}
			}
		}
		finally {
			TestDatabase.administer("alter database {database} allow_connections true");
		}
		// the pool makes new connections by itself: ready again within seconds
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		int status = get("/actuator/health/readiness").statusCode();
		while (status != 200 && System.nanoTime() < deadline) {
			Thread.sleep(200);
			status = get("/actuator/health/readiness").statusCode();
		}
		assertThat(status).isEqualTo(200);
		assertThat(sqlInt("select 1")).isEqualTo(1);
	}

	@Test
	void infoTellsTheVersionAndTheCommit() throws Exception {
		JSONObject info = new JSONObject(get("/actuator/info").body());
		assertThat(info.getJSONObject("build").getString("version")).isNotBlank();
		assertThat(info.getJSONObject("git").getJSONObject("commit").getString("id")).matches("[0-9a-f]{7,}");
	}

	@Test
	void metricsCountEachOperationItsErrorsAndItsStatements() throws Exception {
		graphql("""
				{"query": "query OperationsTestCounties { counties { code towns { code } } }"}""", Map.of());
		graphql("""
				{"query": "query OperationsTestBadId { node(id: \\"nonsense\\") { id } }"}""", Map.of());
		graphql("""
				{"query": "query ${jndi:ldap} { counties { code } }"}""", Map.of());
		String metrics = metrics();
		assertThat(metrics).containsPattern(
				"bangfu_graphql_requests_seconds_count\\{[^}]*operation=\"OperationsTestCounties\"[^}]*outcome=\"success\"[^}]*} 1");
		assertThat(metrics).containsPattern(
				"bangfu_graphql_requests_seconds_count\\{[^}]*operation=\"OperationsTestBadId\"[^}]*outcome=\"error\"");
		assertThat(metrics).containsPattern("bangfu_graphql_errors_total\\{[^}]*code=\"INVALID_ID\"");
		assertThat(metrics)
			.containsPattern("bangfu_graphql_sql_statements_count\\{[^}]*operation=\"OperationsTestCounties\"[^}]*} 1");
		assertThat(metrics).containsPattern(
				"bangfu_graphql_sql_statements_sum\\{[^}]*operation=\"OperationsTestCounties\"[^}]*} [1-9]");
		assertThat(metrics).doesNotContain("jndi");
		assertThat(metrics).contains("hikaricp_connections_active");
		assertThat(metrics).containsPattern("bangfu_tasks_open\\{[^}]*role=\"CADRE\"[^}]*} [1-9]");
		assertThat(metrics).contains("bangfu_photos_uploads_pending").contains("bangfu_warnings_unmatched");
	}

	@Test
	void onlyPrometheusReadsTheMetricsTheyCountTheWholeProgramme() throws Exception {
		// open: the load balancer's probes and the version
		assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
		assertThat(get("/actuator/info").statusCode()).isEqualTo(200);
		HttpResponse<String> anonymous = get("/actuator/prometheus");
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.body()).doesNotContain("bangfu_tasks_open");
		// not even an admin's token: the metrics are for the scraper
		HttpResponse<String> admin = this.http
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/prometheus"))
				.header("Authorization", "Bearer " + accessToken("demo-admin"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(admin.statusCode()).isEqualTo(401);
		HttpResponse<String> wrong = this.http
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/prometheus"))
				.header("Authorization",
						"Basic " + java.util.Base64.getEncoder().encodeToString("prometheus:guess".getBytes()))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(wrong.statusCode()).isEqualTo(401);
		assertThat(metrics()).contains("bangfu_tasks_open");
		// and again: the scraper's password, hashed at the first scrape, is kept whole
		assertThat(metrics()).contains("bangfu_tasks_open");
	}

	@Test
	void everyAnswerCarriesTheRequestIdForTheLogs() throws Exception {
		HttpResponse<String> given = graphql("{\"query\": \"{ counties { code } }\"}",
				Map.of("X-Request-Id", "phone-7f3a-0001"));
		assertThat(given.headers().firstValue("X-Request-Id")).hasValue("phone-7f3a-0001");
		assertThat(new JSONObject(given.body()).getJSONObject("extensions").getString("requestId"))
			.isEqualTo("phone-7f3a-0001");
		// an error report carries it too; an unacceptable id from outside is replaced
		HttpResponse<String> made = graphql("{\"query\": \"{ node(id: \\\"x\\\") { id } }\"}",
				Map.of("X-Request-Id", "<script>"));
		String id = made.headers().firstValue("X-Request-Id").orElseThrow();
		assertThat(id).matches("[0-9a-f-]{36}");
		JSONObject body = new JSONObject(made.body());
		assertThat(body.getJSONObject("extensions").getString("requestId")).isEqualTo(id);
		assertThat(body.getJSONArray("errors")).isNotEmpty();
	}

	@Test
	void theProductionProfileRefusesToStartWithoutItsSettingsAndSaysWhich() {
		// command-line arguments: they outrank the environment CI sets the datasource in
		assertThatThrownBy(() -> new SpringApplicationBuilder(BangfuApplication.class).profiles("prod")
			.run("--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/none", "--spring.datasource.username=x",
					"--bangfu.security.jwt-secret=", "--server.port=0"))
			.hasMessageContaining("bangfu.security.jwt-secret (BANGFU_SECURITY_JWT_SECRET)")
			.hasMessageNotContaining("spring.datasource.url");
		assertThatThrownBy(() -> new SpringApplicationBuilder(BangfuApplication.class).profiles("prod")
			.run("--spring.datasource.url=", "--bangfu.security.jwt-secret=", "--server.port=0"))
			.hasMessageContaining("spring.datasource.url (SPRING_DATASOURCE_URL)");
	}

}
