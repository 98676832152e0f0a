package cn.ankang.bangfu.operations;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.ApiTestSupport;
import cn.ankang.bangfu.ServiceProcess;
import cn.ankang.bangfu.TestDatabase;
import cn.ankang.bangfu.shared.relay.GlobalId;
import cn.ankang.bangfu.visit.VisitDrafts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Faults injected into a real service process on the tests' database: killed with SIGKILL
 * in the middle of a sync, and a database that holds locks or runs out of connections. A
 * row lock taken by the test stands in for a slow database: it holds a request at a known
 * point, as long as the test wants.
 */
class ServiceFaultTests extends ApiTestSupport {

	private static final String SYNC = """
			mutation($q: [LogVisitInput!]!) { syncVisits(input: {visits: $q}) { results { uuid status } } }""";

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void aServiceKilledInTheMiddleOfASyncKeepsWhatItAnsweredAndStoresEachVisitOnceAfterTheRetry() throws Exception {
		String token = accessToken("demo-secretary");
		List<Map<String, Object>> answeredBefore = visits(10, 0);
		// fifteen visits to one household, then fifteen to another that the test locks
		List<Map<String, Object>> batch = new ArrayList<>(visits(15, 0));
		batch.addAll(visits(15, 1));
		long lockedHousehold = GlobalId.decodeNumeric((String) batch.get(15).get("householdId"), "Household");

		try (ServiceProcess service = ServiceProcess.start(JWT_SECRET)) {
			assertThat(statuses(sync(service, token, answeredBefore))).containsOnly("ACCEPTED").hasSize(10);
			try (Connection blocker = DriverManager.getConnection(TestDatabase.jdbcUrl(), TestDatabase.username(),
					TestDatabase.password()); Statement statement = blocker.createStatement()) {
				blocker.setAutoCommit(false);
				statement.execute("select 1 from household where id = " + lockedHousehold + " for update");
				CompletableFuture<HttpResponse<String>> inFlight = this.http.sendAsync(request(service, token, batch),
						HttpResponse.BodyHandlers.ofString());
				// the batch is one transaction: it waits at the first visit to the locked
				// household, with none of its visits committed
				await(() -> statementsWaitingForLocks(), 1);
				assertThat(stored(batch)).isZero();
				service.kill();
				assertThatThrownBy(() -> inFlight.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
					.hasCauseInstanceOf(IOException.class);
				blocker.rollback();
			}
		}
		// the killed process's transaction never committed: the phone, which got no
		// answer, still holds the whole batch
		await(() -> statementsWaitingForLocks(), 0);
		assertThat(stored(batch)).isZero();

		try (ServiceProcess restarted = ServiceProcess.start(JWT_SECRET)) {
			assertThat(statuses(sync(restarted, token, batch))).containsOnly("ACCEPTED").hasSize(30);
			assertThat(statuses(sync(restarted, token, batch))).containsOnly("DUPLICATE").hasSize(30);
			assertThat(statuses(sync(restarted, token, answeredBefore))).containsOnly("DUPLICATE").hasSize(10);
		}
		assertThat(stored(batch)).isEqualTo(30);
		assertThat(stored(answeredBefore)).isEqualTo(10);
	}

	@Test
	void aSlowDatabaseOrAnExhaustedPoolIsAnsweredWithinTheBoundsAndSaysSo() throws Exception {
		String token = accessToken("demo-secretary");
		Map<String, Object> waiting = VisitDrafts.householdVisit(this.jdbc, 2);
		long lockedHousehold = GlobalId.decodeNumeric((String) waiting.get("householdId"), "Household");
		// two connections, a statement may run 3 s, a request waits 1 s for a connection
		try (ServiceProcess service = ServiceProcess.start(JWT_SECRET, "spring.datasource.hikari.maximum-pool-size=2",
				"spring.datasource.hikari.connection-timeout=1000",
				"spring.datasource.hikari.data-source-properties.options=-c statement_timeout=3000 -c jit=off");
				Connection blocker = DriverManager.getConnection(TestDatabase.jdbcUrl(), TestDatabase.username(),
						TestDatabase.password());
				Statement statement = blocker.createStatement()) {
			blocker.setAutoCommit(false);
			statement.execute("select 1 from household where id = " + lockedHousehold + " for update");

			// a statement held up past its timeout: the database stops it, the client is
			// told to retry
			long started = System.nanoTime();
			HttpResponse<String> slow = this.http.send(request(service, token, List.of(waiting)),
					HttpResponse.BodyHandlers.ofString());
			Duration took = Duration.ofNanos(System.nanoTime() - started);
			System.out.println(
					"A statement held by a lock: " + took.toMillis() + " ms, " + slow.statusCode() + " " + slow.body());
			assertThat(took).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(10));
			assertThat(code(slow)).isEqualTo("SERVICE_UNAVAILABLE");
			assertThat(new JSONObject(slow.body()).getJSONArray("errors")
				.getJSONObject(0)
				.getJSONObject("extensions")
				.getInt("retryAfterSeconds")).isPositive();

			// both connections held by requests that wait: the next request waits 1 s
			// for a connection, then is told to retry
			List<CompletableFuture<HttpResponse<String>>> holding = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				holding
					.add(this.http.sendAsync(request(service, token, List.of(VisitDrafts.householdVisit(this.jdbc, 2))),
							HttpResponse.BodyHandlers.ofString()));
			}
			await(() -> statementsWaitingForLocks(), 2);
			started = System.nanoTime();
			HttpResponse<String> starved = this.http.send(HttpRequest.newBuilder(service.graphql())
				.header("Content-Type", "application/json")
				.header("Authorization", "Bearer " + token)
				.POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"{ counties { code } }\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
			took = Duration.ofNanos(System.nanoTime() - started);
			System.out.println(
					"No connection free: " + took.toMillis() + " ms, " + starved.statusCode() + " " + starved.body());
			assertThat(took).isLessThan(Duration.ofSeconds(5));
			assertThat(code(starved)).isEqualTo("SERVICE_UNAVAILABLE");
			assertThat(starved.statusCode()).isEqualTo(503);
			assertThat(starved.headers().firstValue("Retry-After")).isPresent();
			for (CompletableFuture<HttpResponse<String>> held : holding) {
				assertThat(code(held.get(20, TimeUnit.SECONDS))).isEqualTo("SERVICE_UNAVAILABLE");
			}
			blocker.rollback();

			// nothing was stored meanwhile, nothing hangs, and the same visit goes in now
			assertThat(stored(List.of(waiting))).isZero();
			assertThat(statuses(sync(service, token, List.of(waiting)))).containsExactly("ACCEPTED");
			assertThat(service.readiness()).isEqualTo(200);
		}
	}

	private List<Map<String, Object>> visits(int count, int household) {
		List<Map<String, Object>> visits = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			visits.add(VisitDrafts.householdVisit(this.jdbc, household));
		}
		return visits;
	}

	private HttpRequest request(ServiceProcess service, String token, List<Map<String, Object>> visits) {
		String body = new JSONObject(Map.of("query", SYNC, "variables", Map.of("q", visits))).toString();
		return HttpRequest.newBuilder(service.graphql())
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + token)
			.timeout(Duration.ofSeconds(60))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
	}

	private JSONObject sync(ServiceProcess service, String token, List<Map<String, Object>> visits) throws Exception {
		HttpResponse<String> response = this.http.send(request(service, token, visits),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return new JSONObject(response.body());
	}

	private static List<String> statuses(JSONObject answer) {
		JSONArray results = answer.getJSONObject("data").getJSONObject("syncVisits").getJSONArray("results");
		List<String> statuses = new ArrayList<>();
		for (int i = 0; i < results.length(); i++) {
			statuses.add(results.getJSONObject(i).getString("status"));
		}
		return statuses;
	}

	private static String code(HttpResponse<String> response) {
		return new JSONObject(response.body()).getJSONArray("errors")
			.getJSONObject(0)
			.getJSONObject("extensions")
			.getString("code");
	}

	private int stored(List<Map<String, Object>> visits) {
		String ids = visits.stream()
			.map((visit) -> "'" + visit.get("uuid") + "'")
			.collect(java.util.stream.Collectors.joining(","));
		return sqlInt("select count(*)::int from visit where id in (" + ids + ")");
	}

	private static void await(IntSupplier count, int expected) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		int last = count.getAsInt();
		while (last != expected && System.nanoTime() < deadline) {
			Thread.sleep(50);
			last = count.getAsInt();
		}
		assertThat(last).isEqualTo(expected);
	}

}
