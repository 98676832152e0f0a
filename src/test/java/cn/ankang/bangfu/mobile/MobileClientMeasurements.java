package cn.ankang.bangfu.mobile;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import cn.ankang.client.BangfuClient;
import cn.ankang.client.Traffic;
import cn.ankang.client.outbox.CaseStepDraft;
import cn.ankang.client.outbox.HouseholdUpdateDraft;
import cn.ankang.client.outbox.PhotoDraft;
import cn.ankang.client.outbox.QueuedWrite;
import cn.ankang.client.outbox.SyncReport;
import cn.ankang.client.outbox.TaskCompletionDraft;
import cn.ankang.client.outbox.VisitDraft;
import cn.ankang.client.photo.PhotoUploader;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.ankang.bangfu.ApiTestSupport;
import cn.ankang.bangfu.shared.relay.GlobalId;

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

	/**
	 * The day (20): signed in and pulled in the morning, then offline all day (20
	 * visits, 5 with a photo each, 2 warnings verified, a case step, a household's
	 * income), then synced over a 256 kbit/s link with a 500 ms round trip in one drain
	 * of the outbox, the photos included: requests, bytes on the wire and seconds to
	 * drain. The photos weigh 250 KB each, about what a 1,600 px JPEG at quality 0.8
	 * does. Asserts only that every write is stored once.
	 */
	@Test
	void aFirstSecretarysDayOverASlowLink() throws Exception {
		// drawn before the test's own households exist: a visit to a warned household
		// would verify the warning itself
		cn.ankang.client.cli.FieldDay fieldDay = Phone.fieldDay(this.jdbc, 70);
		FieldRecords records = new FieldRecords(this.jdbc);
		long ill = records.household();
		long identified = records.identifiedCase(ill);
		long firstTask = records.verification(records.household());
		long secondTask = records.verification(records.household());
		long updated = records.household();
		List<String> report = new ArrayList<>();
		try (FlakyProxy link = FlakyProxy.shaped(this.port, 256_000, java.time.Duration.ofMillis(500))) {
			// where the field writes end and the photos begin within the one drain: the
			// first photo's slot
			AtomicReference<Phone> phoneHere = new AtomicReference<>();
			AtomicReference<Traffic> atFirstPhoto = new AtomicReference<>();
			AtomicLong firstPhotoAt = new AtomicLong();
			OkHttpClient http = BangfuClient.defaultHttpClient().newBuilder().addInterceptor((chain) -> {
				Request request = chain.request();
				if (atFirstPhoto.get() == null && request.body() != null && request.body().contentLength() < 4096) {
					Buffer body = new Buffer();
					request.body().writeTo(body);
					if (body.readUtf8().contains("RequestPhotoUpload")) {
						firstPhotoAt.set(System.nanoTime());
						atFirstPhoto.set(phoneHere.get().client.traffic());
					}
				}
				return chain.proceed(request);
			}).build();
			Phone phone = new Phone(link.url(), this.folder.resolve("day"), http, 70);
			phoneHere.set(phone);
			Traffic start = phone.client.traffic();
			long started = System.nanoTime();
			phone.signIn();
			cn.ankang.client.delta.FileLocalStore store = new cn.ankang.client.delta.FileLocalStore(
					this.folder.resolve("day").resolve("store.json"));
			cn.ankang.client.delta.DeltaSync.Result pulled = new cn.ankang.client.delta.DeltaSync(phone.client, store,
					phone.retry)
				.pull();
			Traffic morning = phone.client.traffic().since(start);
			report.add(String.format("sign-in and first pull (%d pages): %s, %.1f s", pulled.pages(), morning,
					seconds(started)));

			// offline: the day's work goes into the outbox, the photos too
			PhotoUploader uploader = new PhotoUploader(phone.client, phone.retry, 512 * 1024);
			List<String> photos = new ArrayList<>();
			List<String> hashes = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				byte[] bytes = MobileClientTestSupport.jpeg(250_000, 700 + i);
				Path file = this.folder.resolve("day").resolve("IMG_" + i + ".jpg");
				Files.write(file, bytes);
				QueuedWrite photo = phone.outbox.record(PhotoDraft.of(uploader, file, "image/jpeg"));
				photos.add(photo.id());
				hashes.add(photo.input().getString("sha256"));
			}
			List<String> visits = new ArrayList<>();
			int n = 0;
			for (VisitDraft draft : fieldDay.visits(19, OffsetDateTime.now().minusHours(1))) {
				if (n < 5) {
					draft.photoHashes(List.of(hashes.get(n)));
				}
				n++;
				visits.add(phone.outbox.record(draft).id());
			}
			String atHome = phone.outbox.record(records.visitTo(ill, OffsetDateTime.now().minusMinutes(30))).id();
			visits.add(atHome);
			List<String> writes = new ArrayList<>();
			writes.add(
					phone.outbox
						.record(new CaseStepDraft(GlobalId.of("MonitoringCase", identified), "VERIFY", "IDENTIFIED")
							.occurredOn(FieldRecords.today())
							.visits(List.of(atHome)))
						.id());
			writes.add(phone.outbox.record(new TaskCompletionDraft(GlobalId.of("Task", firstTask), "已入户核实，住院费用已按规定报销。"))
				.id());
			writes.add(phone.outbox.record(new TaskCompletionDraft(GlobalId.of("Task", secondTask), "已入户核实，医疗负担可以承受。"))
				.id());
			writes.add(
					phone.outbox
						.record(new HouseholdUpdateDraft(GlobalId.of("Household", updated), records.version(updated))
							.recordIncome(FieldRecords.today().getYear() - 1, "8650.00"))
						.id());

			// back in coverage: one drain, the writes first, then the photos
			Traffic before = phone.client.traffic();
			started = System.nanoTime();
			SyncReport drained = phone.sync(phone.outbox, uploader).drain();
			double allSeconds = seconds(started);
			double writesSeconds = (firstPhotoAt.get() - started) / 1e9;
			Traffic writesTraffic = atFirstPhoto.get().since(before);
			Traffic photosTraffic = drained.traffic().since(writesTraffic);

			assertThat(drained.outcome()).as(drained.toString()).isEqualTo(SyncReport.Outcome.DRAINED);
			assertThat(phone.outbox.size()).isZero();
			assertThat(phone.outbox.conflicts()).isEmpty();
			assertThat(phone.outbox.rejections()).isEmpty();
			for (String uuid : visits) {
				assertThat(count("select count(*) from visit where id = '%s'", uuid)).isEqualTo(1);
			}
			assertThat(count("select count(*) from case_step where id = '%s'", writes.get(0))).isEqualTo(1);
			assertThat(count("select count(*) from task where completion_id in ('%s', '%s')", writes.get(1),
					writes.get(2)))
				.isEqualTo(2);
			assertThat(count("select count(*) from household_change where id = '%s'", writes.get(3))).isEqualTo(1);
			assertThat(drained.answers()).filteredOn((answer) -> photos.contains(answer.write().id()))
				.extracting(SyncReport.Answer::status)
				.containsExactly("ACCEPTED", "ACCEPTED", "ACCEPTED", "ACCEPTED", "ACCEPTED");
			assertThat(count("select count(*) from photo where sha256 = any(array[%s])",
					String.join(",", hashes.stream().map((hash) -> "decode('" + hash + "', 'hex')").toList())))
				.isEqualTo(5);

			report.add(
					String.format("drain of 20 visits, 1 case step, 2 task completions, 1 household update: %s, %.1f s",
							writesTraffic, writesSeconds));
			report.add(String.format("  (%s)", drained));
			report.add(String.format("5 photos of 250,000 bytes, in the same drain: %s, %.1f s", photosTraffic,
					allSeconds - writesSeconds));
			Traffic day = drained.traffic();
			report.add(String.format("the whole drain: %s (%.2f MB), %.1f s", day,
					(day.bytesUp() + day.bytesDown()) / 1_000_000.0, allSeconds));
		}
		String text = "A first secretary's day over 256 kbit/s with a 500 ms round trip:\n  "
				+ String.join("\n  ", report);
		System.out.println(text);
		Files.writeString(Path.of("target/mobile-client-day.txt"), text + "\n", StandardCharsets.UTF_8);
	}

	private int count(String sql, Object... arguments) {
		return this.jdbc.sql(sql.formatted(arguments)).query(Integer.class).single();
	}

	private static double seconds(long started) {
		return (System.nanoTime() - started) / 1e9;
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
