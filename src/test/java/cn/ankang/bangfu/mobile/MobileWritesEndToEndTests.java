package cn.ankang.bangfu.mobile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import cn.ankang.client.BangfuClient;
import cn.ankang.client.Operation;
import cn.ankang.client.outbox.CaseStepDraft;
import cn.ankang.client.outbox.Draft;
import cn.ankang.client.outbox.FileOutbox;
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
import okhttp3.Interceptor;
import okhttp3.Response;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.shared.relay.GlobalId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The mobile client's outbox against the whole service, as the demo first secretary,
 * through a {@link FlakyProxy} that loses a third of the answers and cuts requests and
 * answers in the middle: every visit and every other kind of write recorded offline is
 * stored exactly once, also when the app is killed in the middle of a sync; photos
 * recorded offline go up through the outbox, through broken pieces and a killed app, and
 * join their visits.
 */
class MobileWritesEndToEndTests extends MobileClientTestSupport {

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
