package cn.ankang.client;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.ankang.client.FakeService.MemorySessionStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Reference reads against a stand-in that answers GET as the service does: a fresh answer
 * is served from the folder, a stale one is confirmed by 304, a changed one replaced,
 * errors never kept.
 */
class ReferenceReadsTests {

	private static final Operation COUNTIES = Operation.of("query Counties { counties { code name } }");

	@TempDir
	Path folder;

	private final HttpServer server;

	private final List<Map<String, String>> requests = Collections.synchronizedList(new ArrayList<>());

	private volatile String answer = "{\"data\":{\"counties\":[{\"code\":\"610902\",\"name\":\"汉滨区\"}]}}";

	private volatile String cacheControl = "private, max-age=300";

	private volatile boolean knowsDocument;

	private final MutableClock clock = new MutableClock();

	ReferenceReadsTests() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/graphql", this::handle);
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
	}

	@Test
	void aFreshAnswerIsKeptAStaleOneConfirmedAndAChangedOneReplaced() throws Exception {
		ReferenceReads reads = reads(this.folder);
		assertThat(reads.read(COUNTIES, null).getJSONArray("counties").getJSONObject(0).getString("name"))
			.isEqualTo("汉滨区");
		// the document was unknown by its hash: sent whole once
		assertThat(this.requests).hasSize(2);
		assertThat(this.requests.get(1)).containsKey("query");
		assertThat(this.requests.get(1).get("method")).isEqualTo("GET");

		// fresh: no request at all
		reads.read(COUNTIES, null);
		assertThat(this.requests).hasSize(2);

		// stale: asked with the tag, 304, the kept answer reused
		this.clock.advance(Duration.ofSeconds(301));
		assertThat(reads.read(COUNTIES, null).getJSONArray("counties").length()).isEqualTo(1);
		assertThat(this.requests).hasSize(3);
		assertThat(this.requests.get(2)).containsEntry("if-none-match", tag(this.answer)).doesNotContainKey("query");
		assertThat(reads.notModified()).isEqualTo(1);

		// changed on the service: the new answer replaces the kept one, also for a new
		// start from the same folder
		this.answer = "{\"data\":{\"counties\":[{\"code\":\"610902\",\"name\":\"汉滨区\"},{\"code\":\"610921\",\"name\":\"汉阴县\"}]}}";
		this.clock.advance(Duration.ofSeconds(301));
		assertThat(reads.read(COUNTIES, null).getJSONArray("counties").length()).isEqualTo(2);
		assertThat(reads(this.folder).read(COUNTIES, null).getJSONArray("counties").length()).isEqualTo(2);
		assertThat(this.requests).hasSize(4);
	}

	@Test
	void noCacheAnswersAreAskedEveryTimeAndErrorsNeverKept() throws Exception {
		this.cacheControl = "private, no-cache";
		this.knowsDocument = true;
		ReferenceReads reads = reads(this.folder);
		reads.read(COUNTIES, null);
		reads.read(COUNTIES, null);
		assertThat(this.requests).hasSize(2);
		assertThat(this.requests.get(1)).containsEntry("if-none-match", tag(this.answer));
		assertThat(reads.notModified()).isEqualTo(1);

		this.answer = "{\"errors\":[{\"message\":\"no\",\"extensions\":{\"code\":\"FORBIDDEN\"}}]}";
		Operation other = Operation.of("query Other { counties { code } }");
		assertThatExceptionOfType(PermanentException.class).isThrownBy(() -> reads.read(other, null));
		assertThatExceptionOfType(PermanentException.class).isThrownBy(() -> reads.read(other, null));
		assertThat(this.requests.get(this.requests.size() - 1)).doesNotContainKey("if-none-match");
	}

	private ReferenceReads reads(Path folder) {
		BangfuClient client = BangfuClient
			.builder("http://127.0.0.1:" + this.server.getAddress().getPort() + "/",
					new MemorySessionStore(FakeService.tokens("access-1", "refresh-1")))
			.build();
		return new ReferenceReads(client, folder, this.clock);
	}

	private void handle(HttpExchange exchange) throws IOException {
		Map<String, String> request = new HashMap<>();
		request.put("method", exchange.getRequestMethod());
		exchange.getRequestHeaders().forEach((name, values) -> request.put(name.toLowerCase(), values.get(0)));
		for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
			String[] parts = pair.split("=", 2);
			request.put(parts[0], URLDecoder.decode(parts[1], StandardCharsets.UTF_8.name()));
		}
		this.requests.add(request);
		String body;
		int status = 200;
		String tag = null;
		if (!this.knowsDocument && !request.containsKey("query")) {
			body = "{\"errors\":[{\"message\":\"PersistedQueryNotFound\",\"extensions\":{\"code\":\"PERSISTED_QUERY_NOT_FOUND\"}}]}";
		}
		else if (this.answer.contains("\"errors\"")) {
			this.knowsDocument = true;
			body = this.answer;
		}
		else {
			this.knowsDocument = true;
			body = this.answer;
			tag = tag(body);
			exchange.getResponseHeaders().set("ETag", tag);
			exchange.getResponseHeaders().set("Cache-Control", this.cacheControl);
			if (tag.equals(request.get("if-none-match"))) {
				status = 304;
			}
		}
		if (tag == null) {
			exchange.getResponseHeaders().set("Cache-Control", "no-store");
		}
		if (status == 304) {
			exchange.sendResponseHeaders(304, -1);
			exchange.close();
			return;
		}
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private static String tag(String body) {
		return "\"" + Operation.sha256Hex(body.getBytes(StandardCharsets.UTF_8)) + "\"";
	}

	private static final class MutableClock extends Clock {

		private Instant now = Instant.parse("2026-12-01T08:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
