package cn.ankang.bangfu.shared;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.shared.relay.GlobalId;
import cn.ankang.bangfu.ApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Queries sent by GET, through the real endpoint: reference data tagged and kept for a
 * while by the user's own device, 304 when unchanged, a new tag when changed; other
 * queries tagged but asked again each time; POST, mutations and errors never kept.
 */
class CacheableReadsTests extends ApiTestSupport {

	private static final String COUNTIES = "{ counties { code name kind towns { code name } } }";

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void referenceDataIsTaggedKeptPrivatelyForAWhileAndAnswered304WhenUnchanged() throws Exception {
		HttpResponse<byte[]> first = get(COUNTIES, "demo-leader", Map.of());
		assertThat(first.statusCode()).isEqualTo(200);
		String tag = first.headers().firstValue("ETag").orElseThrow();
		assertThat(tag).startsWith("\"").endsWith("\"");
		assertThat(first.headers().firstValue("Cache-Control")).hasValue("private, max-age=300");
		assertThat(String.join(",", first.headers().allValues("Vary"))).contains("Authorization");
		// the data alone: nothing that changes from one request to the next
		assertThat(new String(first.body(), StandardCharsets.UTF_8)).startsWith("{\"data\":")
			.doesNotContain("extensions");
		assertThat(new String(first.body(), StandardCharsets.UTF_8)).contains("汉滨区");

		HttpResponse<byte[]> again = get(COUNTIES, "demo-leader", Map.of("If-None-Match", tag));
		assertThat(again.statusCode()).isEqualTo(304);
		assertThat(again.body()).isEmpty();
		assertThat(again.headers().firstValue("ETag")).hasValue(tag);
		assertThat(again.headers().firstValue("Cache-Control")).hasValue("private, max-age=300");
		// a tag of other bytes is no match
		assertThat(get(COUNTIES, "demo-leader", Map.of("If-None-Match", "\"other\"")).statusCode()).isEqualTo(200);

		// the schema itself is reference data too: an enum's values
		HttpResponse<byte[]> enumValues = get("{ __type(name: \"RiskType\") { enumValues { name } } }", "demo-dev",
				Map.of());
		assertThat(new String(enumValues.body(), StandardCharsets.UTF_8)).contains("ILLNESS");
		assertThat(enumValues.headers().firstValue("Cache-Control")).hasValue("private, max-age=300");
		// and the cadre's own villages
		HttpResponse<byte[]> posted = get("{ me { postedVillages { code name } } }", "demo-secretary", Map.of());
		assertThat(posted.headers().firstValue("Cache-Control")).hasValue("private, max-age=300");
	}

	@Test
	void persistedQueriesByGetAreTaggedAlike() throws Exception {
		String query = "{ county(code: \"610923\") { name towns { code name } } }";
		String hash = HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(query.getBytes(StandardCharsets.UTF_8)));
		String extensions = "{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\"" + hash + "\"}}";
		// unknown at first: an error, which nobody keeps
		HttpResponse<byte[]> unknown = send(uri("/graphql?extensions=" + encode(extensions)), "demo-leader", Map.of());
		assertThat(new String(unknown.body(), StandardCharsets.UTF_8)).contains("PERSISTED_QUERY_NOT_FOUND");
		assertThat(unknown.headers().firstValue("ETag")).isEmpty();
		assertThat(unknown.headers().firstValue("Cache-Control")).hasValue("no-store");
		HttpResponse<byte[]> sent = send(uri("/graphql?query=" + encode(query) + "&extensions=" + encode(extensions)),
				"demo-leader", Map.of());
		String tag = sent.headers().firstValue("ETag").orElseThrow();
		HttpResponse<byte[]> byHash = send(uri("/graphql?extensions=" + encode(extensions)), "demo-leader",
				Map.of("If-None-Match", tag));
		assertThat(byHash.statusCode()).isEqualTo(304);
		assertThat(byHash.headers().firstValue("Cache-Control")).hasValue("private, max-age=300");
	}

	@Test
	void changedDataGetsANewTag() throws Exception {
		String code = sqlString("select code from village where code like '610902%' order by code offset 7 limit 1");
		String query = "{ village(code: \"" + code + "\") { code name } }";
		HttpResponse<byte[]> before = get(query, "demo-leader", Map.of());
		String tag = before.headers().firstValue("ETag").orElseThrow();
		String name = sqlString("select name from village where code = '" + code + "'");
		this.jdbc.sql("update village set name = name || '新' where code = :code").param("code", code).update();
		try {
			HttpResponse<byte[]> after = get(query, "demo-leader", Map.of("If-None-Match", tag));
			assertThat(after.statusCode()).isEqualTo(200);
			assertThat(new String(after.body(), StandardCharsets.UTF_8)).contains(name + "新");
			assertThat(after.headers().firstValue("ETag")).hasValueSatisfying((newTag) -> {
				assertThat(newTag).isNotEqualTo(tag);
			});
		}
		finally {
			this.jdbc.sql("update village set name = :name where code = :code")
				.param("name", name)
				.param("code", code)
				.update();
		}
		assertThat(get(query, "demo-leader", Map.of("If-None-Match", tag)).statusCode()).isEqualTo(304);
	}

	@Test
	void otherQueriesAreTaggedButAskedAgainAndStillAudited() throws Exception {
		long household = Long.parseLong(sqlString("""
				select h.id::text from household h join village v on v.id = h.village_id
				where v.code like '610902%' order by h.id limit 1"""));
		String id = GlobalId.of("Household", household);
		String query = "query EtagPrivacy { node(id: \"" + id + "\") { ... on Household { headIdNumber } } }";
		accessToken("demo-county");
		long mark = Long.parseLong(sqlString("select coalesce(max(id), 0)::text from audit_event"));
		HttpResponse<byte[]> first = get(query, "demo-county", Map.of());
		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(first.headers().firstValue("Cache-Control")).hasValue("private, no-cache");
		String tag = first.headers().firstValue("ETag").orElseThrow();
		HttpResponse<byte[]> again = get(query, "demo-county", Map.of("If-None-Match", tag));
		assertThat(again.statusCode()).isEqualTo(304);
		assertThat(again.headers().firstValue("Cache-Control")).hasValue("private, no-cache");
		// the query ran in full both times, and both reads are on record
		assertThat(this.jdbc.sql("""
				select kind || ' ' || operation || ' ' || array_to_string(target_ids, ',') from audit_event
				where id > :mark and username = 'demo-county' order by id""")
			.param("mark", mark)
			.query(String.class)
			.list()).containsExactly("PERSONAL_READ EtagPrivacy " + id, "PERSONAL_READ EtagPrivacy " + id);

		// a reference root with a field beneath it that is not reference data
		HttpResponse<byte[]> mixed = get("{ county(code: \"610902\") { name projectTotals(year: 2023) { count } } }",
				"demo-leader", Map.of());
		assertThat(mixed.statusCode()).isEqualTo(200);
		assertThat(mixed.headers().firstValue("Cache-Control")).hasValue("private, no-cache");
	}

	@Test
	void postMutationsErrorsAndAnonymousRequestsAreNeverKept() throws Exception {
		HttpResponse<byte[]> post = this.http.send(HttpRequest.newBuilder(uri("/graphql"))
			.header("Authorization", "Bearer " + accessToken("demo-leader"))
			.header("Content-Type", "application/json")
			.header("If-None-Match", "*")
			.POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"" + COUNTIES.replace("\"", "\\\"") + "\"}"))
			.build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(post.statusCode()).isEqualTo(200);
		assertThat(post.headers().firstValue("ETag")).isEmpty();
		assertThat(post.headers().firstValue("Cache-Control")).hasValue("no-store");

		HttpResponse<byte[]> mutation = get("mutation { logout { session { id } } }", "demo-leader",
				Map.of("If-None-Match", "*"));
		assertThat(mutation.statusCode()).isEqualTo(405);
		assertThat(mutation.headers().firstValue("ETag")).isEmpty();
		assertThat(mutation.headers().firstValue("Cache-Control")).hasValue("no-store");

		HttpResponse<byte[]> error = get("{ county(code: \"610902\") { noSuchField } }", "demo-leader", Map.of());
		assertThat(error.headers().firstValue("ETag")).isEmpty();
		assertThat(error.headers().firstValue("Cache-Control")).hasValue("no-store");

		HttpResponse<byte[]> anonymous = send(uri("/graphql?query=" + encode(COUNTIES)), null, Map.of());
		assertThat(new String(anonymous.body(), StandardCharsets.UTF_8)).contains("UNAUTHENTICATED");
		assertThat(anonymous.headers().firstValue("ETag")).isEmpty();
		assertThat(anonymous.headers().firstValue("Cache-Control")).hasValue("no-store");
	}

	@Test
	void eachUserGetsTheirOwnAnswer() throws Exception {
		String query = "{ me { postedVillages { code name } } }";
		HttpResponse<byte[]> secretary = get(query, "demo-secretary", Map.of());
		HttpResponse<byte[]> leader = get(query, "demo-leader", Map.of());
		assertThat(new String(secretary.body(), StandardCharsets.UTF_8)).contains("\"code\"");
		assertThat(new String(leader.body(), StandardCharsets.UTF_8)).contains("\"postedVillages\":[]");
		String secretaryTag = secretary.headers().firstValue("ETag").orElseThrow();
		assertThat(leader.headers().firstValue("ETag")).isNotEqualTo(secretary.headers().firstValue("ETag"));
		// the secretary's tag is no match for the leader's answer
		HttpResponse<byte[]> leaderAgain = get(query, "demo-leader", Map.of("If-None-Match", secretaryTag));
		assertThat(leaderAgain.statusCode()).isEqualTo(200);
		assertThat(new String(leaderAgain.body(), StandardCharsets.UTF_8)).contains("\"postedVillages\":[]");
	}

	@Test
	void largeAnswersArePackedUnderATagOfTheirOwn() throws Exception {
		String query = "{ villages(first: 100) { edges { node { code name latitude longitude } } } }";
		HttpResponse<byte[]> plain = get(query, "demo-leader", Map.of());
		HttpResponse<byte[]> packed = get(query, "demo-leader", Map.of("Accept-Encoding", "gzip"));
		assertThat(packed.headers().firstValue("Content-Encoding")).hasValue("gzip");
		assertThat(new GZIPInputStream(new ByteArrayInputStream(packed.body())).readAllBytes()).isEqualTo(plain.body());
		String tag = packed.headers().firstValue("ETag").orElseThrow();
		assertThat(tag).isNotEqualTo(plain.headers().firstValue("ETag").orElseThrow());
		assertThat(get(query, "demo-leader", Map.of("Accept-Encoding", "gzip", "If-None-Match", tag)).statusCode())
			.isEqualTo(304);
	}

	private HttpResponse<byte[]> get(String query, String user, Map<String, String> headers) throws Exception {
		return send(uri("/graphql?query=" + encode(query)), user, headers);
	}

	private HttpResponse<byte[]> send(URI uri, String user, Map<String, String> headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
		if (user != null) {
			request.header("Authorization", "Bearer " + accessToken(user));
		}
		headers.forEach(request::header);
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

}
