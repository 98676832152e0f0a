package cn.ankang.client.outbox;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import javax.imageio.ImageIO;

import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.ankang.client.BangfuClient;
import cn.ankang.client.FakeService;
import cn.ankang.client.FakeService.Recorded;
import cn.ankang.client.FakeService.Reply;
import cn.ankang.client.Operation;
import cn.ankang.client.photo.ImageIoPhotoScaler;
import cn.ankang.client.photo.PhotoSizing;
import cn.ankang.client.photo.PhotoUploader;
import cn.ankang.client.retry.Backoff;
import cn.ankang.client.retry.RetryPolicy;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Photos in the outbox, against a stand-in service that stores visits and takes photos by
 * the tus core, keyed by their hash: a photo is sized and hashed when recorded, kept
 * through a restart, sent after the other writes, and settled by its own answer.
 */
class PhotoOutboxTests {

	@TempDir
	Path folder;

	private final FakeService service;

	private final Map<String, ByteArrayOutputStream> photos = new HashMap<>();

	private final Map<String, Long> sizes = new HashMap<>();

	private final List<String> visitsStored = new ArrayList<>();

	private final RetryPolicy retry = new RetryPolicy(
			new Backoff(Duration.ofMillis(1), Duration.ofMillis(5), new Random(3)), 4, (wait) -> {
			});

	private BangfuClient client;

	private int piecesBeforeOutage = Integer.MAX_VALUE;

	PhotoOutboxTests() throws Exception {
		this.service = new FakeService().graphQl(this::graphQl).other(this::tus);
	}

	@AfterEach
	void stop() {
		this.service.close();
	}

	@Test
	void aPhotoIsSizedAndHashedWhenRecordedAndSurvivesARestartAsRecorded() throws Exception {
		Path taken = this.folder.resolve("IMG_0001.jpg");
		ImageIO.write(new BufferedImage(3200, 2400, BufferedImage.TYPE_INT_RGB), "jpg", taken.toFile());
		PhotoUploader uploader = new PhotoUploader(client(), this.retry, PhotoUploader.DEFAULT_CHUNK,
				new ImageIoPhotoScaler(), PhotoSizing.defaults(false));
		FileOutbox outbox = new FileOutbox(this.folder.resolve("outbox"));

		PhotoDraft draft = PhotoDraft.of(uploader, taken, "image/jpeg");
		QueuedWrite photo = outbox.record(draft);

		Path sized = this.folder.resolve("IMG_0001.jpg.sized.jpg");
		assertThat(sized).exists();
		assertThat(ImageIO.read(sized.toFile()).getWidth()).isEqualTo(1600);
		assertThat(draft.sha256()).isEqualTo(PhotoUploader.sha256(sized));
		assertThat(photo.input().getString("sha256")).isEqualTo(draft.sha256());
		assertThat(photo.input().getString("photoId")).isEqualTo(photo.id());
		List<QueuedWrite> reopened = new FileOutbox(this.folder.resolve("outbox")).next(10);
		assertThat(reopened).singleElement().satisfies((write) -> {
			assertThat(write.kind()).isEqualTo(WriteKind.PHOTO);
			assertThat(write.id()).isEqualTo(photo.id());
			PhotoUploader.Prepared prepared = PhotoDraft.prepared(write);
			assertThat(prepared.file()).isEqualTo(sized.toAbsolutePath());
			assertThat(prepared.contentType()).isEqualTo("image/jpeg");
			assertThat(prepared.size()).isEqualTo(Files.size(sized));
			assertThat(prepared.sha256()).isEqualTo(draft.sha256());
		});
		// no request yet: the visit names the photo before it goes up
		assertThat(this.service.requests()).isEmpty();
	}

	@Test
	void photosGoUpAfterTheWritesOfTheDrainEachSettledByItsOwnAnswer() throws Exception {
		FileOutbox outbox = new FileOutbox(this.folder.resolve("outbox"));
		PhotoUploader uploader = new PhotoUploader(client(), this.retry, 64 * 1024);
		QueuedWrite photo = outbox.record(PhotoDraft.of(uploader, photo("a.jpg", 150_000), "image/jpeg"));
		QueuedWrite there = outbox.record(PhotoDraft.of(uploader, photo("b.jpg", 20_000), "image/jpeg"));
		this.photos.put(there.input().getString("sha256"), whole(there));
		QueuedWrite visit = outbox.record(Visits.draft("拍了照片")
			.photoHashes(List.of(photo.input().getString("sha256"), there.input().getString("sha256"))));

		SyncReport report = sync(outbox).drain();

		assertThat(report.outcome()).as(report.toString()).isEqualTo(SyncReport.Outcome.DRAINED);
		assertThat(outbox.size()).isZero();
		assertThat(this.visitsStored).containsExactly(visit.id());
		assertThat(this.photos.get(photo.input().getString("sha256")).toByteArray())
			.isEqualTo(Files.readAllBytes(this.folder.resolve("a.jpg")));
		// the visit recorded last went first; then the photos, oldest first
		List<String> operations = new ArrayList<>();
		for (Recorded request : this.service.requests()) {
			operations.add(request.path.equals("/graphql") ? request.operation() : request.method);
		}
		assertThat(operations).containsExactly("SyncVisits", "RequestPhotoUpload", "PATCH", "PATCH", "PATCH",
				"RequestPhotoUpload");
		assertThat(report.answers()).extracting((answer) -> answer.write().id() + " " + answer.status())
			.containsExactly(visit.id() + " ACCEPTED", photo.id() + " ACCEPTED", there.id() + " DUPLICATE");
		assertThat(report.requests()).isEqualTo(3);
		assertThat(report.traffic().requests()).isEqualTo(6);
		assertThat(report.traffic().bytesUp()).isGreaterThan(150_000);
	}

	@Test
	void aPhotoTheServiceRefusesOrThatIsGoneIsHeldWithWhyAndTheOthersGoOn() throws Exception {
		FileOutbox outbox = new FileOutbox(this.folder.resolve("outbox"));
		PhotoUploader uploader = new PhotoUploader(client(), this.retry);
		QueuedWrite gif = outbox.record(PhotoDraft.of(uploader, photo("c.gif", 5_000), "image/gif"));
		QueuedWrite gone = outbox.record(PhotoDraft.of(uploader, photo("d.jpg", 5_000), "image/jpeg"));
		QueuedWrite changed = outbox.record(PhotoDraft.of(uploader, photo("e.jpg", 5_000), "image/jpeg"));
		QueuedWrite good = outbox.record(PhotoDraft.of(uploader, photo("f.jpg", 5_000), "image/jpeg"));
		Files.delete(this.folder.resolve("d.jpg"));
		Files.write(this.folder.resolve("e.jpg"), new byte[] { 1, 2, 3 });

		SyncReport report = sync(outbox).drain();

		assertThat(report.outcome()).as(report.toString()).isEqualTo(SyncReport.Outcome.DRAINED);
		assertThat(report.rejected()).isEqualTo(3);
		assertThat(report.accepted()).isEqualTo(1);
		assertThat(outbox.size()).isZero();
		assertThat(this.photos).containsOnlyKeys(good.input().getString("sha256"));
		Map<String, String> codes = new HashMap<>();
		for (HeldWrite held : new FileOutbox(this.folder.resolve("outbox")).rejections()) {
			assertThat(held.status()).isEqualTo("REJECTED");
			assertThat(held.write().kind()).isEqualTo(WriteKind.PHOTO);
			codes.put(held.write().id(), held.errors().getJSONObject(0).getString("code"));
		}
		assertThat(codes).containsEntry(gif.id(), "UNSUPPORTED_PHOTO_TYPE")
			.containsEntry(gone.id(), OutboxSync.PHOTO_MISSING)
			.containsEntry(changed.id(), PhotoUploader.PHOTO_CHANGED)
			.hasSize(3);
	}

	@Test
	void aPhotoWhoseUploadOutlastsTheRetriesStaysQueuedAndResumesOnTheNextDrain() throws Exception {
		FileOutbox outbox = new FileOutbox(this.folder.resolve("outbox"));
		PhotoUploader uploader = new PhotoUploader(client(), this.retry, 32 * 1024);
		QueuedWrite photo = outbox.record(PhotoDraft.of(uploader, photo("g.jpg", 100_000), "image/jpeg"));
		QueuedWrite visit = outbox.record(Visits.draft("先走访"));
		// the first piece arrives, then the link goes
		this.piecesBeforeOutage = 1;

		SyncReport first = new OutboxSync(client(), outbox, this.retry, OutboxSync.DEFAULT_BATCH,
				Clock.systemDefaultZone(), uploader)
			.drain();

		assertThat(first.outcome()).as(first.toString()).isEqualTo(SyncReport.Outcome.RETRY_LATER);
		assertThat(this.visitsStored).containsExactly(visit.id());
		assertThat(outbox.next(10)).extracting(QueuedWrite::id).containsExactly(photo.id());
		long held = this.photos.get(photo.input().getString("sha256")).size();
		assertThat(held).isEqualTo(32 * 1024);

		this.piecesBeforeOutage = Integer.MAX_VALUE;
		SyncReport second = sync(outbox).drain();

		assertThat(second.outcome()).as(second.toString()).isEqualTo(SyncReport.Outcome.DRAINED);
		assertThat(outbox.size()).isZero();
		assertThat(this.photos.get(photo.input().getString("sha256")).toByteArray())
			.isEqualTo(Files.readAllBytes(this.folder.resolve("g.jpg")));
		// resumed where the service stood: only the rest went up
		assertThat(second.answers()).singleElement()
			.satisfies((answer) -> assertThat(answer.result().getLong("bytesSent")).isEqualTo(100_000 - held));
	}

	private OutboxSync sync(Outbox outbox) {
		return new OutboxSync(client(), outbox, this.retry, OutboxSync.DEFAULT_BATCH, Clock.systemDefaultZone(),
				new PhotoUploader(client(), this.retry, 64 * 1024));
	}

	private BangfuClient client() {
		// one client, as in the app: the drain's traffic counts what its uploader sends
		if (this.client == null) {
			this.client = BangfuClient
				.builder(this.service.url(),
						new FakeService.MemorySessionStore(FakeService.tokens("access", "refresh")))
				.build();
		}
		return this.client;
	}

	private Path photo(String name, int size) throws Exception {
		byte[] bytes = new byte[size];
		new Random(size + name.hashCode()).nextBytes(bytes);
		Path file = this.folder.resolve(name);
		Files.write(file, bytes);
		return file;
	}

	private static ByteArrayOutputStream whole(QueuedWrite photo) throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		bytes.write(Files.readAllBytes(PhotoDraft.prepared(photo).file()));
		return bytes;
	}

	private synchronized Reply graphQl(Recorded request) {
		JSONObject input = request.variables().getJSONObject("input");
		if (request.operation().equals("SyncVisits")) {
			JSONArray results = new JSONArray();
			JSONArray visits = input.getJSONArray("visits");
			for (int i = 0; i < visits.length(); i++) {
				String uuid = visits.getJSONObject(i).getString("uuid");
				this.visitsStored.add(uuid);
				results
					.put(new JSONObject().put("uuid", uuid).put("status", "ACCEPTED").put("errors", new JSONArray()));
			}
			return Reply.data(new JSONObject().put("syncVisits", new JSONObject().put("results", results)));
		}
		String sha256 = input.getString("sha256");
		JSONArray errors = new JSONArray();
		if (!input.getString("contentType").startsWith("image/jpeg")) {
			errors.put(new JSONObject().put("code", "UNSUPPORTED_PHOTO_TYPE").put("message", "不支持的照片类型"));
			return Reply.data(new JSONObject().put("requestPhotoUpload",
					new JSONObject().put("upload", JSONObject.NULL).put("userErrors", errors)));
		}
		ByteArrayOutputStream held = this.photos.computeIfAbsent(sha256, (key) -> new ByteArrayOutputStream());
		this.sizes.put(sha256, input.getLong("size"));
		JSONObject upload = new JSONObject().put("id", sha256)
			.put("uploadUrl", "/photos/uploads/" + sha256)
			.put("size", input.getLong("size"))
			.put("receivedBytes", held.size())
			.put("complete", held.size() == input.getLong("size"));
		return Reply.data(new JSONObject().put("requestPhotoUpload",
				new JSONObject().put("upload", upload).put("userErrors", errors)));
	}

	private synchronized Reply tus(Recorded request) {
		String sha256 = request.path.substring(request.path.lastIndexOf('/') + 1);
		ByteArrayOutputStream held = this.photos.get(sha256);
		if (request.method.equals("HEAD")) {
			return new Reply(200, "").header("Upload-Offset", Integer.toString(held.size()));
		}
		if (this.piecesBeforeOutage-- <= 0) {
			return Reply.error(503, "SERVICE_UNAVAILABLE");
		}
		if (Long.parseLong(request.headers.get("upload-offset")) != held.size()) {
			return Reply.error(409, "UPLOAD_OFFSET_MISMATCH");
		}
		held.write(request.body, 0, request.body.length);
		if (held.size() == this.sizes.get(sha256) && !Operation.sha256Hex(held.toByteArray()).equals(sha256)) {
			return Reply.error(422, "PHOTO_HASH_MISMATCH");
		}
		return new Reply(204, "").header("Upload-Offset", Integer.toString(held.size()));
	}

}
