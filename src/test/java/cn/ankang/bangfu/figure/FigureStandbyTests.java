package cn.ankang.bangfu.figure;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.function.Predicate;

import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.EndToEndSupport;
import cn.ankang.bangfu.StreamingReplication;
import cn.ankang.bangfu.TestDatabase;
import cn.ankang.bangfu.database.ServiceLogin;

import org.springframework.boot.graphql.test.autoconfigure.tester.AutoConfigureHttpGraphQlTester;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Leaders' figures read on a real hot standby streaming from the service's primary
 * ({@link StreamingReplication}), where {@code FigureReplicaTests} reads them through a
 * second pool on one database: the figures are the primary's once the standby has caught
 * up; while it lags their {@code asOf} says so and stays true; a standby that stops fails
 * the figures alone with a coded error and serves them again when it is back, without the
 * service restarting. The service runs over the demo city's areas alone, on a primary of
 * its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "bangfu.demo.load=true", "bangfu.demo.content=AREAS",
				"bangfu.security.jwt-secret=" + EndToEndSupport.JWT_SECRET,
				"bangfu.security.metrics-password=" + EndToEndSupport.METRICS_PASSWORD,
				"bangfu.photos.directory=target/test-photos", "bangfu.datasource.replica.heartbeat-interval=PT0.2S",
				"bangfu.datasource.replica.hikari.maximum-pool-size=2",
				"bangfu.datasource.replica.hikari.connection-timeout=1000" })
@AutoConfigureHttpGraphQlTester
@DirtiesContext
class FigureStandbyTests extends EndToEndSupport {

	private static final String CITY = "6109";

	private static final String VILLAGES = """
			{ villageFigures(filter: {countyCode: "610902"}) { asOf total { villages communities } } }""";

	private static final String UNVISITED = """
			{ unvisitedVillages(filter: {countyCode: "610902"}, first: 0) { asOf } }""";

	private static StreamingReplication replication;

	private final HttpClient http = HttpClient.newHttpClient();

	private String leader;

	@DynamicPropertySource
	static void databases(DynamicPropertyRegistry registry) {
		replication = StreamingReplication.start();
		ServiceLogin.ensure(replication.primaryUrl(), "postgres", "", TestDatabase.servicePassword());
		registry.add("spring.datasource.url", replication::primaryUrl);
		registry.add("spring.datasource.username", TestDatabase::serviceUsername);
		registry.add("spring.datasource.password", TestDatabase::servicePassword);
		registry.add("spring.flyway.url", replication::primaryUrl);
		registry.add("spring.flyway.user", () -> "postgres");
		registry.add("spring.flyway.password", () -> "");
		registry.add("bangfu.datasource.replica.url", replication::standbyUrl);
		registry.add("bangfu.datasource.replica.username", TestDatabase::serviceUsername);
		registry.add("bangfu.datasource.replica.password", TestDatabase::servicePassword);
	}

	@AfterAll
	static void stopServers() {
		if (replication != null) {
			replication.close();
		}
	}

	@BeforeEach
	void standbyCaughtUp() {
		replication.startStandby();
		replication.resumeReplay();
		replication.awaitCaughtUp();
		this.leader = accessToken(cityLeader(), "the-right-password");
	}

	@Test
	void figuresOnTheStandbyAreThePrimarysAndSayHowCurrentTheyAre() throws Exception {
		assertThat(replication.streaming()).isTrue();
		OffsetDateTime asked = OffsetDateTime.now();
		JSONObject figures = villages();
		// as the primary counts them itself, past row-level security
		assertThat(total(figures).getInt("villages"))
			.isEqualTo(sqlInt("select count(*)::int from village where code like '610902%'"));
		assertThat(total(figures).getInt("communities"))
			.isEqualTo(sqlInt("select count(*)::int from village where code like '610902%' and kind = 'COMMUNITY'"));
		// current to a heartbeat (every 0.2 s here) the standby has replayed: near, never
		// ahead
		assertThat(asOf(figures)).isBefore(OffsetDateTime.now()).isAfter(asked.minusSeconds(5));
	}

	@Test
	void whileTheStandbyLagsTheFiguresSaySoAndCatchUpAfter() throws Exception {
		int communities = total(villages()).getInt("communities");
		long village = this.jdbc.sql("select min(id) from village where code like '610902%' and kind = 'VILLAGE'")
			.query(Long.class)
			.single();
		replication.pauseReplay();
		try {
			OffsetDateTime changed = OffsetDateTime.now();
			this.jdbc.sql("update village set kind = 'COMMUNITY' where id = :id").param("id", village).update();
			// heartbeats go on on the primary; the standby replays none of them
			Thread.sleep(600);
			JSONObject lagging = villages();
			assertThat(total(lagging).getInt("communities")).isEqualTo(communities);
			assertThat(asOf(lagging)).isBefore(changed);
			// the lists of the unvisited are read there too, and say so alike
			HttpResponse<String> unvisited = post(UNVISITED);
			assertThat(unvisited.statusCode()).as(unvisited.body()).isEqualTo(200);
			assertThat(asOf(new JSONObject(unvisited.body()).getJSONObject("data").getJSONObject("unvisitedVillages")))
				.isBefore(changed);
			replication.resumeReplay();
			JSONObject current = awaitFigures((figures) -> total(figures).getInt("communities") == communities + 1);
			assertThat(asOf(current)).isAfter(changed);
		}
		finally {
			replication.resumeReplay();
			this.jdbc.sql("update village set kind = 'VILLAGE' where id = :id").param("id", village).update();
		}
	}

	@Test
	void aStandbyThatStopsFailsTheFiguresAloneAndServesThemAgainWhenBack() throws Exception {
		int villages = total(villages()).getInt("villages");
		replication.stopStandby();
		try {
			// first on connections that broke, then finding none within the pool's
			// timeout
			for (int i = 0; i < 2; i++) {
				HttpResponse<String> refused = post(VILLAGES);
				assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
				JSONObject error = new JSONObject(refused.body()).getJSONArray("errors").getJSONObject(0);
				assertThat(error.getJSONObject("extensions").getString("code")).isEqualTo("SERVICE_UNAVAILABLE");
			}
			// the primary serves everything else
			JSONObject others = new JSONObject(post("{ villages(first: 1) { totalCount } }").body());
			assertThat(others.getJSONObject("data").getJSONObject("villages").getInt("totalCount")).isPositive();
		}
		finally {
			replication.startStandby();
		}
		JSONObject back = awaitFigures((figures) -> true);
		assertThat(total(back).getInt("villages")).isEqualTo(villages);
	}

	private JSONObject villages() throws Exception {
		HttpResponse<String> response = post(VILLAGES);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return new JSONObject(response.body()).getJSONObject("data").getJSONObject("villageFigures");
	}

	/**
	 * The figures once they satisfy the condition, asked for again while they fail or do
	 * not yet.
	 */
	private JSONObject awaitFigures(Predicate<JSONObject> condition) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (true) {
			HttpResponse<String> response = post(VILLAGES);
			if (response.statusCode() == 200) {
				JSONObject figures = new JSONObject(response.body()).getJSONObject("data")
					.getJSONObject("villageFigures");
				if (condition.test(figures)) {
					return figures;
				}
			}
			assertThat(System.nanoTime()).as("the figures within 30 s: %s", response.body()).isLessThan(deadline);
			Thread.sleep(100);
		}
	}

	private HttpResponse<String> post(String query) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri("/graphql"))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + this.leader)
			.POST(HttpRequest.BodyPublishers.ofString(new JSONObject(Map.of("query", query)).toString()))
			.timeout(Duration.ofSeconds(30))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static JSONObject total(JSONObject figures) {
		return figures.getJSONObject("total");
	}

	private static OffsetDateTime asOf(JSONObject figures) {
		return OffsetDateTime.parse(figures.getString("asOf"));
	}

	/** A city leader, made through the API; signs in with "the-right-password". */
	private String cityLeader() {
		return newUserWithRole("CITY_LEADER", Map.of("cityCode", CITY));
	}

}
