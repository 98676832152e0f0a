package cn.ankang.bangfu.mobile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import cn.ankang.client.BangfuClient;
import cn.ankang.client.Operation;
import cn.ankang.client.delta.DeltaSync;
import cn.ankang.client.delta.FileLocalStore;
import cn.ankang.client.delta.StoredItem;
import cn.ankang.client.SignInRequiredException;
import cn.ankang.client.cli.FieldDay;
import cn.ankang.client.outbox.CaseStepDraft;
import cn.ankang.client.outbox.Draft;
import cn.ankang.client.outbox.FileOutbox;
import cn.ankang.client.outbox.OutboxSync;
import cn.ankang.client.outbox.HeldWrite;
import cn.ankang.client.outbox.HouseholdUpdateDraft;
import cn.ankang.client.outbox.PhotoDraft;
import cn.ankang.client.outbox.Outbox;
import cn.ankang.client.outbox.QueuedWrite;
import cn.ankang.client.outbox.SyncReport;
import cn.ankang.client.outbox.TaskCompletionDraft;
import cn.ankang.client.outbox.VisitCorrectionDraft;
import cn.ankang.client.outbox.VisitDraft;
import cn.ankang.client.outbox.WriteKind;
import cn.ankang.client.photo.PhotoUploader;
import cn.ankang.client.session.FileSessionStore;
import cn.ankang.client.session.Tokens;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import okio.Buffer;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.ankang.bangfu.ApiTestSupport;
import cn.ankang.bangfu.shared.relay.GlobalId;
import cn.ankang.bangfu.TestDatabase;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The mobile client sample against the whole service, as the demo first secretary,
 * through a {@link FlakyProxy} that loses a third of the answers and cuts requests and
 * answers in the middle: every visit recorded offline is stored exactly once, also when
 * the app is killed in the middle of a sync; delta sync over the bad link reaches the
 * same store as over a good one; persisted queries go round; photos recorded offline go
 * up through the outbox, through broken pieces and a killed app, and join their visits.
 */
class MobileClientEndToEndTests extends ApiTestSupport {

	@LocalServerPort
	private int port;

	@TempDir
	Path folder;

	/**
	 * Each test starts with the phone's whole allowance: the tests share the demo first
	 * secretary, and what one spent must not make the next wait (refusing is
	 * RateLimitTests' to test).
	 */
	@BeforeEach
	void freshAllowance() {
		this.jdbc.sql("""
				delete from rate_limit_bucket
				where id = 'graphql:user:' || (select id::text from app_user where username = :username)""")
			.param("username", Phone.USER)
			.update();
	}

	@Test
	void everyVisitRecordedOfflineIsStoredExactlyOnceThroughALossyLink() throws Exception {
		try (FlakyProxy proxy = new FlakyProxy(this.port, 20260512L, 0.30, 0.10, 0.10)) {
			Phone phone = new Phone(proxy.url(), this.folder, null, 1).signIn();
			List<String> uuids = phone.recordVisits(this.jdbc, 120, 1);

			Phone.Totals totals = phone.drain(phone.outbox);

			assertThat(totals.last.outcome()).as(totals.toString()).isEqualTo(SyncReport.Outcome.DRAINED);
			assertThat(phone.outbox.size()).isZero();
			assertThat(phone.outbox.conflicts()).isEmpty();
			assertThat(phone.outbox.rejections()).isEmpty();
			assertStoredOnce(uuids);
			assertThat(totals.accepted + totals.duplicates).isEqualTo(120);
			// answers were lost after the service had stored the visits, and the resends
			// were recognised
			assertThat(totals.duplicates).as(totals.toString()).isPositive();
			assertThat(proxy.exchanges()).extracting(FlakyProxy.Exchange::fate)
				.contains(FlakyProxy.Fate.LOSE_RESPONSE, FlakyProxy.Fate.CUT_REQUEST, FlakyProxy.Fate.CUT_RESPONSE);
		}
	}

	@Test
	void anAppKilledInTheMiddleOfASyncFinishesAfterARestartExactlyOnce() throws Exception {
		List<String> uuids;
		try (FlakyProxy proxy = new FlakyProxy(this.port, 7L, 0.30, 0.10, 0.10)) {
			new Phone(proxy.url(), this.folder, null, 2).signIn();
			uuids = new Phone(proxy.url(), this.folder, null, 2).recordVisits(this.jdbc, 120, 2);

			// first death: the service has stored the second batch, the answer is on its
			// way, and the process is gone before anything reads it
			AtomicInteger answered = new AtomicInteger();
			Interceptor dieAfterSecondBatch = (chain) -> {
				Response response = chain.proceed(chain.request());
				if (response.peekBody(1 << 20).string().contains("\"syncVisits\"") && answered.incrementAndGet() == 2) {
					throw new ProcessKilled();
				}
				return response;
			};
			Phone first = new Phone(proxy.url(), this.folder,
					BangfuClient.defaultHttpClient().newBuilder().addInterceptor(dieAfterSecondBatch).build(), 3);
			assertThatExceptionOfType(ProcessKilled.class).isThrownBy(() -> first.sync(first.outbox).drain());
			int leftAfterFirstDeath = new FileOutbox(this.folder.resolve("outbox")).size();
			assertThat(leftAfterFirstDeath).isBetween(70, 120);

			// second death: in the middle of taking answered visits out of the queue
			Phone second = new Phone(proxy.url(), this.folder, null, 4);
			Outbox dying = new DyingOutbox(second.outbox, 7);
			assertThatExceptionOfType(ProcessKilled.class).isThrownBy(() -> second.drain(dying));

			// the app starts again from what is on the disk
			Phone third = new Phone(proxy.url(), this.folder, null, 5);
			Phone.Totals totals = third.drain(third.outbox);

			assertThat(totals.last.outcome()).as(totals.toString()).isEqualTo(SyncReport.Outcome.DRAINED);
			assertThat(third.outbox.size()).isZero();
			assertStoredOnce(uuids);
			// at least the batch whose answer died with the first process came back
			// as duplicates
			assertThat(totals.duplicates).as(totals.toString()).isGreaterThanOrEqualTo(50);
		}
	}

	@Test
	void everyKindOfWriteRecordedOfflineIsStoredExactlyOnceThroughALossyLinkAndAKilledApp() throws Exception {
		try (FlakyProxy proxy = new FlakyProxy(this.port, 20261204L, 0.30, 0.10, 0.10)) {
			new Phone(proxy.url(), this.folder, null, 40).signIn();
			// the day, offline: visits, a correction, a case step resting on a visit, two
			// warnings verified, a year's income
			Phone day = new Phone(proxy.url(), this.folder, null, 41);
			List<String> visits = new ArrayList<>(day.recordVisits(this.jdbc, 30, 41));
			// households of the test's own, made after the visits were drawn: a visit to
			// a warned household would verify the warning itself
			FieldRecords records = new FieldRecords(this.jdbc);
			long ill = records.household();
			long identified = records.identifiedCase(ill);
			long firstTask = records.verification(records.household());
			long secondTask = records.verification(records.household());
			long updated = records.household();
			int version = records.version(updated);
			QueuedWrite corrected = day.outbox.next(1).get(0);
			QueuedWrite atHome = day.outbox.record(records.visitTo(ill, OffsetDateTime.now().minusHours(1)));
			visits.add(atHome.id());
			QueuedWrite correction = day.outbox.record(
					VisitCorrectionDraft.of(corrected, VisitDraft.of(corrected.input()).notes("更正：户主外出务工，由配偶介绍情况。")));
			QueuedWrite step = day.outbox
				.record(new CaseStepDraft(GlobalId.of("MonitoringCase", identified), "VERIFY", "IDENTIFIED")
					.occurredOn(FieldRecords.today())
					.visits(List.of(atHome.id())));
			QueuedWrite firstDone = day.outbox
				.record(new TaskCompletionDraft(GlobalId.of("Task", firstTask), "已入户核实，住院费用已按规定报销。"));
			QueuedWrite secondDone = day.outbox
				.record(new TaskCompletionDraft(GlobalId.of("Task", secondTask), "已入户核实，医疗负担可以承受。"));
			QueuedWrite update = day.outbox.record(new HouseholdUpdateDraft(GlobalId.of("Household", updated), version)
				.recordIncome(FieldRecords.today().getYear() - 1, "8650.00"));
			// what a visit finds and agrees at the door reaches the records once, however
			// often the visit is sent
			long struggling = records.household();
			QueuedWrite found = day.outbox.record(records.visitTo(struggling, OffsetDateTime.now().minusMinutes(30))
				.findings(null, null, false, null, VisitDraft.IncomeChange.FELL, List.of("DISASTER"))
				.followUpMeasure("HOUSING", "申请农村危房改造补助", FieldRecords.today()));
			visits.add(found.id());

			// back in coverage; the app dies as the answer to its first request arrives
			Interceptor dieOnFirstAnswer = (chain) -> {
				Response response = chain.proceed(chain.request());
				if (response.peekBody(1 << 20).string().contains("\"step0\"")) {
					throw new ProcessKilled();
				}
				return response;
			};
			Phone dying = new Phone(proxy.url(), this.folder,
					BangfuClient.defaultHttpClient().newBuilder().addInterceptor(dieOnFirstAnswer).build(), 42);
			assertThatExceptionOfType(ProcessKilled.class).isThrownBy(() -> dying.sync(dying.outbox).drain());
			assertThat(new FileOutbox(this.folder.resolve("outbox")).size()).isEqualTo(37);

			Phone again = new Phone(proxy.url(), this.folder, null, 43);
			Phone.Totals totals = again.drain(again.outbox);

			assertThat(totals.last.outcome()).as(totals.toString()).isEqualTo(SyncReport.Outcome.DRAINED);
			assertThat(again.outbox.conflicts()).extracting(HeldWrite::errors).isEmpty();
			assertThat(again.outbox.rejections()).extracting(HeldWrite::errors).isEmpty();
			assertThat(again.outbox.size()).isZero();
			assertThat(totals.accepted + totals.duplicates).isEqualTo(37);
			visits.add(correction.id());
			assertStoredOnce(visits);
			assertThat(count("select count(*) from visit where id = '%s' and replaced_by is not null", corrected.id()))
				.isEqualTo(1);
			assertThat(count("select count(*) from case_step where id = '%s'", step.id())).isEqualTo(1);
			assertThat(count("select count(*) from monitoring_case where id = %s and state = 'VERIFIED_AT_HOME'",
					identified))
				.isEqualTo(1);
			for (QueuedWrite done : List.of(firstDone, secondDone)) {
				assertThat(count("select count(*) from task where completion_id = '%s' and status = 'DONE'", done.id()))
					.isEqualTo(1);
			}
			assertThat(count("select count(*) from household_change where id = '%s'", update.id())).isEqualTo(1);
			assertThat(records.version(updated)).isEqualTo(version + 1);
			assertThat(count("select count(*) from visit_effect where visit_id = '%s'", found.id())).isEqualTo(2);
			assertThat(count("select count(*) from monitoring_case where household_id = %s and source = 'VISIT' "
					+ "and risk_types = '{DISASTER,HOUSING_SAFETY}'", struggling))
				.isEqualTo(1);
			assertThat(count("select count(*) from assistance_measure where household_id = %s", struggling))
				.isEqualTo(1);
		}
	}

	@Test
	void aPhoneStartsFromItsKeptSessionAndStoreWithNoSignalQueuesTheDayAndSendsItLater() throws Exception {
		String direct = "http://127.0.0.1:" + this.port + "/";
		// the evening before, with signal: signed in, the village pulled
		Phone evening = new Phone(direct, this.folder, null, 50).signIn();
		new DeltaSync(evening.client, new FileLocalStore(this.folder.resolve("store.json")), evening.retry).pull();

		// the morning, in the hills: the app starts from what it kept, and nothing
		// answers
		Phone morning = new Phone(unreachable(), this.folder, null, 51);
		FileLocalStore store = new FileLocalStore(this.folder.resolve("store.json"));
		StoredItem village = store.items("VILLAGE").get(0);
		// one household's income, as the phone holds it; the visits go to the others
		StoredItem kept = store.items("HOUSEHOLD").get(0);
		List<String> households = new ArrayList<>();
		for (StoredItem item : store.items("HOUSEHOLD")) {
			if (!item.id().equals(kept.id())) {
				households.add(item.id());
			}
		}
		FieldDay day = new FieldDay(new Random(51), village.id(), village.node().getDouble("latitude"),
				village.node().getDouble("longitude"), households);
		List<String> visits = new ArrayList<>();
		for (VisitDraft draft : day.visits(6, OffsetDateTime.now())) {
			visits.add(morning.outbox.record(draft).id());
		}
		QueuedWrite update = morning.outbox.record(new HouseholdUpdateDraft(kept.id(), kept.node().getInt("version"))
			.recordIncome(FieldRecords.today().getYear() - 1, "7300.00"));
		SyncReport offline = morning.sync(morning.outbox).drain();

		assertThat(offline.outcome()).isEqualTo(SyncReport.Outcome.RETRY_LATER);
		assertThat(offline.remaining()).isEqualTo(7);
		assertThat(offline.traffic().requests()).isZero();
		assertThat(morning.client.hasSession()).isTrue();

		// signal again: the same kept session sends the day, no sign-in
		Phone noon = new Phone(direct, this.folder, null, 52);
		Phone.Totals totals = noon.drain(noon.outbox);

		assertThat(totals.last.outcome()).as(totals.toString()).isEqualTo(SyncReport.Outcome.DRAINED);
		assertThat(totals.requests).isEqualTo(1);
		assertStoredOnce(visits);
		assertThat(count("select count(*) from household_change where id = '%s'", update.id())).isEqualTo(1);
	}

	@Test
	void whenTheServiceEndsTheSessionTheQueueWaitsForTheNextSignInAndGoesThen() throws Exception {
		String direct = "http://127.0.0.1:" + this.port + "/";
		Phone phone = new Phone(direct, this.folder, null, 60).signIn();
		List<String> visits = phone.recordVisits(this.jdbc, 5, 60);
		// the access token has run out and the refresh token is no longer the service's
		Tokens kept = new FileSessionStore(this.folder.resolve("session.json")).load();
		new FileSessionStore(this.folder.resolve("session.json")).save(new Tokens(kept.accessToken(),
				Instant.now().minusSeconds(60), "not-a-refresh-token", kept.refreshTokenExpiresAt()));

		SyncReport refused = phone.sync(phone.outbox).drain();

		assertThat(refused.outcome()).isEqualTo(SyncReport.Outcome.STOPPED);
		assertThat(refused.failure()).isInstanceOf(SignInRequiredException.class);
		assertThat(phone.client.hasSession()).isFalse();
		assertThat(phone.outbox.size()).isEqualTo(5);

		phone.signIn();
		Phone.Totals totals = phone.drain(phone.outbox);

		assertThat(totals.last.outcome()).isEqualTo(SyncReport.Outcome.DRAINED);
		assertStoredOnce(visits);
	}

	@Test
	void deltaSyncThroughALossyLinkReachesTheSameStoreAsThroughAGoodOne() throws Exception {
		Phone direct = new Phone("http://127.0.0.1:" + this.port + "/", this.folder.resolve("direct"), null, 6)
			.signIn();
		FileLocalStore good = new FileLocalStore(this.folder.resolve("direct").resolve("store.json"));
		new DeltaSync(direct.client, good, direct.retry).pull();
		// the same cadre's second phone: its pull, with the answers the link loses, is
		// paid
		// from an allowance of its own, whatever the class's other tests left in the
		// village
		freshAllowance();

		try (FlakyProxy proxy = new FlakyProxy(this.port, 11L, 0.30, 0.10, 0.10)) {
			Phone far = new Phone(proxy.url(), this.folder.resolve("far"), null, 7).signIn();
			FileLocalStore bad = new FileLocalStore(this.folder.resolve("far").resolve("store.json"));
			DeltaSync.Result pulled = new DeltaSync(far.client, bad, far.retry, 20).pull();

			assertThat(pulled.pages()).isGreaterThan(2);
			assertThat(good.items("VILLAGE")).hasSize(1);
			assertThat(good.items("HOUSEHOLD")).isNotEmpty();
			assertThat(good.items("ASSISTANCE_MEASURE")).isNotEmpty();
			assertThat(contents(bad)).isEqualTo(contents(good));
			assertThat(proxy.exchanges()).extracting(FlakyProxy.Exchange::fate).contains(FlakyProxy.Fate.LOSE_RESPONSE);
		}
		// nothing changed since: the next pull brings nothing
		DeltaSync.Result again = new DeltaSync(direct.client, good, direct.retry).pull();
		assertThat(again.upserts() + again.deletes() + again.villagesLeft()).isZero();
	}

	@Test
	void aDocumentUnknownToTheServiceIsSentOnceAndThenByItsHashAlone() throws Exception {
		List<JSONObject> sent = Collections.synchronizedList(new ArrayList<>());
		List<JSONObject> answers = Collections.synchronizedList(new ArrayList<>());
		Interceptor recording = (chain) -> {
			Buffer body = new Buffer();
			chain.request().body().writeTo(body);
			Response response = chain.proceed(chain.request());
			JSONObject request = new JSONObject(body.readUtf8());
			if (request.optString("operationName").equals("MobileClientProbe")) {
				sent.add(request);
				answers.add(new JSONObject(response.peekBody(1 << 20).string()));
			}
			return response;
		};
		Phone phone = new Phone("http://127.0.0.1:" + this.port + "/", this.folder,
				BangfuClient.defaultHttpClient().newBuilder().addInterceptor(recording).build(), 8)
			.signIn();
		// a document of its own, so that no other test taught the service its hash
		Operation probe = Operation
			.of("query MobileClientProbe { me { user { username } } }\n# " + UUID.randomUUID() + "\n");

		assertThat(phone.client.execute(probe, null).getJSONObject("me").getJSONObject("user").getString("username"))
			.isEqualTo(Phone.USER);
		phone.client.execute(probe, null);

		assertThat(sent).hasSize(3);
		assertThat(sent.get(0).has("query")).isFalse();
		assertThat(answers.get(0).getJSONArray("errors").getJSONObject(0).getJSONObject("extensions").getString("code"))
			.isEqualTo("PERSISTED_QUERY_NOT_FOUND");
		assertThat(sent.get(1).getString("query")).isEqualTo(probe.document());
		assertThat(sent.get(2).has("query")).isFalse();
		assertThat(answers.get(2).has("errors")).isFalse();
		for (JSONObject request : sent) {
			assertThat(request.getJSONObject("extensions").getJSONObject("persistedQuery").getString("sha256Hash"))
				.isEqualTo(probe.sha256());
		}
	}

	@Test
	void photosRecordedOfflineGoUpThroughTheOutboxOnceAndJoinTheirVisitsThroughALossyLinkAndAKilledApp()
			throws Exception {
		try (FlakyProxy proxy = new FlakyProxy(this.port, 3L, 0.20, 0.25, 0.10)) {
			new Phone(proxy.url(), this.folder, null, 9).signIn();
			// offline: three photos and the two visits they were taken on, which name
			// them
			// at once
			Phone day = new Phone(proxy.url(), this.folder, null, 10);
			PhotoUploader uploader = new PhotoUploader(day.client, day.retry, 128 * 1024);
			List<byte[]> bytes = new ArrayList<>();
			List<QueuedWrite> photos = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				bytes.add(jpeg(400_000 + i, 99 + i));
				Path file = this.folder.resolve("IMG_20260512_09300" + i + ".jpg");
				Files.write(file, bytes.get(i));
				photos.add(day.outbox.record(PhotoDraft.of(uploader, file, "image/jpeg")));
			}
			List<String> hashes = new ArrayList<>();
			for (QueuedWrite photo : photos) {
				hashes.add(photo.input().getString("sha256"));
			}
			List<VisitDraft> drafts = Phone.fieldDay(this.jdbc, 9).visits(2, OffsetDateTime.now());
			QueuedWrite twoPhotos = day.outbox.record(drafts.get(0).photoHashes(hashes.subList(0, 2)));
			QueuedWrite onePhoto = day.outbox.record(drafts.get(1).photoHashes(hashes.subList(2, 3)));

			// back in coverage; the app dies as the service confirms the second piece it
			// took
			AtomicInteger pieces = new AtomicInteger();
			Interceptor dieOnSecondPiece = (chain) -> {
				Response response = chain.proceed(chain.request());
				if (chain.request().method().equals("PATCH") && response.code() == 204
						&& pieces.incrementAndGet() == 2) {
					throw new ProcessKilled();
				}
				return response;
			};
			Phone dying = new Phone(proxy.url(), this.folder,
					BangfuClient.defaultHttpClient().newBuilder().addInterceptor(dieOnSecondPiece).build(), 11);
			assertThatExceptionOfType(ProcessKilled.class).isThrownBy(
					() -> dying.sync(dying.outbox, new PhotoUploader(dying.client, dying.retry, 128 * 1024)).drain());
			// the visits went first, the photos wait
			assertThat(new FileOutbox(this.folder.resolve("outbox")).next(10)).extracting(QueuedWrite::kind)
				.containsOnly(WriteKind.PHOTO);

			Phone again = new Phone(proxy.url(), this.folder, null, 12);
			Phone.Totals totals = again.drain(again.outbox, new PhotoUploader(again.client, again.retry, 128 * 1024));

			assertThat(totals.last.outcome()).as(totals.toString()).isEqualTo(SyncReport.Outcome.DRAINED);
			assertThat(again.outbox.size()).isZero();
			assertThat(again.outbox.conflicts()).isEmpty();
			assertThat(again.outbox.rejections()).extracting(HeldWrite::errors).isEmpty();
			assertStoredOnce(List.of(twoPhotos.id(), onePhoto.id()));
			for (int i = 0; i < 3; i++) {
				assertThat(hashes.get(i)).isEqualTo(Operation.sha256Hex(bytes.get(i)));
				assertThat(this.jdbc.sql("select size_bytes from photo where sha256 = decode(:sha, 'hex')")
					.param("sha", hashes.get(i))
					.query(Integer.class)
					.list()).containsExactly(bytes.get(i).length);
			}
			// pieces were cut mid-body; the uploads went on from what the service kept
			assertThat(proxy.exchanges()).anySatisfy((exchange) -> {
				assertThat(exchange.method()).isEqualTo("PATCH");
				assertThat(exchange.fate()).isEqualTo(FlakyProxy.Fate.CUT_REQUEST);
			});
			// the visits show their photos arrived, in the order they named them
			JSONObject visits = again.retry.call(() -> again.client.execute(Operation.of("""
					query VisitPhotos($ids: [ID!]!) {
					    nodes(ids: $ids) { ... on Visit { id photos { sha256 uploaded size } } }
					}
					"""), new JSONObject().put("ids",
					new JSONArray(List.of(WriteKind.visitId(twoPhotos.id()), WriteKind.visitId(onePhoto.id()))))));
			JSONArray nodes = visits.getJSONArray("nodes");
			assertThat(nodes.getJSONObject(0).getJSONArray("photos").toList())
				.isEqualTo(List.of(Map.of("sha256", hashes.get(0), "uploaded", true, "size", bytes.get(0).length),
						Map.of("sha256", hashes.get(1), "uploaded", true, "size", bytes.get(1).length)));
			assertThat(nodes.getJSONObject(1).getJSONArray("photos").toList())
				.isEqualTo(List.of(Map.of("sha256", hashes.get(2), "uploaded", true, "size", bytes.get(2).length)));
			// asking again finds a photo there: nothing to send
			assertThat(new PhotoUploader(again.client, again.retry)
				.upload(this.folder.resolve("IMG_20260512_093000.jpg"), "image/jpeg")
				.alreadyStored()).isTrue();
		}
	}

	@Test
	void phonesSyncingWhileTheDatabaseRestartsStoreEveryVisitOnceAfterTheirRetries() throws Exception {
		// each request waits half a second on the phone, so that the outage falls in the
		// middle of the phones' queues
		OkHttpClient slow = new OkHttpClient.Builder().addInterceptor((chain) -> {
			try {
				Thread.sleep(500);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return chain.proceed(chain.request());
		}).build();
		String server = "http://127.0.0.1:" + this.port + "/";
		List<Phone> phones = new ArrayList<>();
		List<String> uuids = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			Phone phone = new Phone(server, this.folder.resolve("phone" + i), slow, 30 + i).signIn();
			// three batches each: the blocker below has a batch to catch in flight
			// however
			// late it gets its locks
			uuids.addAll(phone.recordVisits(this.jdbc, 2 * OutboxSync.DEFAULT_BATCH + 10, 30 + i));
			phones.add(phone);
		}
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
		List<Phone.Totals> totals = new ArrayList<>();
		double internalBefore = internalErrors();
		try {
			List<java.util.concurrent.Future<Phone.Totals>> drains = new ArrayList<>();
			for (Phone phone : phones) {
				drains.add(pool.submit(() -> phone.drain(phone.outbox)));
			}
			// the first batches are in
			long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
			while (storedCount(uuids) == 0 && System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
			int storedBefore = storedCount(uuids);
			// the next ones are held in their transactions (a sync is one), so that the
			// outage catches requests in flight, as a restart at a busy moment does
			java.sql.Connection blocker = java.sql.DriverManager.getConnection(TestDatabase.jdbcUrl(),
					TestDatabase.username(), TestDatabase.password());
			try {
				blocker.setAutoCommit(false);
				// row by row, the blocker's locks can cross a sync's (its visits' foreign
				// keys
				// share-lock their households): when the database breaks that deadlock by
				// cancelling the blocker, it takes them again
				for (int attempt = 1;; attempt++) {
					try (java.sql.Statement statement = blocker.createStatement()) {
						statement.execute(
								"""
										select 1 from household h join posting p on p.village_id = h.village_id and p.ended_on is null
										join app_user u on u.cadre_id = p.cadre_id where u.username = 'demo-secretary'
										for update of h""");
						break;
					}
					catch (java.sql.SQLException ex) {
						blocker.rollback();
						if (!"40P01".equals(ex.getSQLState()) || attempt == 5) {
							throw ex;
						}
					}
				}
				while (statementsWaitingForLocks() == 0 && System.nanoTime() < deadline) {
					Thread.sleep(20);
				}
				assertThat(statementsWaitingForLocks()).isPositive();
				// the database goes away (as in a restart, every connection is dropped,
				// the blocker's too, and new ones are refused) for three seconds
				TestDatabase.administer("alter database {database} allow_connections false");
				TestDatabase.administer(
						"select pg_terminate_backend(pid) from pg_stat_activity where datname = '{database}' and pid <> pg_backend_pid()");
				Thread.sleep(3000);
			}
			finally {
				TestDatabase.administer("alter database {database} allow_connections true");
				try {
					blocker.close();
				}
				catch (java.sql.SQLException ex) {
					// terminated with the others
				}
			}
			for (java.util.concurrent.Future<Phone.Totals> drain : drains) {
				totals.add(drain.get(120, java.util.concurrent.TimeUnit.SECONDS));
			}
			System.out.println("Through a database outage, " + storedBefore + " visits stored before it: " + totals);
			assertThat(storedBefore).isPositive().isLessThan(uuids.size());
		}
		finally {
			pool.shutdownNow();
		}
		for (Phone phone : phones) {
			assertThat(phone.outbox.size()).isZero();
			assertThat(phone.outbox.conflicts()).isEmpty();
			assertThat(phone.outbox.rejections()).isEmpty();
		}
		assertStoredOnce(uuids);
		assertThat(totals.stream().mapToInt((t) -> t.accepted + t.duplicates).sum()).isEqualTo(uuids.size());
		// the phones felt the outage, and were told to come back rather than given up on
		assertThat(totals.stream().mapToInt((t) -> t.failedRequests).sum()).isPositive();
		// as the database being away (SERVICE_UNAVAILABLE), never as a fault of the
		// service
		assertThat(internalErrors()).isEqualTo(internalBefore);
	}

	/** The service's count of INTERNAL errors, from its metrics. */
	private double internalErrors() throws Exception {
		String metrics = metrics();
		java.util.regex.Matcher count = java.util.regex.Pattern
			.compile("(?m)^bangfu_graphql_errors_total\\{[^}]*code=\"INTERNAL\"[^}]*} (\\S+)$")
			.matcher(metrics);
		return count.find() ? Double.parseDouble(count.group(1)) : 0;
	}

	private int count(String sql, Object... arguments) {
		return this.jdbc.sql(sql.formatted(arguments)).query(Integer.class).single();
	}

	/** An address where nothing listens: a phone with no signal. */
	private static String unreachable() throws IOException {
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			return "http://127.0.0.1:" + socket.getLocalPort() + "/";
		}
	}

	private int storedCount(List<String> uuids) {
		return this.jdbc.sql("select count(*) from visit where id = any(:ids::uuid[])")
			.param("ids", uuids.toArray(new String[0]))
			.query(Integer.class)
			.single();
	}

	private void assertStoredOnce(List<String> uuids) {
		Map<String, Integer> counts = new HashMap<>();
		for (String uuid : uuids) {
			counts.put(uuid,
					this.jdbc.sql("select count(*) from visit where id = :id::uuid")
						.param("id", uuid)
						.query(Integer.class)
						.single());
		}
		assertThat(counts).hasSize(uuids.size()).allSatisfy((uuid, count) -> assertThat(count).as(uuid).isEqualTo(1));
	}

	private static Map<String, String> contents(FileLocalStore store) throws IOException {
		Map<String, String> contents = new HashMap<>();
		for (String type : List.of("VILLAGE", "HOUSEHOLD", "ASSISTANCE_MEASURE", "VISIT")) {
			for (StoredItem item : store.items(type)) {
				// JSON objects compare by content, not by the order of their keys
				contents.put(item.id(), type + " " + item.villageId() + " " + canonical(item.node()));
			}
		}
		return contents;
	}

	private static String canonical(Object value) {
		if (value instanceof JSONObject object) {
			StringBuilder text = new StringBuilder("{");
			object.keySet()
				.stream()
				.sorted()
				.forEach((key) -> text.append(key).append('=').append(canonical(object.get(key))).append(','));
			return text.append('}').toString();
		}
		if (value instanceof JSONArray array) {
			StringBuilder text = new StringBuilder("[");
			for (int i = 0; i < array.length(); i++) {
				text.append(canonical(array.get(i))).append(',');
			}
			return text.append(']').toString();
		}
		return String.valueOf(value);
	}

	/** Bytes that a JPEG decoder would take for a start and an end. */
	static byte[] jpeg(int size, long seed) {
		byte[] bytes = new byte[size];
		new Random(seed).nextBytes(bytes);
		byte[] head = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F', 0, 1, 1 };
		System.arraycopy(head, 0, bytes, 0, head.length);
		bytes[size - 2] = (byte) 0xFF;
		bytes[size - 1] = (byte) 0xD9;
		return bytes;
	}

	/** The process dying: nothing catches an error, as nothing survives a SIGKILL. */
	static final class ProcessKilled extends Error {

		ProcessKilled() {
			super("killed", null, false, false);
		}

	}

	/** An outbox whose process dies after taking some answered visits out. */
	private static final class DyingOutbox implements Outbox {

		private final Outbox outbox;

		private int deliveriesLeft;

		DyingOutbox(Outbox outbox, int deliveries) {
			this.outbox = outbox;
			this.deliveriesLeft = deliveries;
		}

		@Override
		public QueuedWrite record(Draft draft) throws IOException {
			return this.outbox.record(draft);
		}

		@Override
		public List<QueuedWrite> next(int max) throws IOException {
			return this.outbox.next(max);
		}

		@Override
		public int size() throws IOException {
			return this.outbox.size();
		}

		@Override
		public void delivered(String id) throws IOException {
			if (this.deliveriesLeft-- == 0) {
				throw new ProcessKilled();
			}
			this.outbox.delivered(id);
		}

		@Override
		public void conflict(String id, JSONArray errors) throws IOException {
			this.outbox.conflict(id, errors);
		}

		@Override
		public void reject(String id, JSONArray errors) throws IOException {
			this.outbox.reject(id, errors);
		}

		@Override
		public List<HeldWrite> conflicts() throws IOException {
			return this.outbox.conflicts();
		}

		@Override
		public List<HeldWrite> rejections() throws IOException {
			return this.outbox.rejections();
		}

	}

}
