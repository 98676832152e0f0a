package cn.ankang.bangfu.shared;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.ApiTestSupport;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What phones get of HTTP: compressed answers, queries by GET, automatic persisted
 * queries, documents parsed once.
 */
class HttpTransportTests extends ApiTestSupport {

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	private WebTestClient http;

	private String token;

	@BeforeEach
	void client() {
		this.http = WebTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
		this.token = login("demo-leader", "bangfu-demo");
	}

	@Test
	void answersAreCompressedForClientsThatAccept() {
		this.http.post()
			.uri("/graphql")
			.header("Authorization", "Bearer " + this.token)
			.header("Accept-Encoding", "gzip")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query", "{ villages(first: 100) { edges { node { code name } } } }"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("Content-Encoding", "gzip");
	}

	@Test
	void queriesMayComeByGetAndMutationsMayNot() {
		get(Map.of("query", "{ county(code: \"610902\") { name } }")).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.data.county.name")
			.isEqualTo("汉滨区");
		get(Map.of("query", "mutation { logout { session { id } } }")).expectStatus()
			.isEqualTo(405)
			.expectBody()
			.jsonPath("$.errors[0].extensions.code")
			.isEqualTo("MUTATION_OVER_GET");
		get(Map.of("query", "{ counties { code } }", "variables", "not json")).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].extensions.code")
			.isEqualTo("INVALID_ARGUMENT");
	}

	@Test
	void automaticPersistedQueriesRoundTrip() throws Exception {
		String query = "{ county(code: \"610921\") { name towns { code } } }";
		String hash = HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(query.getBytes(StandardCharsets.UTF_8)));
		Map<String, Object> extensions = Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash));
		// the hash alone, first: unknown, so the client resends with the document
		post(Map.of("extensions", extensions)).expectBody()
			.jsonPath("$.errors[0].extensions.code")
			.isEqualTo("PERSISTED_QUERY_NOT_FOUND")
			.jsonPath("$.errors[0].message")
			.isEqualTo("PersistedQueryNotFound");
		post(Map.of("query", query, "extensions", extensions)).expectBody()
			.jsonPath("$.data.county.name")
			.isEqualTo("汉阴县");
		// from now on the hash is enough, by POST or by GET
		post(Map.of("extensions", extensions)).expectBody().jsonPath("$.data.county.name").isEqualTo("汉阴县");
		get(Map.of("extensions", "{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\"" + hash + "\"}}")).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.data.county.name")
			.isEqualTo("汉阴县");
		// a new document that does not match its hash is refused, and not remembered
		String otherHash = HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest("something else".getBytes(StandardCharsets.UTF_8)));
		post(Map.of("query", "{ counties { code } }", "extensions",
				Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", otherHash))))
			.expectBody()
			.jsonPath("$.errors[0].extensions.code")
			.isEqualTo("INVALID_ARGUMENT")
			.jsonPath("$.data")
			.doesNotExist();
	}

	@Test
	void aDocumentIsParsedAndValidatedOnceAndItsAnswerStaysTheSame() {
		// a text no other test sends, so that its first request is the cache's first
		// sight of it
		String query = "{ county(code: \"610902\") { name } } # " + UUID.randomUUID();
		double hits = documentCache("hit");
		double misses = documentCache("miss");
		for (int i = 0; i < 3; i++) {
			post(Map.of("query", query)).expectBody().jsonPath("$.data.county.name").isEqualTo("汉滨区");
		}
		assertThat(documentCache("miss") - misses).isEqualTo(1);
		assertThat(documentCache("hit") - hits).isEqualTo(2);
		// a document that does not validate is refused alike each time it comes
		String invalid = "{ county(code: \"610902\") { noSuchField } } # " + UUID.randomUUID();
		for (int i = 0; i < 2; i++) {
			post(Map.of("query", invalid)).expectBody()
				.jsonPath("$.errors[0].extensions.code")
				.isEqualTo("GRAPHQL_VALIDATION_FAILED")
				.jsonPath("$.data")
				.doesNotExist();
		}
	}

	private double documentCache(String result) {
		return this.meters.get("cache.gets")
			.tag("cache", "graphql.documents")
			.tag("result", result)
			.functionCounter()
			.count();
	}

	private WebTestClient.ResponseSpec post(Map<String, Object> body) {
		return this.http.post()
			.uri("/graphql")
			.header("Authorization", "Bearer " + this.token)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	private WebTestClient.ResponseSpec get(Map<String, String> params) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromUriString("http://localhost:" + this.port + "/graphql");
		params.forEach(uri::queryParam);
		// braces are GraphQL here, not URI template variables: encode the built URI as it
		// stands
		return this.http.get()
			.uri(uri.build().encode().toUri())
			.header("Authorization", "Bearer " + this.token)
			.exchange();
	}

}
