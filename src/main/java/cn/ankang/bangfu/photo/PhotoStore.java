package cn.ankang.bangfu.photo;

import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;

/**
 * Where photo bytes live: partial uploads while they arrive, then finished photos by
 * their SHA-256. One interface, so that object storage can take the place of the disk.
 */
public interface PhotoStore {

	/** How many bytes of the upload are held; 0 for one not begun. */
	long received(UUID upload) throws IOException;

	/**
	 * Appends the stream to the upload, which must hold exactly {@code offset} bytes, up
	 * to {@code length} bytes in all. Bytes that arrive before the stream breaks are
	 * kept, so that the phone can resume after them.
	 * @return the bytes held afterwards
	 * @throws OffsetMismatch when the upload holds another number of bytes, or another
	 * request is writing to it
	 * @throws TooLong when the stream holds more than {@code length} bytes in all; the
	 * upload is left as it was before
	 */
	long append(UUID upload, long offset, InputStream bytes, long length) throws IOException;

	/** The bytes of the upload so far. */
	InputStream openUpload(UUID upload) throws IOException;

	/** Forgets the upload's bytes. */
	void discard(UUID upload) throws IOException;

	/**
	 * Keeps the upload's bytes as the photo with this SHA-256 (hex), and forgets the
	 * upload.
	 */
	void promote(UUID upload, String sha256) throws IOException;

	/** The photo's bytes. */
	InputStream open(String sha256) throws IOException;

	/** The upload holds another number of bytes than the phone thinks. */
	class OffsetMismatch extends IOException {

		private final long held;

		public OffsetMismatch(long held) {
			super("The upload holds " + held + " bytes");
			this.held = held;
		}

		/** The bytes held, or -1 when another request is writing to the upload. */
		public long held() {
			return this.held;
		}

	}

	/** More bytes than the photo's declared size. */
	class TooLong extends IOException {

		public TooLong() {
			super("More bytes than declared");
		}

	}

}
