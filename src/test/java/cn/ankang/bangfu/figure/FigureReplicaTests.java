package cn.ankang.bangfu.figure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.ApiTestSupport;
import cn.ankang.bangfu.TestDatabase;
import cn.ankang.bangfu.demo.DemoFigures;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Leaders' figures on a read replica ({@code bangfu.datasource.replica.url}). The
 * "replica" is the test database itself, through a second pool whose connections name
 * themselves {@code bangfu-replica}: what matters here is which pool a request uses, and
 * that the replica's transactions keep row-level security. The service's own filter is
 * switched off in this context (as in {@code RowLevelSecurityOnlyTests}), so what keeps a
 * county officer to the county on the replica is PostgreSQL's policies alone, which hold
 * only if the replica's transactions set the role and the scope.
 */
@TestPropertySource(properties = { "bangfu.security.application-filter=false",
		"bangfu.datasource.replica.hikari.maximum-pool-size=2",
		"bangfu.datasource.replica.hikari.connection-timeout=1000" })
class FigureReplicaTests extends ApiTestSupport {

	private static final String REPLICA = "replica";

	@Autowired
	MeterRegistry meters;

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@DynamicPropertySource
	static void replica(DynamicPropertyRegistry registry) {
		registry.add("bangfu.datasource.replica.url", () -> TestDatabase.jdbcUrl()
				+ (TestDatabase.jdbcUrl().contains("?") ? "&" : "?") + "ApplicationName=bangfu-replica");
		registry.add("bangfu.datasource.replica.username", TestDatabase::username);
		registry.add("bangfu.datasource.replica.password", TestDatabase::password);
	}

	@Test
	void leadersFiguresAreReadOnTheReplicaAndAreTheSameFigures() throws Exception {
		long replica = acquisitions(REPLICA);
		GraphQlTester.Response report = this.graphQl.document("""
				{ annualReport(year: 2023) { monitoring { households people } measures { measures }
				    linkageFunds { projects } nextYearPipeline { projects } } }""").execute();
		// the report's figures, as FigureRulesTests finds them on the primary
		report.path("annualReport.monitoring.households").entity(Integer.class).isEqualTo(DemoFigures.HOUSEHOLDS);
		report.path("annualReport.monitoring.people").entity(Integer.class).isEqualTo(DemoFigures.PEOPLE);
		report.path("annualReport.measures.measures").entity(Integer.class).isEqualTo(DemoFigures.MEASURES);
		report.path("annualReport.linkageFunds.projects")
			.entity(Integer.class)
			.isEqualTo(DemoFigures.LINKAGE_PROJECTS_2023);
		report.path("annualReport.nextYearPipeline.projects")
			.entity(Integer.class)
			.isEqualTo(DemoFigures.PIPELINE_PROJECTS_2024);
		// the report is one transaction: one connection, from the replica's pool
		assertThat(acquisitions(REPLICA)).isEqualTo(replica + 1);
		// the pool connected where it was told to, and operators see it
		assertThat(sqlInt("""
				select count(*)::int from pg_stat_activity
				where application_name = 'bangfu-replica' and datname = current_database()""")).isPositive();
		assertThat(metrics()).containsPattern("hikaricp_connections_acquire_seconds_count\\{[^}]*pool=\"replica\"");
	}

	@Test
	void rowLevelSecurityHoldsOnTheReplica() {
		long replica = acquisitions(REPLICA);
		GraphQlTester.Response city = this.graphQl.document("""
				{ monitoringFigures(filter: {year: 2023}, groupBy: [COUNTY]) {
				    total { households } groups { keys { value } households } } }""").execute();
		int inCity = city.path("monitoringFigures.total.households").entity(Integer.class).get();
		// demo-county's county
		int inCounty = city.path("monitoringFigures.groups[?(@.keys[0].value == '610902')].households")
			.entityList(Integer.class)
			.get()
			.get(0);
		assertThat(inCity).isEqualTo(DemoFigures.HOUSEHOLDS);
		assertThat(inCounty).isPositive().isLessThan(inCity);
		// the role alone would show nothing, the scope alone (as the owner) everything
		as("demo-county").document("{ monitoringFigures(filter: {year: 2023}) { total { households } } }")
			.execute()
			.path("monitoringFigures.total.households")
			.entity(Integer.class)
			.isEqualTo(inCounty);
		assertThat(acquisitions(REPLICA)).isEqualTo(replica + 2);
	}

	@Test
	void phonesReadFromThePrimary() {
		long replica = acquisitions(REPLICA);
		long primary = acquisitions(null);
		as("demo-secretary").document("{ households(first: 1) { totalCount edges { node { id } } } }")
			.execute()
			.path("households.totalCount")
			.entity(Integer.class)
			.satisfies((count) -> assertThat(count).isPositive());
		as("demo-secretary").document("{ visits(first: 1) { totalCount } }")
			.execute()
			.path("visits.totalCount")
			.hasValue();
		assertThat(acquisitions(REPLICA)).isEqualTo(replica);
		assertThat(acquisitions(null)).isGreaterThan(primary);
	}

	@Test
	void theReplicasStatementsAreCountedPerRequest() {
		String one = "query ReplicaOneFigure { a: monitoringFigures(filter: {year: 2023}) { total { households } } }";
		String two = """
				query ReplicaTwoFigures { a: monitoringFigures(filter: {year: 2023}) { total { households } }
				  b: monitoringFigures(filter: {year: 2023}) { total { households } } }""";
		long replica = acquisitions(REPLICA);
		long withOne = statements("ReplicaOneFigure", one);
		long withTwo = statements("ReplicaTwoFigures", two);
		assertThat(acquisitions(REPLICA)).isEqualTo(replica + 3);
		// the second figure's transaction on the replica: its scope, how current the
		// replica is (FigureFreshness) and its query
		assertThat(withTwo - withOne).isEqualTo(3);
	}

	@Test
	void aReplicaThatIsDownFailsTheFiguresAloneAndSaysSo() throws Exception {
		String figure = "{ monitoringFigures(filter: {year: 2023}) { total { households } } }";
		this.graphQl.document(figure).execute().path("monitoringFigures.total.households").hasValue();
		try {
			// the database refuses new connections and the replica's pool loses its own:
			// the primary's pool keeps the connections it has
			TestDatabase.administer("alter database {database} allow_connections false");
			TestDatabase.administer("""
					select pg_terminate_backend(pid) from pg_stat_activity
					where datname = '{database}' and application_name = 'bangfu-replica'""");
			// first on a connection that broke, then finding none within the pool's
			// timeout
			for (int i = 0; i < 2; i++) {
				HttpResponse<String> refused = post(accessToken("demo-leader"), figure);
				assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
				assertThat(refused.headers().firstValue("Retry-After")).isPresent();
				JSONObject error = new JSONObject(refused.body()).getJSONArray("errors").getJSONObject(0);
				assertThat(error.getJSONObject("extensions").getString("code")).isEqualTo("SERVICE_UNAVAILABLE");
			}
			// phones go on
			as("demo-secretary").document("{ households(first: 0) { totalCount } }")
				.execute()
				.path("households.totalCount")
				.hasValue();
			// the instance stays ready, and its health says what is down
			assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
			assertThat(get("/actuator/health").statusCode()).isEqualTo(503);
		}
		finally {
			TestDatabase.administer("alter database {database} allow_connections true");
			// the pool connects again by itself, before any other test needs it
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (post(accessToken("demo-leader"), figure).statusCode() != 200 && System.nanoTime() < deadline) {
				Thread.sleep(200);
			}
		}
		this.graphQl.document(figure).execute().path("monitoringFigures.total.households").hasValue();
		assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
	}

	/**
	 * Connections handed out so far by the replica's pool, or (for {@code null}) by the
	 * others.
	 */
	private long acquisitions(String pool) {
		return this.meters.find("hikaricp.connections.acquire")
			.timers()
			.stream()
			.filter((timer) -> (pool != null) == REPLICA.equals(timer.getId().getTag("pool")))
			.mapToLong(Timer::count)
			.sum();
	}

	/** The statements one request of the named operation ran. */
	private long statements(String operation, String document) {
		double before = statementTotal(operation);
		this.graphQl.document(document).execute().errors().verify();
		return Math.round(statementTotal(operation) - before);
	}

	private double statementTotal(String operation) {
		DistributionSummary summary = this.meters.find("bangfu.graphql.sql.statements")
			.tag("operation", operation)
			.summary();
		return (summary != null) ? summary.totalAmount() : 0;
	}

	private HttpResponse<String> post(String token, String query) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/graphql"))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + token)
			.POST(HttpRequest.BodyPublishers.ofString(new JSONObject(Map.of("query", query)).toString()))
			.timeout(Duration.ofSeconds(30))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(30))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
