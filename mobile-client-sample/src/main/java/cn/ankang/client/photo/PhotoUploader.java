package cn.ankang.client.photo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;

import cn.ankang.client.BangfuClient;
import cn.ankang.client.BangfuException;
import cn.ankang.client.PermanentException;
import cn.ankang.client.TransientException;
import cn.ankang.client.retry.RetryPolicy;

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

	/**
	 * The code of a refusal made on the phone: the file to send is not what was recorded.
	 */
	public static final String PHOTO_CHANGED = "PHOTO_CHANGED";

	/** Pieces small enough to get through a weak signal between two drops. */
	public static final int DEFAULT_CHUNK = 256 * 1024;

	private final PhotoScaler scaler;

	private final PhotoSizing sizing;

	private final ResumableUpload resumable;

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
		this.scaler = scaler;
		this.sizing = sizing;
		this.resumable = new ResumableUpload(client, retry, chunkSize);
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
		return PhotoFiles.prepare(photo, this.scaler, this.sizing);
	}

	/**
	 * The lower-case hex SHA-256 of a file, as visits refer to photos.
	 * @param photo the file
	 * @return 64 hex digits
	 * @throws IOException when it cannot be read
	 */
	public static String sha256(Path photo) throws IOException {
		return PhotoFiles.sha256(photo);
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
		return this.resumable.send(prepared.file(), prepared.contentType(), prepared.size(), prepared.sha256());
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
		return this.resumable.send(prepared.file(), prepared.contentType(), size, prepared.sha256());
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
