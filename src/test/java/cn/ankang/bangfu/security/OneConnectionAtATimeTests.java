package cn.ankang.bangfu.security;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.json.JSONObject;
import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.ApiTestSupport;
import cn.ankang.bangfu.shared.relay.GlobalId;
import cn.ankang.bangfu.visit.VisitDrafts;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service on a pool of one connection: a request that held one connection while it
 * asked for another would wait for itself until the pool's timeout. With ten connections
 * and sixteen requests of one user that is what happened (issue 23): each held its
 * query's transaction and waited for its rate-limit bucket's connection, and the requests
 * were answered 503. Here such a request would lose its count (the rate limit lets an
 * operation through uncounted when it cannot reach the database) or its audit row, or
 * fail. The ways in beside GraphQL's queries take the same test: a visit logged, and the
 * downloads, which stream their rows and then write their audit row.
 */
@TestPropertySource(properties = { "spring.datasource.hikari.maximum-pool-size=1",
		"spring.datasource.hikari.connection-timeout=2000" })
class OneConnectionAtATimeTests extends ApiTestSupport {

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void aQueryIsCountedReadAndAuditedHoldingOneConnectionAtATime() throws Exception {
		long household = sqlInt("""
				select h.id from household h join posting p on p.village_id = h.village_id
				join app_user u on u.cadre_id = p.cadre_id
				where u.username = 'demo-secretary' and p.ended_on is null order by h.id limit 1""");
		int audited = sqlInt("select count(*)::int from audit_event where operation = 'OneConnection'");
		JSONObject answer = post(accessToken("demo-secretary"),
				"""
						query OneConnection($id: ID!) { counties { code } node(id: $id) { ... on Household { headIdNumber } } }""",
				Map.of("id", GlobalId.of("Household", household)));
		assertThat(answer.has("errors")).as(answer.toString()).isFalse();
		assertThat(answer.getJSONObject("data").getJSONObject("node").getString("headIdNumber")).isNotBlank();
		// counted: the bucket was reached, not skipped for want of a connection
		assertThat(answer.getJSONObject("extensions").getJSONObject("rateLimit").getLong("cost")).isPositive();
		assertThat(sqlInt("select count(*)::int from audit_event where operation = 'OneConnection'"))
			.isEqualTo(audited + 1);
	}

	@Test
	void aMutationIsCountedAndAnsweredHoldingOneConnectionAtATime() throws Exception {
		JSONObject answer = post(accessToken("demo-secretary"),
				"mutation { refreshSession(input: {refreshToken: \"not-a-token\"}) { userErrors { code } } }",
				Map.of());
		assertThat(answer.has("errors")).as(answer.toString()).isFalse();
		assertThat(answer.getJSONObject("extensions").getJSONObject("rateLimit").getLong("cost")).isPositive();
	}

	@Test
	void aVisitIsStoredCountedAndAuditedHoldingOneConnectionAtATime() throws Exception {
		Map<String, Object> visit = VisitDrafts.householdVisit(this.jdbc, 6);
		JSONObject answer = post(accessToken("demo-secretary"), """
				mutation OneConnectionLogVisit($v: LogVisitInput!) { logVisit(input: $v) {
				  receipt { status } userErrors { code } } }""", Map.of("v", visit));
		assertThat(answer.has("errors")).as(answer.toString()).isFalse();
		assertThat(answer.getJSONObject("data").getJSONObject("logVisit").getJSONObject("receipt").getString("status"))
			.isEqualTo("ACCEPTED");
		assertThat(answer.getJSONObject("extensions").getJSONObject("rateLimit").getLong("cost")).isPositive();
		assertThat(sqlInt("select count(*)::int from visit where id = '" + visit.get("uuid") + "'")).isOne();
		assertThat(sqlInt("""
				select count(*)::int from audit_event
				where kind = 'MUTATION' and operation = 'OneConnectionLogVisit'""")).isOne();
	}

	@Test
	void downloadsAreStreamedAndAuditedHoldingOneConnectionAtATime() throws Exception {
		String token = accessToken("demo-secretary");
		int visitsExported = sqlInt("select count(*)::int from audit_event where operation = 'exportVisits'");
		HttpResponse<String> visits = this.http
			.send(HttpRequest.newBuilder(uri("/exports/visits?from=2023-01-01&to=2023-06-30"))
				.header("Authorization", "Bearer " + token)
				.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		assertThat(visits.statusCode()).as(visits.body()).isEqualTo(200);
		assertThat(visits.body().lines().count()).isGreaterThan(1);
		assertThat(sqlInt("select count(*)::int from audit_event where operation = 'exportVisits'"))
			.isEqualTo(visitsExported + 1);

		// a query's download: its rows read page after page, personal data among them
		int queriesExported = sqlInt("select count(*)::int from audit_event where operation = 'exportQuery'");
		HttpResponse<String> households = this.http.send(HttpRequest.newBuilder(uri("/exports"))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(new JSONObject(
					Map.of("query", "{ households(first: 5) { edges { node { headName headIdNumber } } } }"))
				.toString()))
			.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		assertThat(households.statusCode()).as(households.body()).isEqualTo(200);
		assertThat(households.body().lines().count()).isGreaterThan(1);
		assertThat(sqlInt("select count(*)::int from audit_event where operation = 'exportQuery'"))
			.isEqualTo(queriesExported + 1);
	}

	private JSONObject post(String token, String query, Map<String, Object> variables) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(uri("/graphql"))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + token)
			.POST(HttpRequest.BodyPublishers
				.ofString(new JSONObject(Map.of("query", query, "variables", variables)).toString()))
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return new JSONObject(response.body());
	}

}
