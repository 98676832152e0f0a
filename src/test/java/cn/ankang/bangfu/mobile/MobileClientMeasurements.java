package cn.ankang.bangfu.mobile;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import cn.ankang.client.BangfuClient;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.ankang.bangfu.ApiTestSupport;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Figures for the client's README, measured against the whole service on this machine:
 * how long a queue of 500 visits takes to drain, directly and through the proxy, and how
 * many bytes a sync of 50 visits puts on the wire as plain JSON, compressed, and as a
 * persisted query. A benchmark, not a test: its name keeps it out of the suite, and it
 * runs when named ({@code -Dtest=MobileClientMeasurements}); it adds 1,600 visits and
 * takes a minute.
 */
class MobileClientMeasurements extends ApiTestSupport {

	@LocalServerPort
	private int port;

	@TempDir
	Path folder;

	private final List<String> lines = new ArrayList<>();

	private final List<String> pulls = new ArrayList<>();

	@Test
	void drainTimesAndBytesOnTheWire() throws Exception {
		String direct = "http://127.0.0.1:" + this.port + "/";
		// the first requests of a JVM pay for class loading and the service's caches
		drain(direct, "warm-up", 100, 0);
		this.lines.clear();

		this.lines.add("Draining 500 visits (batches of 50):");
		drain(direct, "direct", 500, 1);
		try (FlakyProxy proxy = FlakyProxy.reliable(this.port)) {
			drain(proxy.url(), "through the proxy, passing all", 500, 2);
		}
		try (FlakyProxy proxy = new FlakyProxy(this.port, 20260512L, 0.30, 0.10, 0.10)) {
			drain(proxy.url(), "through the proxy, 30 % answers lost, 10 % requests cut, 10 % answers cut", 500, 3);
		}

		this.lines.add("");
		this.lines
			.add("Bytes on the wire for one syncVisits of 50 visits (bodies as sent, answer incl. chunk framing):");
		this.lines.add(String.format("  %-34s %10s %10s %10s", "", "request", "answer", "requests"));
		bytes("plain JSON (no APQ, no gzip)", false, false);
		bytes("gzip both ways (no APQ)", false, true);
		bytes("APQ, no gzip", true, false);
		bytes("APQ + gzip", true, true);

		this.lines.add("");
		this.lines.add("Bytes on the wire for a delta pull from scratch (Changes, first: 100), all pages:");
		this.lines.add(String.format("  %-34s %10s %10s %10s", "", "requests", "answers", "pages"));
		this.lines.addAll(this.pulls);

		String report = String.join("\n", this.lines);
		System.out.println(report);
		Files.writeString(Path.of("target/mobile-client-measurements.txt"), report + "\n", StandardCharsets.UTF_8);
	}

	private void drain(String url, String label, int count, long seed) throws Exception {
		Phone phone = new Phone(url, this.folder.resolve(label.replaceAll("\\W", "")), null, seed).signIn();
		phone.recordVisits(this.jdbc, count, seed);
		long started = System.nanoTime();
		Phone.Totals totals = phone.drain(phone.outbox);
		long millis = (System.nanoTime() - started) / 1_000_000;
		assertThat(phone.outbox.size()).isZero();
		this.lines.add(String.format("  %-80s %6d ms  %5.0f visits/s  %3d requests (%d failed), %d duplicates", label,
				millis, count * 1000.0 / millis, totals.requests, totals.failedRequests, totals.duplicates));
	}

	private void bytes(String label, boolean persistedQueries, boolean gzip) throws Exception {
		try (FlakyProxy proxy = FlakyProxy.reliable(this.port)) {
			OkHttpClient http = BangfuClient.defaultHttpClient();
			if (!gzip) {
				// OkHttp asks for gzip by itself unless told otherwise
				http = http.newBuilder()
					.addInterceptor((chain) -> chain
						.proceed(chain.request().newBuilder().header("Accept-Encoding", "identity").build()))
					.build();
			}
			Path where = this.folder.resolve("bytes-" + label.replaceAll("\\W", ""));
			Phone phone = new Phone(proxy.url(), where, http, 4).signIn();
			BangfuClient client = BangfuClient
				.builder(proxy.url(), new cn.ankang.client.session.FileSessionStore(where.resolve("session.json")))
				.httpClient(http)
				.persistedQueries(persistedQueries)
				.gzipRequestsAbove(gzip ? 1024 : -1)
				.build();
			// one visit first, so that the service knows the document's hash already
			phone.recordVisits(this.jdbc, 1, 5);
			new cn.ankang.client.outbox.OutboxSync(client, phone.outbox, phone.retry).drain();
			phone.recordVisits(this.jdbc, 50, 6);
			proxy.forget();
			new cn.ankang.client.outbox.OutboxSync(client, phone.outbox, phone.retry).drain();
			long up = 0;
			long down = 0;
			int requests = 0;
			for (FlakyProxy.Exchange exchange : proxy.exchanges()) {
				up += exchange.body().length;
				down += exchange.responseBodyBytes();
				requests++;
			}
			assertThat(phone.outbox.size()).isZero();
			this.lines.add(String.format("  %-34s %10d %10d %10d", label, up, down, requests));

			// and a delta pull from scratch, where the document is larger than the
			// variables: once to teach the service the hash, then measured
			new cn.ankang.client.delta.DeltaSync(client,
					new cn.ankang.client.delta.FileLocalStore(where.resolve("first-store.json")), phone.retry)
				.pull();
			proxy.forget();
			cn.ankang.client.delta.DeltaSync.Result pulled = new cn.ankang.client.delta.DeltaSync(client,
					new cn.ankang.client.delta.FileLocalStore(where.resolve("store.json")), phone.retry)
				.pull();
			long pullUp = 0;
			long pullDown = 0;
			for (FlakyProxy.Exchange exchange : proxy.exchanges()) {
				pullUp += exchange.body().length;
				pullDown += exchange.responseBodyBytes();
			}
			this.pulls.add(String.format("  %-34s %10d %10d %10d", label, pullUp, pullDown, pulled.pages()));
		}
	}

}
