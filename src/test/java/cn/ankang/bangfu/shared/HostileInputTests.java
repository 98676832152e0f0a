package cn.ankang.bangfu.shared;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.ApiTestSupport;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated hostile and malformed requests against the running service, from fixed seeds
 * (a failure names its seed and request, and reruns the same): random bytes, broken JSON,
 * wrong content types and methods, documents from a small grammar of real and made-up
 * fields nested deep, aliased hundreds of times, with arguments carrying injection
 * strings, emoji, right-to-left marks and NUL bytes, and variables of the wrong types.
 * Every answer must be JSON with coded errors, never a 500 and never an internal message;
 * afterwards the service still answers.
 */
class HostileInputTests extends ApiTestSupport {

	static final int REQUESTS = 600;

	static final List<String> NASTY = List.of("'; drop table household; --", "\" or 1=1 --",
			"<script>alert(1)</script>", "${jndi:ldap://x/a}", "汉滨区", "🙂👨‍👩‍👧", "\u202Eevil\u202C", "a\u0000b",
			"\\u0000", "%00", "", "x".repeat(70_000), "../../etc/passwd", "null", "{}", "[]", "9999999999999999999999",
			"-1", "1e309");

	private static final List<String> FIELDS = List.of("counties", "county", "node", "households", "visits", "villages",
			"monitoringFigures", "me", "nope", "__schema", "__typename", "code", "name", "towns", "edges", "totalCount",
			"id", "households", "cursor");

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Test
	void generatedHostileRequestsAreAllAnsweredWithCodedErrorsAndTheServiceStaysHealthy() throws Exception {
		long seed = 20261129L;
		Random random = new Random(seed);
		String token = accessToken("demo-leader");
		int statuses500 = 0;
		java.util.SortedMap<String, Integer> outcomes = new java.util.TreeMap<>();
		for (int i = 0; i < REQUESTS; i++) {
			Attempt attempt = attempt(random);
			HttpRequest.Builder request = HttpRequest
				.newBuilder(URI.create("http://localhost:" + this.port + "/graphql"))
				.method(attempt.method(), HttpRequest.BodyPublishers.ofByteArray(attempt.body()));
			if (attempt.contentType() != null) {
				request.header("Content-Type", attempt.contentType());
			}
			if (random.nextInt(4) > 0) {
				request.header("Authorization", "Bearer " + ((random.nextInt(10) == 0) ? "garbage.token.x" : token));
			}
			HttpResponse<String> response = this.http.send(request.build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			String what = "seed %d request %d: %s %s %s".formatted(seed, i, attempt.method(), attempt.contentType(),
					abbreviate(new String(attempt.body(), StandardCharsets.UTF_8)));
			if (response.statusCode() >= 500) {
				statuses500++;
			}
			assertThat(response.statusCode()).as(what).isIn(200, 400, 401, 403, 404, 405, 406, 413, 415);
			JSONObject body = new JSONObject(response.body());
			outcomes.merge(response.statusCode() + " "
					+ (body.has("errors")
							? body.getJSONArray("errors").getJSONObject(0).getJSONObject("extensions").optString("code")
							: "data"),
					1, Integer::sum);
			if (body.has("errors")) {
				JSONArray errors = body.getJSONArray("errors");
				assertThat(errors.length()).as(what).isPositive();
				for (int e = 0; e < errors.length(); e++) {
					JSONObject error = errors.getJSONObject(e);
					assertThat(error.getJSONObject("extensions").getString("code")).as(what).isNotBlank();
					assertThat(error.getString("message")).as(what)
						.isNotBlank()
						.doesNotContain("Exception")
						.doesNotContain("\tat ")
						.doesNotContain("org.springframework")
						.doesNotContain("java.lang")
						.doesNotContain("SQL");
				}
			}
			else {
				assertThat(body.has("data")).as(what).isTrue();
			}
		}
		assertThat(statuses500).isZero();
		// what the generated requests produced, for the record
		System.out.println("HostileInputTests outcomes (status, first error code): " + outcomes);
		// still healthy: ready, and an ordinary query answers
		HttpResponse<String> ready = this.http
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/health/readiness"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(ready.statusCode()).isEqualTo(200);
		this.graphQl.document("{ counties { code } }").execute().path("counties").entityList(Object.class).hasSize(10);
	}

	@Test
	void strangeTextRoundTripsOrIsRefusedClearly() {
		for (String text : NASTY) {
			String name = ((text.length() > 90) ? text.substring(0, 90) : text) + " "
					+ UUID.randomUUID().toString().substring(0, 6);
			GraphQlTester.Response response = this.graphQl.document(
					"""
							mutation($input: SaveViewInput!) { saveView(input: $input) { view { id name } userErrors { code } } }""")
				.variable("input", Map.of("name", name, "document", "{ counties { code } }"))
				.execute();
			List<ResponseError> errors = new java.util.ArrayList<>();
			response.errors().satisfy(errors::addAll);
			if (text.indexOf('\u0000') >= 0) {
				// PostgreSQL holds no NUL: refused, coded, nothing stored
				assertThat(errors).singleElement()
					.satisfies((error) -> assertThat(error.getExtensions()).containsEntry("code", "INVALID_ARGUMENT"));
				assertThat(sqlInt(
						"select count(*) from saved_view where name like '%" + name.substring(name.length() - 6) + "'"))
					.isZero();
				continue;
			}
			assertThat(errors).as(text).isEmpty();
			// names are kept as given, but for the white space around them
			response.path("saveView.view.name").entity(String.class).isEqualTo(name.strip());
			String id = response.path("saveView.view.id").entity(String.class).get();
			this.graphQl.document("mutation($id: ID!) { deleteView(id: $id) { userErrors { code } } }")
				.variable("id", id)
				.execute();
		}
	}

	private static String abbreviate(String text) {
		return (text.length() > 300) ? text.substring(0, 300) + "…(" + text.length() + ")" : text;
	}

	private record Attempt(String method, String contentType, byte[] body) {
	}

	private static Attempt attempt(Random random) {
		int kind = random.nextInt(10);
		return switch (kind) {
			case 0 -> {
				byte[] bytes = new byte[random.nextInt(2000)];
				random.nextBytes(bytes);
				yield new Attempt("POST", "application/json", bytes);
			}
			case 1 -> {
				String valid = request(document(random), variables(random));
				yield new Attempt("POST", "application/json",
						valid.substring(0, random.nextInt(valid.length() + 1)).getBytes(StandardCharsets.UTF_8));
			}
			case 2 -> new Attempt(pick(random, List.of("PUT", "DELETE", "PATCH", "GET")),
					pick(random, List.of("application/json", "text/plain", "application/xml")),
					request(document(random), variables(random)).getBytes(StandardCharsets.UTF_8));
			case 3 -> new Attempt("POST",
					pick(random, List.of("text/plain", "application/x-www-form-urlencoded",
							"multipart/form-data; boundary=x", "application/json; charset=latin1", "application/*")),
					request(document(random), variables(random)).getBytes(StandardCharsets.UTF_8));
			case 4 -> new Attempt("POST", "application/json",
					new JSONObject().put("query", new JSONArray().put(1).put("x"))
						.put("variables", "nope")
						.toString()
						.getBytes(StandardCharsets.UTF_8));
			default -> new Attempt("POST", "application/json",
					request(document(random), variables(random)).getBytes(StandardCharsets.UTF_8));
		};
	}

	private static String request(String document, JSONObject variables) {
		return new JSONObject().put("query", document).put("variables", variables).toString();
	}

	private static JSONObject variables(Random random) {
		JSONObject variables = new JSONObject();
		if (random.nextBoolean()) {
			Object value = switch (random.nextInt(6)) {
				case 0 -> pick(random, NASTY);
				case 1 -> random.nextLong();
				case 2 -> new JSONArray().put(pick(random, NASTY));
				case 3 -> new JSONObject().put("first", -5);
				case 4 -> JSONObject.NULL;
				default -> random.nextDouble();
			};
			variables.put(pick(random, List.of("id", "first", "filter", "x", "input")), value);
		}
		return variables;
	}

	/**
	 * A document from a small grammar: real and made-up fields, deep, aliased, with odd
	 * arguments.
	 */
	private static String document(Random random) {
		StringBuilder text = new StringBuilder();
		int operations = (random.nextInt(20) == 0) ? 2 + random.nextInt(3000) : 1;
		for (int o = 0; o < Math.min(operations, 3000); o++) {
			if (random.nextInt(3) == 0) {
				text.append(pick(random, List.of("query", "mutation", "subscription", "query Q" + o, "query($id: ID!)",
						"query($first: Int)")));
			}
			text.append(' ');
			selection(text, random, (random.nextInt(10) == 0) ? 40 : 1 + random.nextInt(6));
			if (operations > 50 && o > 50) {
				break;
			}
		}
		if (random.nextInt(15) == 0) {
			text.append(" fragment F on Query { ...F }");
		}
		return text.toString();
	}

	private static void selection(StringBuilder text, Random random, int depth) {
		text.append("{ ");
		if (text.length() > 60_000) {
			// deep and wide enough: a document stays within what a client could send
			text.append("id }");
			return;
		}
		int fields = (random.nextInt(12) == 0) ? 300 : 1 + random.nextInt(3);
		for (int f = 0; f < fields; f++) {
			if (fields > 3) {
				text.append("a").append(f).append(": ");
			}
			text.append(pick(random, FIELDS));
			if (random.nextInt(4) == 0) {
				text.append("(").append(pick(random, List.of("id", "first", "code", "after", "filter"))).append(": ");
				text.append(switch (random.nextInt(5)) {
					case 0 -> JSONObject.quote(pick(random, NASTY));
					case 1 -> Long.toString(random.nextLong());
					case 2 -> "$id";
					case 3 -> "{year: 2023}";
					default -> "[1, 2]";
				});
				text.append(")");
			}
			if (depth > 1 && random.nextInt(3) > 0) {
				text.append(' ');
				selection(text, random, depth - 1);
			}
			text.append(' ');
		}
		text.append("}");
	}

	private static <T> T pick(Random random, List<T> items) {
		return items.get(random.nextInt(items.size()));
	}

}
