package cn.ankang.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cn.ankang.client.FakeService.MemorySessionStore;
import cn.ankang.client.FakeService.Recorded;
import cn.ankang.client.FakeService.Reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The transport against a stand-in service: persisted queries, compressed bodies, the
 * single refresh on 401, and the sorting of failures into transient and permanent.
 */
class BangfuClientTests {

	private static final Operation PING = Operation.of("query Ping($text: String) { ping(text: $text) }");

	private final FakeService service;

	private final MemorySessionStore sessions = new MemorySessionStore(FakeService.tokens("access-1", "refresh-1"));

	private final BangfuClient client;

	BangfuClientTests() throws Exception {
		this.service = new FakeService();
		this.client = BangfuClient.builder(this.service.url(), this.sessions).build();
	}

	@AfterEach
	void stop() {
		this.service.close();
	}

	@Test
	void persistedQueriesSendTheHashAloneAndTheDocumentOnlyWhenTheServiceAsks() throws Exception {
		this.service.graphQl((request) -> Reply.data(new JSONObject().put("ping", "pong")));

		assertThat(this.client.execute(PING, null).getString("ping")).isEqualTo("pong");
		assertThat(this.client.execute(PING, null).getString("ping")).isEqualTo("pong");

		List<Recorded> sent = this.service.requests("Ping");
		assertThat(sent).hasSize(3);
		// unknown hash, then hash and document, then the hash alone is enough
		assertThat(sent.get(0).json.has("query")).isFalse();
		assertThat(sent.get(1).json.getString("query")).isEqualTo(PING.document());
		assertThat(sent.get(2).json.has("query")).isFalse();
		for (Recorded request : sent) {
			assertThat(request.json.getJSONObject("extensions").getJSONObject("persistedQuery").getString("sha256Hash"))
				.isEqualTo(PING.sha256())
				.hasSize(64);
		}
	}

	@Test
	void aMutationGoesWithItsDocumentUntilTheServiceHasConfirmedIt() throws Exception {
		Operation touch = Operation.of("mutation Touch($n: Int) { touch(n: $n) }");
		this.service.graphQl((request) -> Reply.data(new JSONObject().put("touch", 1)));

		this.client.execute(touch, null);
		this.client.execute(touch, null);

		// a miss would cost the variables twice: the document goes along at once, then
		// the hash alone
		List<Recorded> sent = this.service.requests("Touch");
		assertThat(sent).hasSize(2);
		assertThat(sent.get(0).json.getString("query")).isEqualTo(touch.document());
		assertThat(sent.get(1).json.has("query")).isFalse();
		assertThat(this.client.traffic().requests()).isEqualTo(2);
	}

	@Test
	void theServiceIsAskedForMessagesInThePhonesLanguage() throws Exception {
		this.service.graphQl((request) -> Reply.data(new JSONObject().put("ping", "pong")));
		BangfuClient chinese = BangfuClient.builder(this.service.url(), this.sessions)
			.locale(java.util.Locale.SIMPLIFIED_CHINESE)
			.build();

		chinese.execute(PING, null);

		assertThat(this.service.requests("Ping")).isNotEmpty()
			.allSatisfy((request) -> assertThat(request.headers.get("accept-language")).isEqualTo("zh-CN"));
	}

	@Test
	void withoutPersistedQueriesTheDocumentGoesEveryTime() throws Exception {
		this.service.graphQl((request) -> Reply.data(new JSONObject().put("ping", "pong")));
		BangfuClient plain = BangfuClient.builder(this.service.url(), this.sessions).persistedQueries(false).build();

		plain.execute(PING, null);

		assertThat(this.service.requests("Ping")).singleElement().satisfies((request) -> {
			assertThat(request.json.getString("query")).isEqualTo(PING.document());
			assertThat(request.json.has("extensions")).isFalse();
		});
	}

	@Test
	void bodiesOverAKibibyteGoCompressedAndSmallOnesPlain() throws Exception {
		this.service
			.graphQl((request) -> Reply.data(new JSONObject().put("ping", request.variables().getString("text"))));
		String longText = "入户走访，了解家庭收入和务工情况。".repeat(100);

		assertThat(this.client.execute(PING, new JSONObject().put("text", longText)).getString("ping"))
			.isEqualTo(longText);
		this.client.execute(PING, new JSONObject().put("text", "短"));

		List<Recorded> sent = this.service.requests("Ping");
		Recorded large = sent.get(sent.size() - 2);
		Recorded small = sent.get(sent.size() - 1);
		assertThat(large.headers).containsEntry("content-encoding", "gzip");
		assertThat(large.wireBody.length).isLessThan(large.body.length / 5);
		assertThat(small.headers).doesNotContainKey("content-encoding");
		// OkHttp asks for compressed answers by itself
		assertThat(small.headers).containsEntry("accept-encoding", "gzip");
	}

	@Test
	void aRejectedTokenIsRefreshedOnceForAllThreadsAndTheRequestsGoAgain() throws Exception {
		AtomicInteger refreshes = new AtomicInteger();
		this.service.graphQl((request) -> {
			if (request.operation().equals("RefreshSession")) {
				refreshes.incrementAndGet();
				assertThat(request.token()).isNull();
				Thread.sleep(200);
				return Reply.data(new JSONObject().put("refreshSession",
						new JSONObject().put("tokens", FakeService.tokensJson("access-2", "refresh-2"))));
			}
			if (!"access-2".equals(request.token())) {
				return Reply.error(401, "UNAUTHENTICATED");
			}
			return Reply.data(new JSONObject().put("ping", "pong"));
		});

		ExecutorService threads = Executors.newFixedThreadPool(8);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<JSONObject>> answers = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				answers.add(threads.submit((Callable<JSONObject>) () -> {
					start.await();
					return this.client.execute(PING, null);
				}));
			}
			start.countDown();
			for (Future<JSONObject> answer : answers) {
				assertThat(answer.get().getString("ping")).isEqualTo("pong");
			}
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(refreshes).hasValue(1);
		assertThat(this.sessions.load().refreshToken()).isEqualTo("refresh-2");
		assertThat(this.service.requests("RefreshSession"))
			.allSatisfy((request) -> assertThat(request.variables().getJSONObject("input").getString("refreshToken"))
				.isEqualTo("refresh-1"));
	}

	@Test
	void aTokenAboutToExpireIsRefreshedBeforeTheRequest() throws Exception {
		java.time.Instant now = java.time.Instant.now();
		this.sessions.save(new cn.ankang.client.session.Tokens("access-1", now.plusSeconds(5), "refresh-1",
				now.plusSeconds(86400)));
		this.service.graphQl((request) -> request.operation().equals("RefreshSession")
				? Reply.data(new JSONObject().put("refreshSession",
						new JSONObject().put("tokens", FakeService.tokensJson("access-2", "refresh-2"))))
				: Reply.data(new JSONObject().put("ping", request.token())));

		assertThat(this.client.execute(PING, null).getString("ping")).isEqualTo("access-2");
		assertThat(this.service.requests("Ping"))
			.allSatisfy((request) -> assertThat(request.token()).isEqualTo("access-2"));
	}

	@Test
	void aSpentRefreshTokenEndsTheSession() throws Exception {
		this.service.graphQl((request) -> {
			if (request.operation().equals("RefreshSession")) {
				return Reply.data(new JSONObject().put("refreshSession",
						new JSONObject().put("tokens", JSONObject.NULL)
							.put("userErrors",
									new org.json.JSONArray().put(new JSONObject().put("code", "REFRESH_TOKEN_REUSED")
										.put("message", "spent")
										.put("field", new org.json.JSONArray())))));
			}
			return Reply.error(401, "UNAUTHENTICATED");
		});

		assertThatExceptionOfType(SignInRequiredException.class).isThrownBy(() -> this.client.execute(PING, null))
			.satisfies((ex) -> assertThat(ex.codes()).containsExactly("REFRESH_TOKEN_REUSED"));
		assertThat(this.sessions.load()).isNull();
		assertThatExceptionOfType(SignInRequiredException.class).isThrownBy(() -> this.client.execute(PING, null));
	}

	@Test
	void signingInKeepsTheTokensAndWrongPasswordsArePermanent() throws Exception {
		this.sessions.clear();
		this.service.graphQl((request) -> {
			JSONObject input = request.variables().getJSONObject("input");
			if (!input.getString("password").equals("bangfu-demo")) {
				return Reply.data(new JSONObject().put("login",
						new JSONObject().put("tokens", JSONObject.NULL)
							.put("userErrors", new org.json.JSONArray()
								.put(new JSONObject().put("code", "INVALID_CREDENTIALS").put("message", "wrong")))));
			}
			assertThat(input.getString("deviceName")).isEqualTo("test phone");
			return Reply.data(new JSONObject().put("login",
					new JSONObject().put("tokens", FakeService.tokensJson("access-9", "refresh-9"))));
		});

		assertThatExceptionOfType(PermanentException.class)
			.isThrownBy(() -> this.client.signIn("demo-secretary", "guess", "test phone"))
			.satisfies((ex) -> assertThat(ex.codes()).containsExactly("INVALID_CREDENTIALS"));
		assertThat(this.client.hasSession()).isFalse();

		this.client.signIn("demo-secretary", "bangfu-demo", "test phone");
		assertThat(this.sessions.load().accessToken()).isEqualTo("access-9");
	}

	@Test
	void failuresOfTheServiceOrTheLinkAreTransientAndRefusalsPermanent() throws Exception {
		this.service.graphQl((request) -> Reply.error(503, "SERVICE_UNAVAILABLE").header("Retry-After", "7"));
		assertThatExceptionOfType(TransientException.class).isThrownBy(() -> this.client.execute(PING, null))
			.satisfies((ex) -> {
				assertThat(ex.status()).isEqualTo(503);
				assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(7));
			});

		this.service.graphQl((request) -> Reply.error(429, "TOO_MANY_REQUESTS"));
		assertThatExceptionOfType(TransientException.class).isThrownBy(() -> this.client.execute(PING, null));

		this.service.graphQl((request) -> Reply.error(200, "INTERNAL"));
		assertThatExceptionOfType(TransientException.class).isThrownBy(() -> this.client.execute(PING, null));

		this.service.graphQl((request) -> new Reply(200, "<html>captive portal</html>"));
		assertThatExceptionOfType(TransientException.class).isThrownBy(() -> this.client.execute(PING, null));

		this.service.graphQl((request) -> null);
		assertThatExceptionOfType(TransientException.class).isThrownBy(() -> this.client.execute(PING, null))
			.satisfies((ex) -> assertThat(ex.getCause()).isInstanceOf(java.io.IOException.class));

		this.service.graphQl((request) -> Reply.error(200, "FORBIDDEN"));
		assertThatExceptionOfType(PermanentException.class).isThrownBy(() -> this.client.execute(PING, null))
			.satisfies((ex) -> assertThat(ex.codes()).containsExactly("FORBIDDEN"));

		this.service.graphQl((request) -> Reply.error(413, "DOCUMENT_TOO_LARGE"));
		assertThatExceptionOfType(PermanentException.class).isThrownBy(() -> this.client.execute(PING, null))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(413));

		int closedPort;
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1,
				java.net.InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		// a port this test opened and closed again: nothing listens there
		BangfuClient nowhere = BangfuClient.builder("http://127.0.0.1:" + closedPort + "/", this.sessions).build();
		assertThatExceptionOfType(TransientException.class).isThrownBy(() -> nowhere.execute(PING, null));
	}

	@Test
	void withoutASessionNothingIsSent() throws Exception {
		this.sessions.clear();
		assertThatExceptionOfType(SignInRequiredException.class).isThrownBy(() -> this.client.execute(PING, null));
		assertThat(this.service.requests()).isEmpty();
	}

	@Test
	void theDocumentsOnTheClasspathAreNamedAfterTheirFiles() {
		for (String name : new String[] { "Login", "RefreshSession", "SyncVisits", "Changes", "RequestPhotoUpload" }) {
			Operation operation = Operation.load(name);
			assertThat(operation.name()).isEqualTo(name);
			assertThat(operation.sha256()).matches("[0-9a-f]{64}");
		}
		assertThat(Operation.load("SyncVisits").isMutation()).isTrue();
		assertThat(Operation.load("Changes").isMutation()).isFalse();
	}

}
