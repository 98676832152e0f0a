package cn.ankang.bangfu.security.limits;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import javax.sql.DataSource;

import io.github.bucket4j.BucketConfiguration;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.ApiTestSupport;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rate limits against the real database: the points an operation costs, what is left, the
 * refusal when they run out (HTTP 429 and {@code Retry-After}), and sign-ins throttled
 * the same way.
 */
class RateLimitTests extends ApiTestSupport {

	/** 9010 points, just under the cost limit: ten aliases of a hundred villages. */
	private static final String HEAVY = java.util.stream.IntStream.range(0, 10)
		.mapToObj((i) -> "v%d: villages(first: 100) { edges { cursor node { id code name kind latitude longitude } } }"
			.formatted(i))
		.collect(java.util.stream.Collectors.joining(" ", "{ ", " }"));

	@LocalServerPort
	private int port;

	@Autowired
	private RateLimits rateLimits;

	@Autowired
	private RateLimits.Properties properties;

	@Autowired
	private DataSource dataSource;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void everyAnswerTellsWhatTheOperationCostAndWhatIsLeft() throws Exception {
		String token = login(newUser("points"), "the-right-password");
		JSONObject first = new JSONObject(post("{ counties { code name } }", token).body());
		JSONObject usage = first.getJSONObject("extensions").getJSONObject("rateLimit");
		// counties (1) + code (1) + name (1)
		assertThat(usage.getLong("cost")).isEqualTo(3);
		assertThat(usage.getLong("limit")).isEqualTo(this.properties.points());
		assertThat(usage.getLong("restoreRate")).isEqualTo(this.properties.pointsPerSecond());
		assertThat(usage.getLong("remaining")).isEqualTo(this.properties.points() - 3);
		assertThat(java.time.Instant.parse(usage.getString("resetAt")))
			.isAfterOrEqualTo(java.time.Instant.now().minusSeconds(2));
		JSONObject second = new JSONObject(post(HEAVY, token).body()).getJSONObject("extensions")
			.getJSONObject("rateLimit");
		assertThat(second.getLong("cost")).isEqualTo(9010);
		// less the cost, plus what came back meanwhile
		assertThat(second.getLong("remaining")).isLessThan(usage.getLong("remaining") - 9010 + 5000);
	}

	@Test
	void underAnInterfaceOnlyTheDearestTypeFragmentIsPaidForItIsTheOnlyOneResolved() throws Exception {
		String token = login(newUser("fragments"), "the-right-password");
		String village = cn.ankang.bangfu.shared.relay.GlobalId.of("Village", 1);
		// node (1) + id (1) + the dearer of Village (3) and County (1): not both
		JSONObject answer = new JSONObject(post("""
				{ node(id: "%s") { id ... on Village { code name latitude } ... on County { code } } }"""
			.formatted(village), token).body());
		assertThat(answer.getJSONObject("extensions").getJSONObject("rateLimit").getLong("cost")).isEqualTo(5);
		// what is selected on an interface applies to every type: paid in full
		answer = new JSONObject(post("""
				{ node(id: "%s") { id ... on Node { id } ... on Village { code name latitude } } }"""
			.formatted(village), token).body());
		assertThat(answer.getJSONObject("extensions").getJSONObject("rateLimit").getLong("cost")).isEqualTo(6);
		// a connection of them: each item its dearest type, times first
		answer = new JSONObject(post("""
				{ villages(first: 10) { edges { node { id ... on Village { code } ... on Node { id } } } } }""", token)
			.body());
		assertThat(answer.getJSONObject("extensions").getJSONObject("rateLimit").getLong("cost"))
			.isEqualTo(1 + (1 + (1 + 1 + 1 + 1)) * 10);
		// the phone's change feed names seven kinds of item in each entry: a page of 20
		// costs its entries' dearest kind (a task, 17), not all seven (63)
		String changes = java.nio.file.Files
			.readString(java.nio.file.Path.of("mobile-client-sample/src/main/resources/bangfu-client/Changes.graphql"));
		answer = new JSONObject(
				send(new JSONObject(Map.of("query", changes, "variables", Map.of("first", 20))).toString(), token)
					.body());
		assertThat(answer.getJSONObject("extensions").getJSONObject("rateLimit").getLong("cost"))
			.isEqualTo(1 + (3 + (1 + (4 + (1 + 1 + 17)))) * 20);
	}

	@Test
	void aUserWhoSpentThePointsIsRefusedWith429UntilTheyComeBackAndOthersAreNot() throws Exception {
		String username = newUser("spender");
		String token = login(username, "the-right-password");
		HttpResponse<String> refused = null;
		int sent = 0;
		while (refused == null && sent < 100) {
			HttpResponse<String> response = post(HEAVY, token);
			sent++;
			if (response.statusCode() != 200) {
				refused = response;
			}
		}
		assertThat(refused).as("refused within %d heavy operations", sent).isNotNull();
		assertThat(sent).isLessThan((int) (this.properties.points() / 5000) + 5);
		assertThat(refused.statusCode()).isEqualTo(429);
		long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
		assertThat(retryAfter).isBetween(1L, 60L);
		JSONObject body = new JSONObject(refused.body());
		assertThat(body.has("data")).as(refused.body()).isFalse();
		JSONObject error = body.getJSONArray("errors").getJSONObject(0);
		assertThat(error.getJSONObject("extensions").getString("code")).isEqualTo("RATE_LIMITED");
		assertThat(error.getJSONObject("extensions").getLong("retryAfterSeconds")).isEqualTo(retryAfter);
		assertThat(error.getString("message")).doesNotContain("Exception");
		assertThat(body.getJSONObject("extensions").getJSONObject("rateLimit").getLong("remaining"))
			.isLessThan(body.getJSONObject("extensions").getJSONObject("rateLimit").getLong("cost"));
		// a cheap operation still fits
		assertThat(post("{ counties { code } }", token).statusCode()).isEqualTo(200);

		// the bucket lives in the database: another instance of the service sees it spent
		String key = "graphql:user:" + sqlString("select id::text from app_user where username = '" + username + "'");
		assertThat(sqlInt("select count(*)::int from rate_limit_bucket where id = '" + key + "'")).isEqualTo(1);
		RateLimits otherInstance = new RateLimits(this.dataSource);
		long left = otherInstance.bucket(key, () -> GraphQlRateLimit.configuration(this.properties))
			.getAvailableTokens();
		assertThat(left).isLessThan(this.properties.points() / 5);

		// and other users keep theirs
		String other = login(newUser("bystander"), "the-right-password");
		assertThat(post(HEAVY, other).statusCode()).isEqualTo(200);
	}

	@Test
	void aThrottledSignInIs429WithRetryAfter() throws Exception {
		String username = newUser("guessed-http");
		String wrong = """
				{"query": "mutation { login(input: {username: \\"%s\\", password: \\"wrong\\", deviceName: \\"t\\"}) { userErrors { code } } }"}"""
			.formatted(username);
		for (int i = 0; i < 3; i++) {
			HttpResponse<String> failed = send(wrong, null);
			assertThat(failed.statusCode()).isEqualTo(200);
			assertThat(failed.body()).contains("INVALID_CREDENTIALS");
		}
		// now even the right password is turned away
		HttpResponse<String> throttled = send(wrong.replace("wrong", "the-right-password"), null);
		assertThat(throttled.statusCode()).as(throttled.body()).isEqualTo(429);
		assertThat(throttled.body()).contains("TOO_MANY_ATTEMPTS");
		assertThat(Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
		assertThat(sqlInt("select count(*)::int from rate_limit_bucket where id = 'login:account:" + username + "'"))
			.isEqualTo(1);
	}

	@Test
	void bucketsThatAreFullAgainAreSweptAway() {
		this.rateLimits
			.bucket("test:sweep",
					() -> BucketConfiguration.builder()
						.addLimit((limit) -> limit.capacity(10).refillGreedy(10, java.time.Duration.ofSeconds(1)))
						.build())
			.tryConsume(1);
		this.rateLimits
			.bucket("test:keep",
					() -> BucketConfiguration.builder()
						.addLimit((limit) -> limit.capacity(10).refillGreedy(10, java.time.Duration.ofHours(1)))
						.build())
			.tryConsume(1);
		this.jdbc.sql("update rate_limit_bucket set expires_at = 0 where id = 'test:sweep'").update();
		assertThat(this.rateLimits.removeExpired()).isPositive();
		assertThat(sqlInt("select count(*)::int from rate_limit_bucket where id = 'test:sweep'")).isZero();
		assertThat(sqlInt("select count(*)::int from rate_limit_bucket where id = 'test:keep'")).isEqualTo(1);
	}

	private HttpResponse<String> post(String query, String token) throws Exception {
		return send(new JSONObject(Map.of("query", query)).toString(), token);
	}

	private HttpResponse<String> send(String body, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/graphql"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
