package cn.ankang.bangfu.shared;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.json.JSONObject;
import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.ApiTestSupport;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The GraphQL-over-HTTP specification's rules, one by one, on the real endpoint: POST
 * with JSON, GET for queries only, {@code application/graphql-response+json} when asked
 * for (with 4xx for documents that do not parse or validate), {@code Accept} negotiation,
 * {@code Content-Type} checks, and every refusal a coded JSON error.
 */
class GraphQlOverHttpTests extends ApiTestSupport {

	private static final String QUERY = "{\"query\": \"{ counties { code } }\"}";

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	private HttpResponse<String> send(String method, String body, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/graphql"))
			.header("Authorization", "Bearer " + accessToken("demo-leader"))
			.header("Accept-Language", "en")
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String code(HttpResponse<String> response) {
		JSONObject body = new JSONObject(response.body());
		JSONObject error = body.getJSONArray("errors").getJSONObject(0);
		assertThat(error.getString("message")).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
		return error.getJSONObject("extensions").getString("code");
	}

	private static String type(HttpResponse<String> response) {
		return response.headers().firstValue("Content-Type").orElse("");
	}

	@Test
	void postWithJsonAnswersJsonAndTheGraphqlResponseTypeWhenAskedFor() throws Exception {
		HttpResponse<String> json = send("POST", QUERY, "Content-Type", "application/json");
		assertThat(json.statusCode()).isEqualTo(200);
		assertThat(type(json)).startsWith("application/json");
		assertThat(new JSONObject(json.body()).getJSONObject("data").getJSONArray("counties")).hasSize(10);
		HttpResponse<String> asked = send("POST", QUERY, "Content-Type", "application/json; charset=utf-8", "Accept",
				"application/graphql-response+json, application/json;q=0.9");
		assertThat(asked.statusCode()).isEqualTo(200);
		assertThat(type(asked)).startsWith("application/graphql-response+json");
	}

	@Test
	void documentsThatDoNotParseOrValidateAre4xxInTheGraphqlResponseTypeAnd200InPlainJson() throws Exception {
		String broken = "{\"query\": \"{ counties { code }\"}";
		String invalid = "{\"query\": \"{ nope }\"}";
		for (String[] body : new String[][] { { broken, "GRAPHQL_PARSE_FAILED" },
				{ invalid, "GRAPHQL_VALIDATION_FAILED" } }) {
			HttpResponse<String> strict = send("POST", body[0], "Content-Type", "application/json", "Accept",
					"application/graphql-response+json");
			assertThat(strict.statusCode()).isEqualTo(400);
			assertThat(code(strict)).isEqualTo(body[1]);
			assertThat(new JSONObject(strict.body()).has("data")).isFalse();
			HttpResponse<String> legacy = send("POST", body[0], "Content-Type", "application/json", "Accept",
					"application/json");
			assertThat(legacy.statusCode()).isEqualTo(200);
			assertThat(code(legacy)).isEqualTo(body[1]);
		}
	}

	@Test
	void getIsForQueriesOnly() throws Exception {
		String query = URLEncoder.encode("{ counties { code } }", StandardCharsets.UTF_8);
		HttpResponse<String> get = this.http
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/graphql?query=" + query))
				.header("Authorization", "Bearer " + accessToken("demo-leader"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(get.statusCode()).isEqualTo(200);
		String mutation = URLEncoder.encode("mutation { logout { session { id } } }", StandardCharsets.UTF_8);
		HttpResponse<String> refused = this.http
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/graphql?query=" + mutation))
				.header("Authorization", "Bearer " + accessToken("demo-leader"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(refused.statusCode()).isEqualTo(405);
		assertThat(code(refused)).isEqualTo("MUTATION_OVER_GET");
	}

	@Test
	void otherMethodsAre405WithTheAllowedOnes() throws Exception {
		for (String method : new String[] { "PUT", "DELETE", "PATCH" }) {
			HttpResponse<String> response = send(method, QUERY, "Content-Type", "application/json");
			assertThat(response.statusCode()).as(method).isEqualTo(405);
			assertThat(response.headers().firstValue("Allow")).hasValue("GET, POST");
			assertThat(code(response)).isEqualTo("METHOD_NOT_ALLOWED");
		}
	}

	@Test
	void anAcceptWithoutJsonIs406() throws Exception {
		for (String accept : new String[] { "application/xml", "text/html", "image/*", "not a type" }) {
			HttpResponse<String> response = send("POST", QUERY, "Content-Type", "application/json", "Accept", accept);
			assertThat(response.statusCode()).as(accept).isEqualTo(406);
			assertThat(code(response)).isEqualTo("NOT_ACCEPTABLE");
		}
		assertThat(send("POST", QUERY, "Content-Type", "application/json", "Accept", "*/*").statusCode())
			.isEqualTo(200);
	}

	@Test
	void aBodyThatIsNotJsonIs415() throws Exception {
		for (String type : new String[] { "text/plain", "application/x-www-form-urlencoded", "application/graphql" }) {
			HttpResponse<String> response = send("POST", QUERY, "Content-Type", type);
			assertThat(response.statusCode()).as(type).isEqualTo(415);
			assertThat(code(response)).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
		}
		HttpResponse<String> none = send("POST", QUERY);
		assertThat(none.statusCode()).isEqualTo(415);
	}

	@Test
	void aBodyLargerThanTheBoundIs413() throws Exception {
		String huge = "{\"query\": \"{ counties { code } }\", \"variables\": {\"x\": \"" + "x".repeat(11 * 1024 * 1024)
				+ "\"}}";
		HttpResponse<String> response = send("POST", huge, "Content-Type", "application/json");
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(code(response)).isEqualTo("DOCUMENT_TOO_LARGE");
		assertThat(send("POST", QUERY, "Content-Type", "application/json").statusCode()).isEqualTo(200);
	}

	@Test
	void jsonThatIsNotAGraphqlRequestIs400WithACode() throws Exception {
		for (String body : new String[] { "{\"query\":", "[1, 2]", "{\"variables\": {}}",
				"{\"query\": \"{ counties { code } }\", \"variables\": [1]}", "" }) {
			HttpResponse<String> response = send("POST", body, "Content-Type", "application/json");
			assertThat(response.statusCode()).as(body).isEqualTo(400);
			assertThat(code(response)).as(body).isIn("INVALID_REQUEST", "GRAPHQL_PARSE_FAILED");
		}
	}

	@Test
	void browsersOnOtherSitesGetInOnlyFromTheConfiguredOriginsAndEveryAnswerCarriesTheSecurityHeaders()
			throws Exception {
		HttpResponse<String> allowed = preflight(ALLOWED_ORIGIN);
		assertThat(allowed.statusCode()).isEqualTo(200);
		assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED_ORIGIN);
		assertThat(allowed.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
		HttpResponse<String> other = preflight("https://evil.example");
		assertThat(other.statusCode()).isEqualTo(403);
		assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
		HttpResponse<String> fromOther = send("POST", QUERY, "Content-Type", "application/json", "Origin",
				"https://evil.example");
		assertThat(fromOther.statusCode()).isEqualTo(403);
		HttpResponse<String> answer = send("POST", QUERY, "Content-Type", "application/json", "Origin", ALLOWED_ORIGIN);
		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED_ORIGIN);
		assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(answer.headers().firstValue("X-Frame-Options")).hasValue("DENY");
		assertThat(answer.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
		assertThat(answer.headers().firstValue("Content-Security-Policy"))
			.hasValueSatisfying((value) -> assertThat(value).contains("script-src 'self'")
				.contains("frame-ancestors 'none'")
				.doesNotContain("unsafe-eval"));
		assertThat(answer.headers().firstValue("Cache-Control"))
			.hasValueSatisfying((value) -> assertThat(value).contains("no-store"));
	}

	private HttpResponse<String> preflight(String origin) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/graphql"))
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", origin)
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "authorization,content-type")
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void anUnknownAddressIsACoded404() throws Exception {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/nothing/here")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(type(response)).startsWith("application/json");
		assertThat(code(response)).isEqualTo("NOT_FOUND");
	}

}
