package cn.ankang.client.outbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.ankang.client.BangfuClient;
import cn.ankang.client.FakeService;
import cn.ankang.client.photo.PhotoUploader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The file outbox keeps every visit that {@code record} returned, whatever was cut short
 * around it, and never hands out a file it cannot read whole.
 */
class FileOutboxTests {

	@TempDir
	Path folder;

	@Test
	void aVisitHasItsUuidAndIsOnTheDiskWhenRecordReturns() throws IOException {
		FileOutbox outbox = new FileOutbox(this.folder);

		QueuedWrite visit = outbox.record(Visits.draft("入户走访"));

		assertThat(visit.id()).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
		assertThat(visit.input().getString("uuid")).isEqualTo(visit.id());
		Path file = this.folder.resolve("queue").resolve(visit.id() + ".json");
		assertThat(new JSONObject(Files.readString(file)).getJSONObject("input").getString("notes")).isEqualTo("入户走访");
	}

	@Test
	void visitsSurviveARestartUnchangedAndInOrder() throws IOException {
		FileOutbox outbox = new FileOutbox(this.folder);
		QueuedWrite first = outbox.record(Visits.draft("一"));
		QueuedWrite second = outbox.record(Visits.draft("二"));
		QueuedWrite third = outbox.record(Visits.draft("三"));

		FileOutbox reopened = new FileOutbox(this.folder);

		List<QueuedWrite> queued = reopened.next(10);
		assertThat(queued).extracting(QueuedWrite::id).containsExactly(first.id(), second.id(), third.id());
		// the very bytes of the first send: a resend is a duplicate, not a conflict
		assertThat(queued.get(1).input().similar(second.input())).isTrue();
		assertThat(reopened.next(2)).hasSize(2);
		assertThat(reopened.size()).isEqualTo(3);
	}

	@Test
	void aWriteCutShortByAKillLeavesNoVisitAndIsClearedAway() throws IOException {
		FileOutbox outbox = new FileOutbox(this.folder);
		QueuedWrite kept = outbox.record(Visits.draft("已保存"));
		// what a kill between writing and renaming leaves: a temporary file, half written
		String whole = kept.toJson().toString();
		Path leftover = this.folder.resolve("queue").resolve(".0b0c4f7e-3c1d-4a55-9a39-6f1f2f7d9e01.json.1234.tmp");
		Files.writeString(leftover, whole.substring(0, whole.length() / 2));

		FileOutbox reopened = new FileOutbox(this.folder);

		assertThat(reopened.next(10)).extracting(QueuedWrite::id).containsExactly(kept.id());
		assertThat(leftover).doesNotExist();
	}

	@Test
	void aFileThatCannotBeReadWholeIsNeverSentAndIsKeptAside() throws IOException {
		FileOutbox outbox = new FileOutbox(this.folder);
		QueuedWrite kept = outbox.record(Visits.draft("完好"));
		Path queue = this.folder.resolve("queue");
		String whole = kept.toJson().toString();
		// a damaged disk: half a visit, and a visit under another's name
		Files.writeString(queue.resolve("11111111-2222-4333-8444-555555555555.json"),
				whole.substring(0, whole.length() - 10));
		Files.writeString(queue.resolve("66666666-7777-4888-9999-000000000000.json"), whole);

		assertThat(outbox.next(10)).extracting(QueuedWrite::id).containsExactly(kept.id());
		assertThat(outbox.size()).isEqualTo(1);
		try (Stream<Path> damaged = Files.list(this.folder.resolve("damaged"))) {
			assertThat(damaged.map((file) -> file.getFileName().toString()).collect(Collectors.toList())).hasSize(2)
				.allMatch((name) -> name.startsWith("11111111-") || name.startsWith("66666666-"));
		}
	}

	@Test
	void deliveredVisitsLeaveTheQueueAndDeliveringTwiceIsHarmless() throws IOException {
		FileOutbox outbox = new FileOutbox(this.folder);
		QueuedWrite visit = outbox.record(Visits.draft("送达"));

		outbox.delivered(visit.id());
		outbox.delivered(visit.id());

		assertThat(outbox.size()).isZero();
		assertThat(new FileOutbox(this.folder).next(10)).isEmpty();
	}

	@Test
	void conflictsAndRejectionsAreHeldAsideWithTheServicesErrors() throws IOException {
		FileOutbox outbox = new FileOutbox(this.folder);
		QueuedWrite conflict = outbox.record(Visits.draft("冲突"));
		QueuedWrite rejected = outbox.record(Visits.draft("退回"));
		QueuedWrite waiting = outbox.record(Visits.draft("等待"));
		JSONArray errors = new JSONArray()
			.put(new JSONObject().put("code", "CONFLICT").put("message", "other content"));

		outbox.conflict(conflict.id(), errors);
		outbox.reject(rejected.id(), new JSONArray()
			.put(new JSONObject().put("code", "INVALID_INPUT").put("field", new JSONArray().put("notes"))));

		FileOutbox reopened = new FileOutbox(this.folder);
		assertThat(reopened.next(10)).extracting(QueuedWrite::id).containsExactly(waiting.id());
		assertThat(reopened.conflicts()).singleElement().satisfies((held) -> {
			assertThat(held.write().id()).isEqualTo(conflict.id());
			assertThat(held.status()).isEqualTo("CONFLICT");
			assertThat(held.errors().getJSONObject(0).getString("code")).isEqualTo("CONFLICT");
		});
		assertThat(reopened.rejections()).singleElement()
			.satisfies((held) -> assertThat(held.write().input().getString("notes")).isEqualTo("退回"));
	}

	@Test
	void aKillBetweenHoldingAndDequeuingLeavesTheVisitQueuedToBeAnsweredAgain() throws IOException {
		FileOutbox outbox = new FileOutbox(this.folder);
		QueuedWrite visit = outbox.record(Visits.draft("冲突"));
		Path queued = this.folder.resolve("queue").resolve(visit.id() + ".json");
		byte[] before = Files.readAllBytes(queued);
		outbox.conflict(visit.id(), new JSONArray());
		// as if the process died after the held copy was written and before the queued
		// one was deleted
		Files.write(queued, before);

		FileOutbox reopened = new FileOutbox(this.folder);
		assertThat(reopened.next(10)).extracting(QueuedWrite::id).containsExactly(visit.id());
		reopened.conflict(visit.id(), new JSONArray());
		assertThat(reopened.size()).isZero();
		assertThat(reopened.conflicts()).hasSize(1);
		assertThat(new String(before, StandardCharsets.UTF_8)).contains(visit.id());
	}

	@Test
	void writesOfEveryKindSurviveARestartWithTheirIdsInOneQueueInOrder() throws IOException {
		FileOutbox outbox = new FileOutbox(this.folder);
		QueuedWrite visit = outbox.record(Visits.draft("走访"));
		QueuedWrite step = outbox
			.record(new CaseStepDraft("TW9uaXRvcmluZ0Nhc2U6MQ==", "VERIFY", "IDENTIFIED").visits(List.of(visit.id())));
		QueuedWrite completion = outbox.record(new TaskCompletionDraft("VGFzazox", "已核实"));
		QueuedWrite update = outbox
			.record(new HouseholdUpdateDraft("SG91c2Vob2xkOjE=", 4).recordIncome(2026, "9100.00"));
		QueuedWrite correction = outbox.record(VisitCorrectionDraft.of(visit, Visits.draft("更正")));

		FileOutbox reopened = new FileOutbox(this.folder);

		assertThat(reopened.next(10)).extracting(QueuedWrite::kind)
			.containsExactly(WriteKind.VISIT, WriteKind.CASE_STEP, WriteKind.TASK_COMPLETION,
					WriteKind.HOUSEHOLD_UPDATE, WriteKind.VISIT_CORRECTION);
		List<QueuedWrite> queued = reopened.next(10);
		assertThat(queued.get(1).input().getString("stepId")).isEqualTo(step.id());
		assertThat(queued.get(2).input().getString("completionId")).isEqualTo(completion.id());
		assertThat(queued.get(3).input().getString("changeId")).isEqualTo(update.id());
		assertThat(queued.get(4).input().getJSONObject("visit").getString("uuid")).isEqualTo(correction.id());
		assertThat(queued.get(4).input().getString("baseVersionId")).isEqualTo(WriteKind.visitId(visit.id()));
		assertThat(queued.get(3).input().similar(update.input())).isTrue();
		reopened.reject(completion.id(), new JSONArray());
		assertThat(new FileOutbox(this.folder).rejections()).singleElement()
			.satisfies((held) -> assertThat(held.write().kind()).isEqualTo(WriteKind.TASK_COMPLETION));
	}

	@Test
	void aVisitQueuedBeforeTheOutboxHeldOtherKindsIsReadAsAVisit() throws IOException {
		String uuid = "0b0c4f7e-3c1d-4a55-9a39-6f1f2f7d9e01";
		JSONObject old = new JSONObject().put("uuid", uuid)
			.put("queuedAt", "2026-05-12T01:00:00Z")
			.put("input", Visits.draft("旧版").toInput(uuid));
		Files.createDirectories(this.folder.resolve("queue"));
		Files.writeString(this.folder.resolve("queue").resolve(uuid + ".json"), old.toString());

		assertThat(new FileOutbox(this.folder).next(10)).singleElement().satisfies((write) -> {
			assertThat(write.kind()).isEqualTo(WriteKind.VISIT);
			assertThat(write.id()).isEqualTo(uuid);
		});
	}

	@Test
	void aPhotoKeepsWhereItLiesAndItsHashThroughARestartAndWhenHeld() throws Exception {
		Path photo = this.folder.resolve("IMG_0002.png");
		Files.write(photo, new byte[] { (byte) 0x89, 'P', 'N', 'G', 1, 2, 3 });
		// no scaler: the photo goes as taken; no request is made to prepare it
		PhotoUploader uploader = new PhotoUploader(BangfuClient
			.builder("http://127.0.0.1:9/", new FakeService.MemorySessionStore(FakeService.tokens("a", "r")))
			.build(), null);
		FileOutbox outbox = new FileOutbox(this.folder.resolve("outbox"));
		QueuedWrite queued = outbox.record(PhotoDraft.of(uploader, photo, "image/png"));
		Path file = this.folder.resolve("outbox").resolve("queue").resolve(queued.id() + ".json");
		assertThat(file).exists();

		FileOutbox reopened = new FileOutbox(this.folder.resolve("outbox"));

		assertThat(reopened.next(10)).singleElement().satisfies((write) -> {
			assertThat(write.kind()).isEqualTo(WriteKind.PHOTO);
			assertThat(write.input().similar(queued.input())).isTrue();
			assertThat(PhotoDraft.prepared(write).file()).isEqualTo(photo.toAbsolutePath());
			assertThat(PhotoDraft.prepared(write).contentType()).isEqualTo("image/png");
			assertThat(PhotoDraft.prepared(write).sha256()).isEqualTo(PhotoUploader.sha256(photo));
		});
		reopened.reject(queued.id(), new JSONArray().put(new JSONObject().put("code", "PHOTO_TOO_LARGE")));
		assertThat(new FileOutbox(this.folder.resolve("outbox")).rejections()).singleElement().satisfies((held) -> {
			assertThat(held.write().kind()).isEqualTo(WriteKind.PHOTO);
			assertThat(held.errors().getJSONObject(0).getString("code")).isEqualTo("PHOTO_TOO_LARGE");
		});
		assertThat(photo).exists();
	}

}
