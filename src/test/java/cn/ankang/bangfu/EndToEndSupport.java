package cn.ankang.bangfu;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What end-to-end tests share, whichever database their service runs on: testers signed
 * in as users, the checks of errors, SQL for independent expectations. The service runs
 * whole on a random port and is driven through the real HTTP GraphQL endpoint.
 * {@link ApiTestSupport} runs it over the demo data set, {@link RecordsTestSupport} over
 * the areas alone.
 */
public abstract class EndToEndSupport {

	/**
	 * The key the test service signs tokens with, so that tests can forge tokens with
	 * others.
	 */
	public static final String JWT_SECRET = "dGVzdC1rZXktZm9yLWJhbmdmdS10ZXN0cy1vbmx5LTMyYg==";

	/** The one origin whose pages may call the test service from a browser (CORS). */
	protected static final String ALLOWED_ORIGIN = "https://dashboard.ankang.example";

	/** The password Prometheus reads the test service's metrics with. */
	public static final String METRICS_PASSWORD = "metrics-for-the-tests";

	private static final Map<String, Token> accessTokens = new ConcurrentHashMap<>();

	/**
	 * Reused tokens are taken again well before they expire (15 minutes): on a loaded
	 * machine the whole suite runs longer than one token lives.
	 */
	private static final java.time.Duration REUSE_FOR = java.time.Duration.ofMinutes(10);

	private record Token(String value, java.time.Instant obtained) {

		boolean fresh() {
			return java.time.Instant.now().isBefore(this.obtained.plus(REUSE_FOR));
		}

	}

	private String cachedToken(String username, String password) {
		return accessTokens.compute(this.port + ":" + username, (key, token) -> (token != null && token.fresh()) ? token
				: new Token(login(username, password), java.time.Instant.now()))
			.value();
	}

	/** A tester with no token. */
	@Autowired
	protected HttpGraphQlTester anonymous;

	@Value("${local.server.port}")
	private int port;

	/**
	 * A tester signed in as a demo or test user with the given password; sessions are
	 * reused across tests, so tests that end sessions use users of their own.
	 */
	protected HttpGraphQlTester as(String username, String password) {
		// one database per context: the same username may be another account in the other
		String token = cachedToken(username, password);
		return this.anonymous.mutate().header("Authorization", "Bearer " + token).build();
	}

	/** An access token of a demo user, for requests outside GraphQL. */
	protected String accessToken(String username) {
		return cachedToken(username, "bangfu-demo");
	}

	/**
	 * An access token of a user with the given password, for requests outside GraphQL.
	 */
	protected String accessToken(String username, String password) {
		return cachedToken(username, password);
	}

	/** The service's metrics, read as Prometheus reads them. */
	protected String metrics() {
		try {
			java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
				.send(java.net.http.HttpRequest.newBuilder(uri("/actuator/prometheus"))
					.header("Authorization",
							"Basic " + java.util.Base64.getEncoder()
								.encodeToString(("prometheus:" + METRICS_PASSWORD)
									.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
					.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new AssertionError("The metrics answered " + response.statusCode());
			}
			return response.body();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The address of a path of the running service. */
	protected java.net.URI uri(String path) {
		return java.net.URI.create("http://localhost:" + this.port + path);
	}

	/** A tester signed in as a demo user. */
	protected HttpGraphQlTester as(String username) {
		return as(username, "bangfu-demo");
	}

	/** Signs in and returns the access token. */
	protected String login(String username, String password) {
		return this.anonymous.document(
				"""
						mutation($input: LoginInput!) { login(input: $input) { tokens { accessToken } userErrors { code } } }""")
			.variable("input", Map.of("username", username, "password", password, "deviceName", "test"))
			.execute()
			.path("login.tokens.accessToken")
			.entity(String.class)
			.get();
	}

	/**
	 * SQL on the service's database as the owner of its tables, for setting rows up and
	 * checking them past row-level security, which the service's own login cannot.
	 */
	protected JdbcClient jdbc;

	@Autowired
	private javax.sql.DataSource serviceDataSource;

	@org.junit.jupiter.api.BeforeEach
	void ownerClient() {
		this.jdbc = TestDatabase.ownerClient(this.serviceDataSource);
	}

	/**
	 * Runs a request that must fail with exactly one error of the given code, whose
	 * message is written for people: no Java exception names, no stack trace.
	 */
	protected void assertError(GraphQlTester.Request<?> request, String code) {
		request.execute().errors().satisfy((errors) -> {
			assertThat(errors).hasSize(1);
			ResponseError error = errors.get(0);
			assertThat(error.getExtensions()).containsEntry("code", code);
			assertThat(error.getMessage()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
		});
	}

	/**
	 * A new account without roles, made by the demo admin, whose password is
	 * {@code the-right-password}.
	 * @return its username: the prefix and a random suffix
	 */
	protected String newUser(String prefix) {
		String username = prefix + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
		as("demo-admin")
			.document(
					"""
							mutation($u: String!) { createUser(input: {username: $u, password: "the-right-password", displayName: "测试"}) {
							  user { id } userErrors { code } } }""")
			.variable("u", username)
			.execute()
			.path("createUser.user.id")
			.hasValue();
		return username;
	}

	/**
	 * A new account holding one role, bound as {@code GrantRoleInput} binds it (e.g.
	 * {@code cityCode}), made through the API by the demo admin; it signs in with
	 * {@code the-right-password}.
	 * @return its username
	 */
	protected String newUserWithRole(String role, Map<String, String> binding) {
		String username = newUser(role.toLowerCase().replace('_', '-'));
		Map<String, Object> grant = new java.util.HashMap<>(binding);
		grant.put("userId", userId(username));
		grant.put("role", role);
		as("demo-admin").document("""
				mutation($g: GrantRoleInput!) { grantRole(input: $g) { userErrors { code message } } }""")
			.variable("g", grant)
			.execute()
			.path("grantRole.userErrors")
			.entityList(Object.class)
			.hasSize(0);
		return username;
	}

	/** The global id of the account with this username. */
	protected String userId(String username) {
		return cn.ankang.bangfu.shared.relay.GlobalId.of("User",
				Long.parseLong(sqlString("select id::text from app_user where username = '" + username + "'")));
	}

	/** A string of SQL's single value. */
	/** Statements of the test database that wait for a lock. */
	/**
	 * The SQL statements a request runs that lists {@code first} items at {@code list}
	 * (the alias of its top connection), checked to list exactly so many.
	 */
	protected long statements(GraphQlTester.Request<?> request, int first) {
		long before = StatementCounter.count();
		request.variable("first", first)
			.execute()
			.errors()
			.verify()
			.path("list.edges")
			.entityList(Object.class)
			.hasSize(first);
		return StatementCounter.count() - before;
	}

	protected int statementsWaitingForLocks() {
		return sqlInt("""
				select count(*)::int from pg_locks l join pg_stat_activity a on a.pid = l.pid
				where not l.granted and a.datname = current_database()""");
	}

	protected String sqlString(String sql) {
		return this.jdbc.sql(sql).query(String.class).single();
	}

	/** An integer of SQL's single value. */
	protected int sqlInt(String sql) {
		return this.jdbc.sql(sql).query(Integer.class).single();
	}

}
