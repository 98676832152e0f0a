package cn.ankang.bangfu;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.graphql.test.autoconfigure.tester.AutoConfigureHttpGraphQlTester;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The base of tests of the records kept through the API: the whole service over a
 * database of its own that holds the demo city's areas and its admin alone, as a city
 * starts (and a second, synthetic city's areas, {@link #OTHER_CITY}, outside the
 * jurisdiction of the first city's users). Everything else, users included, the tests
 * make through public mutations, so that they cannot disturb the report's figures the
 * demo data tests check. Each test makes its own records (names and ID numbers are
 * random), and checks what it made, so tests stay independent of each other and of their
 * order.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "bangfu.demo.load=true", "bangfu.demo.content=AREAS", "bangfu.demo.scale=2",
				"bangfu.security.jwt-secret=" + EndToEndSupport.JWT_SECRET,
				"bangfu.security.metrics-password=" + EndToEndSupport.METRICS_PASSWORD,
				"bangfu.photos.directory=target/test-photos" })
@AutoConfigureHttpGraphQlTester
public abstract class RecordsTestSupport extends EndToEndSupport {

	/** The demo city's division code. */
	protected static final String CITY = "6109";

	/** The synthetic second city. */
	protected static final String OTHER_CITY = "9901";

	/** 汉滨区, a county of the demo city. */
	protected static final String COUNTY = "610902";

	/** 紫阳县, another county of the demo city. */
	protected static final String OTHER_COUNTY = "610924";

	private static final Map<String, String> users = new ConcurrentHashMap<>();

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		String url = RecordsDatabase.url();
		registry.add("spring.datasource.url", () -> url);
		registry.add("spring.datasource.username", TestDatabase::serviceUsername);
		registry.add("spring.datasource.password", TestDatabase::servicePassword);
		registry.add("spring.flyway.url", () -> url);
		registry.add("spring.flyway.user", TestDatabase::username);
		registry.add("spring.flyway.password", TestDatabase::password);
		// small enough that a test builds a file over it quickly (ImportMeasurements
		// raises it)
		registry.add("bangfu.imports.max-rows", () -> System.getProperty("bangfu.test.import-max-rows", "20000"));
		registry.add("bangfu.imports.directory", () -> System.getProperty("java.io.tmpdir") + "/bangfu-test-imports");
	}

	/** The demo admin, the one account the areas-only database starts with. */
	protected HttpGraphQlTester admin() {
		return as("demo-admin");
	}

	/**
	 * A tester signed in as a user holding one role, bound as {@code GrantRoleInput}
	 * binds it (e.g. {@code countyCode}); made through the API once per JVM.
	 */
	protected HttpGraphQlTester user(String role, Map<String, String> binding) {
		String key = role + binding;
		String username = users.computeIfAbsent(key, (k) -> newUserWithRole(role, binding));
		return as(username, "the-right-password");
	}

	/**
	 * The username of the user {@link #user} makes, who signs in with
	 * "the-right-password".
	 */
	protected String username(String role, Map<String, String> binding) {
		user(role, binding);
		return users.get(role + binding);
	}

	/** The access token of the user {@link #user} makes, for requests outside GraphQL. */
	protected String token(String role, Map<String, String> binding) {
		user(role, binding);
		return accessToken(users.get(role + binding), "the-right-password");
	}

	protected HttpGraphQlTester cityLeader() {
		return user("CITY_LEADER", Map.of("cityCode", CITY));
	}

	protected HttpGraphQlTester countyOfficer(String countyCode) {
		return user("COUNTY_OFFICER", Map.of("countyCode", countyCode));
	}

	protected HttpGraphQlTester townOfficer(String townCode) {
		return user("TOWN_OFFICER", Map.of("townCode", townCode));
	}

	protected HttpGraphQlTester developer() {
		return user("DEVELOPER", Map.of());
	}

	/** A new change id, as a client makes one. */
	protected static String changeId() {
		return UUID.randomUUID().toString();
	}

	/** A name no other test uses. */
	protected static String unique(String prefix) {
		return prefix + UUID.randomUUID().toString().substring(0, 8);
	}

	/**
	 * Sends a mutation {@code name(input: $input) { <selection> userErrors { code field
	 * message } }} and returns its payload.
	 */
	@SuppressWarnings("unchecked")
	protected Map<String, Object> send(HttpGraphQlTester as, String mutation, String inputType, Map<String, ?> input,
			String selection) {
		return as
			.document("mutation($input: %s!) { %s(input: $input) { %s userErrors { code field message } } }"
				.formatted(inputType, mutation, selection))
			.variable("input", input)
			.execute()
			.path(mutation)
			.entity(Map.class)
			.get();
	}

	/** The payload's value, after checking the change was made. */
	@SuppressWarnings("unchecked")
	protected static Map<String, Object> made(Map<String, Object> payload, String field) {
		assertThat((List<Object>) payload.get("userErrors")).as("userErrors").isEmpty();
		return (Map<String, Object>) payload.get(field);
	}

	/** The codes of the payload's user errors. */
	@SuppressWarnings("unchecked")
	protected static List<String> codes(Map<String, Object> payload) {
		return ((List<Map<String, Object>>) payload.get("userErrors")).stream()
			.map((error) -> (String) error.get("code"))
			.toList();
	}

	/** The first user error's field path. */
	@SuppressWarnings("unchecked")
	protected static List<String> field(Map<String, Object> payload) {
		return (List<String>) ((List<Map<String, Object>>) payload.get("userErrors")).get(0).get("field");
	}

	/** Runs a request that must fail with exactly one error of the given code. */
	protected void assertRefused(HttpGraphQlTester as, String mutation, String inputType, Map<String, ?> input,
			String code) {
		GraphQlTester.Request<?> request = as
			.document("mutation($input: %s!) { %s(input: $input) { userErrors { code } } }".formatted(inputType,
					mutation))
			.variable("input", input);
		assertError(request, code);
	}

	/**
	 * A cadre's phone: a new cadre of a new unit of the village's county, registered with
	 * an account and posted to the village as a team member since 100 days, all through
	 * the API.
	 */
	protected HttpGraphQlTester postedCadre(String villageCode) {
		return as(postedCadreUsername(villageCode), "the-right-password");
	}

	/**
	 * The username of a cadre posted to the village as {@link #postedCadre} posts one;
	 * the password is {@code the-right-password}.
	 */
	protected String postedCadreUsername(String villageCode) {
		String county = villageCode.substring(0, 6);
		Map<String, Object> unit = made(send(cityLeader(), "createAssistanceUnit", "CreateAssistanceUnitInput",
				Map.of("changeId", changeId(), "name", unique("派出单位"), "level", "COUNTY", "kind",
						"GOVERNMENT_DEPARTMENT", "countyCode", county),
				"unit { id }"), "unit");
		String username = unique("phone-").toLowerCase();
		Map<String, Object> cadre = made(send(countyOfficer(county), "registerCadre", "RegisterCadreInput",
				Map.of("changeId", changeId(), "name", "驻村干部", "gender", "MALE", "dispatchingUnitId", unit.get("id"),
						"account", Map.of("username", username, "password", "the-right-password")),
				"cadre { id }"), "cadre");
		made(send(countyOfficer(county), "postCadre", "PostCadreInput",
				Map.of("changeId", changeId(), "cadreId", cadre.get("id"), "villageId", villageId(villageCode), "role",
						"TEAM_MEMBER", "startedOn",
						java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).minusDays(100).toString()),
				"posting { id }"), "posting");
		return username;
	}

	/** The global id of the village with this code. */
	protected String villageId(String code) {
		return id("Village",
				this.jdbc.sql("select id from village where code = :code")
					.param("code", code)
					.query(Long.class)
					.single());
	}

	/**
	 * A resident ID number no one has: synthetic (starting 99, like the demo's, which no
	 * real region code does), with a valid check digit.
	 */
	protected static String idNumber() {
		StringBuilder digits = new StringBuilder("99");
		for (int i = 0; i < 15; i++) {
			digits.append(java.util.concurrent.ThreadLocalRandom.current().nextInt(10));
		}
		return digits.append(cn.ankang.bangfu.shared.values.IdNumber.Validator.checkDigit(digits.toString()))
			.toString();
	}

	/** A global id. */
	protected static String id(String type, long key) {
		return cn.ankang.bangfu.shared.relay.GlobalId.of(type, key);
	}

}
