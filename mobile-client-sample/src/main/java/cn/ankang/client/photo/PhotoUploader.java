package cn.ankang.client.photo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;

import cn.ankang.client.BangfuClient;
import cn.ankang.client.BangfuException;
import cn.ankang.client.Operation;
import cn.ankang.client.PermanentException;
import cn.ankang.client.TransientException;
import cn.ankang.client.retry.RetryPolicy;
import cn.ankang.client.storage.AtomicFiles;

/**
 * Uploads a photo: asks the service for a slot ({@code requestPhotoUpload}) by the
 * photo's SHA-256, computed here, then sends the bytes in pieces with {@code PATCH} and
 * {@code Upload-Offset}. The service keeps what arrived even when a connection breaks
 * mid-piece, so after any failure the uploader asks with {@code HEAD} how much it holds
 * and goes on from there: a break costs at most one piece. Asking for the slot again
 * resumes an upload begun before, in this run or an earlier one.
 * <p>
 * Given a {@link PhotoScaler}, it sends the photo sized for the field instead of as
 * taken: {@link #prepare(Path)} writes the sized JPEG beside the original once (an upload
 * resumed later sends the very same bytes), and the SHA-256 is that of the bytes sent,
 * which is the hash a visit names.
 */
public final class PhotoUploader {

	private static final String SIZED = ".sized.jpg";

	/**
	 * The code of a refusal made on the phone: the file to send is not what was recorded.
	 */
	public static final String PHOTO_CHANGED = "PHOTO_CHANGED";

	/** Pieces small enough to get through a weak signal between two drops. */
	public static final int DEFAULT_CHUNK = 256 * 1024;

	private static final Operation REQUEST_UPLOAD = Operation.load("RequestPhotoUpload");

	private static final MediaType OFFSET_OCTET_STREAM = MediaType.get("application/offset+octet-stream");

	private static final String TUS_VERSION = "1.0.0";

	private final BangfuClient client;

	private final RetryPolicy retry;

	private final int chunkSize;

	private final PhotoScaler scaler;

	private final PhotoSizing sizing;

	/**
	 * An uploader with pieces of {@value #DEFAULT_CHUNK} bytes.
	 * @param client the transport
	 * @param retry how often and how patiently to go on after failures
	 */
	public PhotoUploader(BangfuClient client, RetryPolicy retry) {
		this(client, retry, DEFAULT_CHUNK);
	}

	/**
	 * An uploader.
	 * @param client the transport
	 * @param retry how often and how patiently to go on after failures in a row
	 * @param chunkSize bytes per {@code PATCH}
	 */
	public PhotoUploader(BangfuClient client, RetryPolicy retry, int chunkSize) {
		this(client, retry, chunkSize, null, null);
	}

	/**
	 * An uploader that sizes photos before it sends them.
	 * @param client the transport
	 * @param retry how often and how patiently to go on after failures in a row
	 * @param chunkSize bytes per {@code PATCH}
	 * @param scaler how photos are sized (the app's own on Android), or null to send them
	 * as taken
	 * @param sizing how large, how good, and whether with location
	 */
	public PhotoUploader(BangfuClient client, RetryPolicy retry, int chunkSize, PhotoScaler scaler,
			PhotoSizing sizing) {
		if (chunkSize < 1) {
			throw new IllegalArgumentException("A piece holds at least one byte");
		}
		if (scaler != null && sizing == null) {
			throw new IllegalArgumentException("A scaler needs a sizing");
		}
		this.client = client;
		this.retry = retry;
		this.chunkSize = chunkSize;
		this.scaler = scaler;
		this.sizing = sizing;
	}

	/**
	 * The file that goes up for a photo: without a scaler the photo itself; with one, the
	 * photo sized, written once beside it as {@code <name>.sized.jpg} and reused after.
	 * Hash this file ({@link #sha256(Path)}) for the visit's {@code photoHashes}.
	 * @param photo the photo as taken, or a file this method returned
	 * @return the file to send
	 * @throws IOException when the photo cannot be read or the sized one written
	 */
	public Path prepare(Path photo) throws IOException {
		if (this.scaler == null || photo.getFileName().toString().endsWith(SIZED)) {
			return photo;
		}
		Path sized = photo.resolveSibling(photo.getFileName() + SIZED);
		if (Files.exists(sized)) {
			return sized;
		}
		// written aside and moved into place, so that a file of that name is always whole
		Path partial = photo.resolveSibling(photo.getFileName() + SIZED + AtomicFiles.TEMPORARY_SUFFIX);
		if (!this.scaler.scale(photo, partial, this.sizing)) {
			Files.deleteIfExists(partial);
			return photo;
		}
		AtomicFiles.move(partial, sized);
		return sized;
	}

	/**
	 * The lower-case hex SHA-256 of a file, as visits refer to photos.
	 * @param photo the file
	 * @return 64 hex digits
	 * @throws IOException when it cannot be read
	 */
	public static String sha256(Path photo) throws IOException {
		MessageDigest digest = Operation.newSha256Digest();
		byte[] buffer = new byte[64 * 1024];
		try (InputStream in = Files.newInputStream(photo)) {
			for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
				digest.update(buffer, 0, n);
			}
		}
		return Operation.hex(digest.digest());
	}

	/**
	 * Uploads a photo, or finds the service holds it already; sized first when this
	 * uploader has a scaler ({@link #prepare(Path)}).
	 * @param original the photo; keep it unchanged until the upload is done
	 * @param originalType {@code image/jpeg}, {@code image/png} or {@code image/webp}:
	 * the original's (a sized photo is always JPEG)
	 * @return what happened
	 * @throws PermanentException {@code PHOTO_TOO_LARGE}, {@code UNSUPPORTED_PHOTO_TYPE},
	 * {@code PHOTO_HASH_MISMATCH} (twice), ...
	 * @throws TransientException when failures in a row outlast the retry policy: call
	 * again later, it resumes
	 * @throws IOException when the file cannot be read
	 * @throws InterruptedException when the thread is interrupted
	 */
	public Result upload(Path original, String originalType) throws BangfuException, IOException, InterruptedException {
		Prepared prepared = prepared(original, originalType);
		return send(prepared.file(), prepared.contentType(), prepared.size(), prepared.sha256());
	}

	/**
	 * What goes up for a photo, known before anything is sent: the file
	 * ({@link #prepare(Path)}), its type, size and SHA-256. The outbox keeps it when the
	 * photo is recorded, so that the visit can name the hash at once.
	 * @param original the photo as taken
	 * @param originalType its type (a sized photo is always JPEG)
	 * @return the file to send and what the service is told about it
	 * @throws IOException when the photo cannot be read or the sized one written
	 */
	public Prepared prepared(Path original, String originalType) throws IOException {
		Path photo = prepare(original);
		String contentType = photo.equals(original) ? originalType : "image/jpeg";
		return new Prepared(photo, contentType, Files.size(photo), sha256(photo));
	}

	/**
	 * Uploads a photo prepared before, byte for byte as it was then (not sized again,
	 * whatever this uploader's scaler), or finds the service holds it already.
	 * @param prepared what {@link #prepared(Path, String)} returned, maybe in an earlier
	 * run
	 * @return what happened
	 * @throws PermanentException {@code PHOTO_CHANGED} when the file no longer has the
	 * hash it was prepared with (nothing is sent then), or what the service refuses
	 * @throws TransientException when failures in a row outlast the retry policy: call
	 * again later, it resumes
	 * @throws IOException when the file cannot be read ({@code NoSuchFileException} when
	 * it is gone)
	 * @throws InterruptedException when the thread is interrupted
	 */
	public Result upload(Prepared prepared) throws BangfuException, IOException, InterruptedException {
		long size = Files.size(prepared.file());
		if (size != prepared.size() || !prepared.sha256().equals(sha256(prepared.file()))) {
			// the visit names the hash recorded: other bytes would never join it
			throw new PermanentException("The photo file changed after it was recorded: " + prepared.file(), 0,
					Collections.singletonList(PHOTO_CHANGED));
		}
		return send(prepared.file(), prepared.contentType(), size, prepared.sha256());
	}

	private Result send(Path photo, String contentType, long size, String sha256)
			throws BangfuException, IOException, InterruptedException {
		JSONObject slot = requestSlot(sha256, size, contentType);
		if (slot.getBoolean("complete")) {
			return new Result(sha256, size, 0, 0, true);
		}
		HttpUrl url = this.client.resolve(slot.getString("uploadUrl"));
		long offset = slot.getLong("receivedBytes");
		long sent = 0;
		int failuresInARow = 0;
		int failures = 0;
		boolean restartedForHash = false;
		boolean askedAgainForSlot = false;
		boolean ask = false;
		boolean slotGone = false;
		while (true) {
			try {
				if (ask) {
					long held = head(url);
					ask = false;
					slotGone = held < 0;
					offset = Math.max(0, held);
				}
				if (slotGone) {
					if (askedAgainForSlot) {
						throw new PermanentException("The upload slot is gone again", 404,
								Collections.singletonList("NOT_FOUND"));
					}
					// the slot is gone (it expired): asking for it again resumes
					askedAgainForSlot = true;
					slotGone = false;
					slot = requestSlot(sha256, size, contentType);
					if (slot.getBoolean("complete")) {
						return new Result(sha256, size, sent, failures, true);
					}
					url = this.client.resolve(slot.getString("uploadUrl"));
					offset = slot.getLong("receivedBytes");
				}
				if (offset >= size) {
					return new Result(sha256, size, sent, failures, false);
				}
				int length = (int) Math.min(this.chunkSize, size - offset);
				byte[] piece = read(photo, offset, length);
				Request.Builder patch = new Request.Builder().url(url)
					.header("Tus-Resumable", TUS_VERSION)
					.header("Upload-Offset", Long.toString(offset))
					.patch(RequestBody.create(piece, OFFSET_OCTET_STREAM));
				try (Response response = this.client.send(patch)) {
					if (response.code() == 204) {
						long held = uploadOffset(response);
						sent += held - offset;
						offset = held;
						failuresInARow = 0;
						continue;
					}
					Refusal refusal = Refusal.of(response);
					if (response.code() == 409) {
						// another piece of ours is still being written, or an earlier one
						// arrived after all: ask where the service stands
						throw new TransientException(refusal.message, 409, refusal.codes, null, null);
					}
					if (response.code() == 422 && refusal.codes.contains("PHOTO_HASH_MISMATCH")) {
						if (restartedForHash || !sha256.equals(sha256(photo))) {
							throw new PermanentException(
									"The photo changed while it was uploaded, or its bytes were garbled twice", 422,
									refusal.codes);
						}
						// the service discarded the bytes: once more from the start
						restartedForHash = true;
						offset = 0;
						continue;
					}
					if (response.code() == 404) {
						slotGone = true;
						continue;
					}
					if (isRefusal(response.code(), refusal)) {
						throw new PermanentException(refusal.message, response.code(), refusal.codes);
					}
					// a failure, or an answer garbled on the way (a 400 without a code
					// is how the service answers a body that broke off): ask with HEAD
					throw new TransientException(refusal.message, response.code(), refusal.codes, null, null);
				}
			}
			catch (TransientException ex) {
				failuresInARow++;
				failures++;
				if (failuresInARow >= this.retry.maxAttempts()) {
					throw ex;
				}
				this.retry.pause(failuresInARow, ex);
				ask = true;
			}
		}
	}

	private JSONObject requestSlot(String sha256, long size, String contentType)
			throws BangfuException, InterruptedException {
		JSONObject input = new JSONObject().put("sha256", sha256).put("size", size).put("contentType", contentType);
		JSONObject payload = this.retry
			.call(() -> this.client.execute(REQUEST_UPLOAD, new JSONObject().put("input", input)))
			.getJSONObject("requestPhotoUpload");
		if (payload.isNull("upload")) {
			JSONArray errors = payload.getJSONArray("userErrors");
			List<String> codes = new ArrayList<>();
			for (int i = 0; i < errors.length(); i++) {
				codes.add(errors.getJSONObject(i).getString("code"));
			}
			String message = (errors.length() > 0) ? errors.getJSONObject(0).getString("message") : "No upload slot";
			throw new PermanentException(message, 200, codes);
		}
		return payload.getJSONObject("upload");
	}

	/** How many bytes the service holds, or -1 when the slot is gone. */
	private long head(HttpUrl url) throws BangfuException {
		Request.Builder head = new Request.Builder().url(url).header("Tus-Resumable", TUS_VERSION).head();
		try (Response response = this.client.send(head)) {
			if (response.code() == 200) {
				return uploadOffset(response);
			}
			if (response.code() == 404) {
				return -1;
			}
			Refusal refusal = Refusal.of(response);
			if (isRefusal(response.code(), refusal)) {
				throw new PermanentException(refusal.message, response.code(), refusal.codes);
			}
			throw new TransientException(refusal.message, response.code(), refusal.codes, null, null);
		}
	}

	/** Whether an answer refuses the upload for what it is, with a coded reason. */
	private static boolean isRefusal(int status, Refusal refusal) {
		return status >= 400 && status < 500 && status != 408 && status != 429 && !refusal.codes.isEmpty();
	}

	private static long uploadOffset(Response response) throws TransientException {
		String offset = response.header("Upload-Offset");
		try {
			return Long.parseLong(offset);
		}
		catch (NumberFormatException ex) {
			throw new TransientException("The answer has no Upload-Offset: " + offset, ex);
		}
	}

	private static byte[] read(Path photo, long offset, int length) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate(length);
		try (FileChannel channel = FileChannel.open(photo, StandardOpenOption.READ)) {
			while (buffer.hasRemaining()) {
				if (channel.read(buffer, offset + buffer.position()) < 0) {
					throw new IOException("The photo got shorter while it was uploaded");
				}
			}
		}
		return buffer.array();
	}

	/** The error body of a refused upload request. */
	private static final class Refusal {

		private final String message;

		private final List<String> codes;

		private Refusal(String message, List<String> codes) {
			this.message = message;
			this.codes = codes;
		}

		static Refusal of(Response response) {
			String fallback = "HTTP " + response.code();
			try {
				JSONArray errors = new JSONObject(response.body().string()).getJSONArray("errors");
				List<String> codes = new ArrayList<>();
				for (int i = 0; i < errors.length(); i++) {
					JSONObject extensions = errors.getJSONObject(i).optJSONObject("extensions");
					codes.add((extensions != null) ? extensions.optString("code", "UNKNOWN") : "UNKNOWN");
				}
				String message = (errors.length() > 0) ? errors.getJSONObject(0).optString("message", fallback)
						: fallback;
				return new Refusal(fallback + ": " + message, codes);
			}
			catch (IOException | JSONException ex) {
				return new Refusal(fallback, Collections.<String>emptyList());
			}
		}

	}

	/**
	 * A photo ready to go up: the file sent, its type, size and SHA-256, fixed when it
	 * was prepared.
	 */
	public static final class Prepared {

		private final Path file;

		private final String contentType;

		private final long size;

		private final String sha256;

		/**
		 * A photo prepared before, as kept (e.g. in the outbox).
		 * @param file the file to send
		 * @param contentType its type
		 * @param size its size in bytes
		 * @param sha256 its SHA-256, lower-case hex
		 */
		public Prepared(Path file, String contentType, long size, String sha256) {
			this.file = file;
			this.contentType = contentType;
			this.size = size;
			this.sha256 = sha256;
		}

		/**
		 * The file to send: the sized photo, or the photo as taken.
		 * @return the file
		 */
		public Path file() {
			return this.file;
		}

		/**
		 * The type the service is told.
		 * @return {@code image/jpeg}, {@code image/png} or {@code image/webp}
		 */
		public String contentType() {
			return this.contentType;
		}

		/**
		 * The file's size.
		 * @return bytes
		 */
		public long size() {
			return this.size;
		}

		/**
		 * The file's SHA-256, which the visit names in {@code photoHashes}.
		 * @return 64 lower-case hex digits
		 */
		public String sha256() {
			return this.sha256;
		}

	}

	/** What an upload did. */
	public static final class Result {

		private final String sha256;

		private final long size;

		private final long bytesSent;

		private final int failures;

		private final boolean alreadyStored;

		Result(String sha256, long size, long bytesSent, int failures, boolean alreadyStored) {
			this.sha256 = sha256;
			this.size = size;
			this.bytesSent = bytesSent;
			this.failures = failures;
			this.alreadyStored = alreadyStored;
		}

		/**
		 * The photo's SHA-256, for {@code photoHashes}.
		 * @return 64 lower-case hex digits
		 */
		public String sha256() {
			return this.sha256;
		}

		/**
		 * The photo's size.
		 * @return bytes
		 */
		public long size() {
			return this.size;
		}

		/**
		 * Bytes the service confirmed taking from this upload (pieces it confirmed only
		 * by {@code HEAD} after a break are not counted).
		 * @return bytes
		 */
		public long bytesSent() {
			return this.bytesSent;
		}

		/**
		 * Transient failures the upload went on after.
		 * @return the number
		 */
		public int failures() {
			return this.failures;
		}

		/**
		 * Whether the service held the photo before any byte was sent.
		 * @return true when nothing had to be sent
		 */
		public boolean alreadyStored() {
			return this.alreadyStored;
		}

		@Override
		public String toString() {
			return this.sha256 + " (" + this.size + " bytes): " + (this.alreadyStored ? "already stored"
					: this.bytesSent + " bytes confirmed, " + this.failures + " failures gone through");
		}

	}

}
