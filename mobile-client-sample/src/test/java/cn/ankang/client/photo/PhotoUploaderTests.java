package cn.ankang.client.photo;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.ankang.client.BangfuClient;
import cn.ankang.client.FakeService;
import cn.ankang.client.FakeService.Recorded;
import cn.ankang.client.FakeService.Reply;
import cn.ankang.client.Operation;
import cn.ankang.client.PermanentException;
import cn.ankang.client.retry.Backoff;
import cn.ankang.client.retry.RetryPolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The uploader against a stand-in tus server that keeps part of a broken piece, loses
 * answers, and refuses offsets: the photo arrives whole, and a break costs at most the
 * piece in flight.
 */
class PhotoUploaderTests {

	@TempDir
	Path folder;

	private final FakeService service;

	private final ByteArrayOutputStream received = new ByteArrayOutputStream();

	private final AtomicInteger patches = new AtomicInteger();

	private final RetryPolicy retry = new RetryPolicy(
			new Backoff(Duration.ofMillis(1), Duration.ofMillis(5), new Random(7)), 5, (wait) -> {
			});

	private boolean complete;

	PhotoUploaderTests() throws Exception {
		this.service = new FakeService();
	}

	@AfterEach
	void stop() {
		this.service.close();
	}

	@Test
	void piecesBrokenOffOrAnsweredWrongAreResumedFromWhatTheServiceHolds() throws Exception {
		byte[] photo = jpeg(300_000);
		Path file = this.folder.resolve("photo.jpg");
		Files.write(file, photo);
		this.service.graphQl((request) -> slot(request, photo.length));
		this.service.other((request) -> {
			synchronized (this.received) {
				if (request.method.equals("HEAD")) {
					return new Reply(200, "").header("Upload-Offset", Integer.toString(this.received.size()))
						.header("Upload-Length", Integer.toString(photo.length));
				}
				int patch = this.patches.incrementAndGet();
				long offset = Long.parseLong(request.headers.get("upload-offset"));
				assertThat(request.headers).containsEntry("content-type", "application/offset+octet-stream");
				if (offset != this.received.size()) {
					return Reply.error(409, "UPLOAD_OFFSET_MISMATCH");
				}
				if (patch == 2) {
					// the connection broke mid-piece: the first half stays
					this.received.write(request.body, 0, request.body.length / 2);
					return null;
				}
				this.received.write(request.body, 0, request.body.length);
				if (patch == 4) {
					// stored, but the answer is lost
					return null;
				}
				if (patch == 5) {
					// a piece sent again after a lost answer would land here; this one
					// did not
					return Reply.error(503, "STORAGE_UNAVAILABLE");
				}
				return new Reply(204, "").header("Upload-Offset", Integer.toString(this.received.size()));
			}
		});

		PhotoUploader.Result result = new PhotoUploader(client(), this.retry, 64 * 1024).upload(file, "image/jpeg");

		assertThat(this.received.toByteArray()).isEqualTo(photo);
		assertThat(result.sha256()).isEqualTo(Operation.sha256Hex(photo));
		assertThat(result.failures()).isEqualTo(3);
		assertThat(result.alreadyStored()).isFalse();
		long heads = this.service.requests().stream().filter((request) -> request.method.equals("HEAD")).count();
		assertThat(heads).isEqualTo(3);
		assertThat(this.service.requests().stream().allMatch((request) -> request.headers.containsKey("authorization")))
			.isTrue();
	}

	@Test
	void aPhotoTheServiceHoldsIsNotSentAgain() throws Exception {
		Path file = this.folder.resolve("photo.jpg");
		Files.write(file, jpeg(1000));
		this.complete = true;
		this.service.graphQl((request) -> slot(request, 1000));

		PhotoUploader.Result result = new PhotoUploader(client(), this.retry).upload(file, "image/jpeg");

		assertThat(result.alreadyStored()).isTrue();
		assertThat(this.service.requests().stream().noneMatch((request) -> request.method.equals("PATCH"))).isTrue();
	}

	@Test
	void aHashMismatchStartsOverOnceAndThenGivesUp() throws Exception {
		byte[] photo = jpeg(1000);
		Path file = this.folder.resolve("photo.jpg");
		Files.write(file, photo);
		this.service.graphQl((request) -> slot(request, photo.length));
		this.service.other((request) -> {
			if (request.method.equals("HEAD")) {
				return new Reply(200, "").header("Upload-Offset", "0");
			}
			this.patches.incrementAndGet();
			return Reply.error(422, "PHOTO_HASH_MISMATCH");
		});

		assertThatExceptionOfType(PermanentException.class)
			.isThrownBy(() -> new PhotoUploader(client(), this.retry).upload(file, "image/jpeg"))
			.satisfies((ex) -> assertThat(ex.codes()).containsExactly("PHOTO_HASH_MISMATCH"));
		assertThat(this.patches).hasValue(2);
	}

	@Test
	void aRefusedPhotoIsPermanent() throws Exception {
		Path file = this.folder.resolve("photo.gif");
		Files.write(file, new byte[] { 'G', 'I', 'F', '8', '9', 'a' });
		this.service.graphQl((request) -> Reply.data(new JSONObject().put("requestPhotoUpload",
				new JSONObject().put("upload", JSONObject.NULL)
					.put("userErrors",
							new org.json.JSONArray().put(new JSONObject().put("code", "UNSUPPORTED_PHOTO_TYPE")
								.put("message", "JPEG, PNG or WebP")
								.put("field", new org.json.JSONArray()))))));

		assertThatExceptionOfType(PermanentException.class)
			.isThrownBy(() -> new PhotoUploader(client(), this.retry).upload(file, "image/gif"))
			.satisfies((ex) -> assertThat(ex.codes()).containsExactly("UNSUPPORTED_PHOTO_TYPE"));
	}

	private BangfuClient client() {
		return BangfuClient
			.builder(this.service.url(), new FakeService.MemorySessionStore(FakeService.tokens("access", "refresh")))
			.build();
	}

	private Reply slot(Recorded request, int size) {
		JSONObject input = request.variables().getJSONObject("input");
		assertThat(input.getString("sha256")).matches("[0-9a-f]{64}");
		assertThat(input.getLong("size")).isEqualTo(size);
		JSONObject upload = new JSONObject().put("id", "u1")
			.put("uploadUrl", "/photos/uploads/u1")
			.put("size", size)
			.put("receivedBytes", this.complete ? size : 0)
			.put("complete", this.complete);
		return Reply.data(new JSONObject().put("requestPhotoUpload",
				new JSONObject().put("upload", upload).put("userErrors", new org.json.JSONArray())));
	}

	/** Bytes that start and end like a JPEG. */
	static byte[] jpeg(int size) {
		byte[] bytes = new byte[size];
		new Random(size).nextBytes(bytes);
		byte[] head = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F', 0 };
		System.arraycopy(head, 0, bytes, 0, head.length);
		bytes[size - 2] = (byte) 0xFF;
		bytes[size - 1] = (byte) 0xD9;
		return Arrays.copyOf(bytes, size);
	}

}
