package cn.ankang.bangfu.view;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import cn.ankang.bangfu.ApiTestSupport;
import cn.ankang.bangfu.visit.VisitDrafts;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.client.WebSocketGraphQlClient;
import org.springframework.graphql.client.WebSocketGraphQlClientInterceptor;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.reactive.socket.client.StandardWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Live views over graphql-transport-ws: signed in by the token of
 * {@code connection_init}, pushed when a visit arrives in the subscriber's jurisdiction
 * and only then, no more than once per interval (one second in the tests), limited per
 * user, ended when the session ends. With figure answers kept, as the service runs by
 * default (the rest of the suite computes them anew): a run after a change must count it,
 * not give the answer kept from before it.
 */
@TestPropertySource(properties = { "bangfu.figures.answer-max-age=10m", "bangfu.figures.answer-refresh-after=0s" })
class LiveViewTests extends ApiTestSupport {

	private static final Duration INTERVAL = Duration.ofSeconds(1);

	private static final String VISITS = "query { visitFigures { total { visits } } }";

	private static final String SUBSCRIBE = """
			subscription($id: ID!) { savedViewUpdates(id: $id) { view { name } data errors asOf } }""";

	private static final String LOG_VISIT = """
			mutation($v: LogVisitInput!) { logVisit(input: $v) { visit { id } userErrors { code } } }""";

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	@Autowired
	JwtDecoder decoder;

	@Autowired
	JwtEncoder encoder;

	@Test
	void aCountyOfficersViewMovesWhenAVisitArrivesInTheCounty() throws Exception {
		String view = saveView(as("demo-county"));
		BlockingQueue<Integer> totals = new LinkedBlockingQueue<>();
		List<Throwable> failures = new ArrayList<>();
		// Spring's own client: the transport speaks the protocol as any client does
		WebSocketGraphQlClient client = WebSocketGraphQlClient
			.builder(URI.create("ws://localhost:" + this.port + "/graphql-ws"), new StandardWebSocketClient())
			.interceptor(new WebSocketGraphQlClientInterceptor() {
				@Override
				public Mono<Object> connectionInitPayload() {
					return Mono.just(Map.of("Authorization", "Bearer " + accessToken("demo-county")));
				}
			})
			.build();
		Disposable subscription = client.document(SUBSCRIBE)
			.variable("id", view)
			.executeSubscription()
			.map((response) -> response.field("savedViewUpdates.data.visitFigures.total.visits")
				.toEntity(Integer.class))
			.subscribe(totals::add, failures::add);
		try {
			Integer first = totals.poll(20, TimeUnit.SECONDS);
			assertThat(first).as("the view's first run, at once").isNotNull();
			// nothing pushes while nothing changes
			assertThat(totals.poll(INTERVAL.multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS)).isNull();
			long sent = System.nanoTime();
			logVisit();
			Integer next = totals.poll(10, TimeUnit.SECONDS);
			long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
			assertThat(next).as("the figures after the visit").isEqualTo(first + 1);
			// the visit arrived after a quiet interval: it is pushed without waiting for
			// one
			assertThat(millis).as("from the visit's answer to the push").isLessThan(3000);
			System.out.printf("Live view pushed %d ms after logVisit answered%n", millis);
			assertThat(failures).isEmpty();
		}
		finally {
			subscription.dispose();
			client.stop().block(Duration.ofSeconds(5));
		}
	}

	@Test
	void aConnectionWithoutAValidTokenIsRefused() throws Exception {
		assertRefused(Map.of("type", "connection_init", "payload", Map.of()));
		assertRefused(Map.of("type", "connection_init", "payload", Map.of("Authorization", "Bearer not.a.token")));
		// subscribing without connection_init at all
		assertRefused(Map.of("id", "1", "type", "subscribe", "payload",
				Map.of("query", SUBSCRIBE, "variables", Map.of("id", "x"))));
		// a page of another site may not open one (no credentials ride along, but still)
		try (LiveConnection foreign = LiveConnection.open(this.port, "https://elsewhere.example")) {
			assertThat(foreign.refused.get(10, TimeUnit.SECONDS)).isEqualTo(403);
		}
	}

	/**
	 * The server answers the message by closing with 4401 and never acknowledges. The
	 * client library now and then reports the server's close as a failure of the socket
	 * (the close frame and the end of the stream racing on its reader): such an attempt
	 * is tried again, and one of three must show the close code itself.
	 */
	private void assertRefused(Map<String, Object> message) throws Exception {
		List<String> failures = new java.util.ArrayList<>();
		for (int attempt = 0; attempt < 3; attempt++) {
			try (LiveConnection connection = LiveConnection.open(this.port, null)) {
				connection.send(message);
				int code = connection.closed.get(10, TimeUnit.SECONDS);
				assertThat(connection.messages).as("never acknowledged")
					.noneMatch((received) -> "connection_ack".equals(received.get("type")));
				if (code == 4401) {
					return;
				}
				assertThat(code).as("closed, failure %s", connection.failure).isEqualTo(-1);
				failures.add(String.valueOf(connection.failure));
			}
		}
		throw new AssertionError("No 4401 close in three attempts: " + failures);
	}

	@Test
	void aChangeOutsideTheJurisdictionRunsNothingAndOneInsideRunsTheView() throws Exception {
		String otherCounty = sqlString(
				"""
						select c.code from county c where c.id <> (select t.county_id from village v join town t on t.id = v.town_id
						  join posting p on p.village_id = v.id join app_user u on u.cadre_id = p.cadre_id
						  where u.username = 'demo-secretary' and p.ended_on is null) order by c.id limit 1""");
		long otherVillage = Long.parseLong(sqlString("""
				select v.id::text from village v join town t on t.id = v.town_id join county c on c.id = t.county_id
				where c.code = '%s' order by v.id limit 1""".formatted(otherCounty)));
		String officer = newUser("live-county");
		grantCountyOfficer(officer, otherCounty);
		String view = saveView(as(officer, "the-right-password"));
		try (LiveConnection live = LiveConnection.signedIn(this.port, accessToken(officer, "the-right-password"))) {
			live.subscribe("1", SUBSCRIBE, Map.of("id", view));
			assertThat(live.expect("1", Duration.ofSeconds(20))).containsEntry("type", "next");
			Thread.sleep(INTERVAL.toMillis());
			double before = runs();
			logVisit();
			assertThat(live.next(INTERVAL.multipliedBy(3))).as("a visit in another county").isNull();
			assertThat(runs()).as("runs after a visit in another county").isEqualTo(before);
			// a change in a village of the officer's county runs the view (and pushes
			// nothing, the figures being the same)
			this.jdbc.sql("select pg_notify('bangfu_change', :village)")
				.param("village", String.valueOf(otherVillage))
				.query()
				.singleRow();
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
			while (runs() == before && System.nanoTime() < deadline) {
				Thread.sleep(50);
			}
			assertThat(runs()).as("runs after a change in the officer's county").isEqualTo(before + 1);
			assertThat(live.next(INTERVAL)).as("the same figures are not pushed again").isNull();
		}
	}

	@Test
	void twoVisitsInQuickSuccessionArePushedNoMoreThanOncePerInterval() throws Exception {
		String view = saveView(as("demo-county"));
		try (LiveConnection live = LiveConnection.signedIn(this.port, accessToken("demo-county"))) {
			live.subscribe("1", SUBSCRIBE, Map.of("id", view));
			int first = visits(live.expect("1", Duration.ofSeconds(20)));
			Thread.sleep(INTERVAL.toMillis() + 200);
			double before = runs();
			logVisit();
			logVisit();
			List<Integer> pushed = new ArrayList<>();
			List<Long> at = new ArrayList<>();
			long deadline = System.nanoTime() + INTERVAL.multipliedBy(4).toNanos();
			while (System.nanoTime() < deadline) {
				Map<String, Object> message = live.next(Duration.ofMillis(100));
				if (message != null) {
					assertThat(message).containsEntry("type", "next");
					pushed.add(visits(message));
					at.add((Long) message.get(LiveConnection.RECEIVED));
				}
			}
			assertThat(pushed).as("pushes after two visits").isNotEmpty().hasSizeLessThanOrEqualTo(2);
			assertThat(pushed.get(pushed.size() - 1)).isEqualTo(first + 2);
			if (at.size() == 2) {
				assertThat(at.get(1) - at.get(0)).as("nanoseconds between two pushes")
					.isGreaterThanOrEqualTo(INTERVAL.toNanos() - TimeUnit.MILLISECONDS.toNanos(100));
			}
			assertThat(runs() - before).as("runs after two visits").isBetween(1.0, 2.0);
		}
	}

	@Test
	void aUserHasAtMostFiveLiveViewsOpen() throws Exception {
		String user = newUser("live-many");
		grantCountyOfficer(user, sqlString("select code from county order by id limit 1"));
		String token = accessToken(user, "the-right-password");
		String view = saveView(as(user, "the-right-password"));
		try (LiveConnection one = LiveConnection.signedIn(this.port, token);
				LiveConnection two = LiveConnection.signedIn(this.port, token)) {
			for (int i = 1; i <= 3; i++) {
				one.subscribe(String.valueOf(i), SUBSCRIBE, Map.of("id", view));
				assertThat(one.expect(String.valueOf(i), Duration.ofSeconds(20))).containsEntry("type", "next");
			}
			for (int i = 4; i <= 5; i++) {
				two.subscribe(String.valueOf(i), SUBSCRIBE, Map.of("id", view));
				assertThat(two.expect(String.valueOf(i), Duration.ofSeconds(20))).containsEntry("type", "next");
			}
			// the sixth, on either connection, is refused
			two.subscribe("6", SUBSCRIBE, Map.of("id", view));
			Map<String, Object> refused = two.expect("6", Duration.ofSeconds(10));
			assertThat(refused).containsEntry("type", "error");
			assertThat(LiveConnection.errors(refused)).singleElement()
				.satisfies((error) -> assertThat(code(error)).isEqualTo("RATE_LIMITED"));
			// one closed, one more may open
			one.complete("1");
			Thread.sleep(300);
			two.subscribe("7", SUBSCRIBE, Map.of("id", view));
			assertThat(two.expect("7", Duration.ofSeconds(20))).containsEntry("type", "next");
		}
	}

	@Test
	void aViewTheUserMayNotRunIsNotFoundAndAnEndedSessionEndsTheStream() throws Exception {
		String user = newUser("live-revoked");
		grantCountyOfficer(user, sqlString("select code from county order by id limit 1"));
		String view = saveView(as(user, "the-right-password"));
		String others = saveView(as("demo-county"));
		try (LiveConnection live = LiveConnection.signedIn(this.port, accessToken(user, "the-right-password"))) {
			live.subscribe("theirs", SUBSCRIBE, Map.of("id", others));
			Map<String, Object> notFound = live.expect("theirs", Duration.ofSeconds(20));
			assertThat(notFound).containsEntry("type", "error");
			assertThat(LiveConnection.errors(notFound)).singleElement()
				.satisfies((error) -> assertThat(code(error)).isEqualTo("NOT_FOUND"));
			live.subscribe("mine", SUBSCRIBE, Map.of("id", view));
			assertThat(live.expect("mine", Duration.ofSeconds(20))).containsEntry("type", "next");
			as("demo-admin")
				.document("mutation($id: ID!) { revokeUserSessions(input: {userId: $id}) { revokedCount } }")
				.variable("id", userId(user))
				.execute()
				.path("revokeUserSessions.revokedCount")
				.entity(Integer.class)
				.isEqualTo(1);
			Map<String, Object> ended = live.expect("mine", Duration.ofSeconds(10));
			assertThat(ended).containsEntry("type", "error");
			assertThat(LiveConnection.errors(ended)).singleElement()
				.satisfies((error) -> assertThat(code(error)).isEqualTo("UNAUTHENTICATED"));
			// and what is sent on the connection from now on runs signed out
			live.subscribe("again", SUBSCRIBE, Map.of("id", view));
			Map<String, Object> again = live.expect("again", Duration.ofSeconds(10));
			assertThat(again.toString()).contains("UNAUTHENTICATED");
		}
	}

	@Test
	void anExpiredTokenEndsTheStreamAndWhatComesAfterRunsSignedOut() throws Exception {
		Jwt token = this.decoder.decode(accessToken("demo-county"));
		Instant now = Instant.now();
		// the demo officer's own session, with a token that lives three seconds
		String shortLived = this.encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(),
				JwtClaimsSet.builder()
					.claims((claims) -> claims.putAll(token.getClaims()))
					.issuedAt(now)
					.expiresAt(now.plusSeconds(3))
					.build()))
			.getTokenValue();
		String view = saveView(as("demo-county"));
		try (LiveConnection live = LiveConnection.signedIn(this.port, shortLived)) {
			live.subscribe("1", SUBSCRIBE, Map.of("id", view));
			assertThat(live.expect("1", Duration.ofSeconds(20))).containsEntry("type", "next");
			Map<String, Object> ended = live.expect("1", Duration.ofSeconds(10));
			assertThat(ended).containsEntry("type", "error");
			assertThat(LiveConnection.errors(ended)).singleElement()
				.satisfies((error) -> assertThat(code(error)).isEqualTo("UNAUTHENTICATED"));
			live.subscribe("2", SUBSCRIBE, Map.of("id", view));
			assertThat(live.expect("2", Duration.ofSeconds(10)).toString()).contains("UNAUTHENTICATED");
		}
	}

	@Test
	void aRunThatServesPersonalDataIsAuditedAsTheSubscribers() throws Exception {
		String view = saveView(as("demo-county"),
				"query { households(first: 1) { edges { node { id headIdNumber } } } }");
		try (LiveConnection live = LiveConnection.signedIn(this.port, accessToken("demo-county"))) {
			live.subscribe("1", SUBSCRIBE, Map.of("id", view));
			Map<String, Object> run = live.expect("1", Duration.ofSeconds(20));
			assertThat(run).containsEntry("type", "next");
			Object household = at(run, "payload", "data", "savedViewUpdates", "data", "households", "edges", "0",
					"node", "id");
			assertThat(sqlString("""
					select operation || ' ' || username from audit_event
					where kind = 'PERSONAL_READ' and target_ids @> array['%s'] order by id desc limit 1"""
				.formatted(household))).isEqualTo("savedViewUpdates demo-county");
		}
	}

	private String saveView(HttpGraphQlTester owner) {
		return saveView(owner, VISITS);
	}

	private String saveView(HttpGraphQlTester owner, String document) {
		return owner.document(
				"""
						mutation($input: SaveViewInput!) { saveView(input: $input) { view { id } userErrors { code message } } }""")
			.variable("input", Map.of("name", "实时走访 " + UUID.randomUUID(), "document", document))
			.execute()
			.path("saveView.view.id")
			.entity(String.class)
			.get();
	}

	private void grantCountyOfficer(String user, String countyCode) {
		as("demo-admin").document("mutation($g: GrantRoleInput!) { grantRole(input: $g) { userErrors { code } } }")
			.variable("g", Map.of("userId", userId(user), "role", "COUNTY_OFFICER", "countyCode", countyCode))
			.execute()
			.path("grantRole.userErrors")
			.entityList(Object.class)
			.hasSize(0);
	}

	/** A visit by the demo first secretary, in the demo county. */
	private void logVisit() {
		Map<String, Object> visit = VisitDrafts.householdVisit(this.jdbc, 1);
		visit.remove("findings");
		as("demo-secretary").document(LOG_VISIT)
			.variable("v", visit)
			.execute()
			.path("logVisit.userErrors")
			.entityList(Object.class)
			.hasSize(0);
	}

	/** The value at a path of maps and lists (indexes as numbers). */
	private static Object at(Object value, String... path) {
		for (String step : path) {
			value = (value instanceof List<?> list) ? list.get(Integer.parseInt(step)) : ((Map<?, ?>) value).get(step);
		}
		return value;
	}

	private static Object code(Map<String, Object> error) {
		return ((Map<?, ?>) error.get("extensions")).get("code");
	}

	private double runs() {
		return this.meters.get("bangfu.live.runs").counter().count();
	}

	@SuppressWarnings("unchecked")
	private static int visits(Map<String, Object> message) {
		Map<String, Object> payload = (Map<String, Object>) message.get("payload");
		Map<String, Object> data = (Map<String, Object>) payload.get("data");
		Map<String, Object> run = (Map<String, Object>) data.get("savedViewUpdates");
		Map<String, Object> figures = (Map<String, Object>) ((Map<String, Object>) run.get("data")).get("visitFigures");
		return ((Number) ((Map<String, Object>) figures.get("total")).get("visits")).intValue();
	}

}
