package cn.ankang.client.outbox;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.json.JSONObject;

import cn.ankang.client.photo.PhotoUploader;

/**
 * A photo taken in the field, to go up through the outbox like every other write. It is
 * sized and hashed when the draft is made ({@link PhotoUploader#prepared(Path, String)}),
 * so that once {@link Outbox#record(Draft)} returns, the visit can name it by
 * {@link #sha256()} in {@link VisitDraft#photoHashes(java.util.List)} before a byte has
 * gone up. The outbox keeps where the file to send lies, not its bytes: keep the file in
 * the app's own storage until the photo is delivered.
 */
public final class PhotoDraft implements Draft {

	private final PhotoUploader.Prepared prepared;

	private PhotoDraft(PhotoUploader.Prepared prepared) {
		this.prepared = prepared;
	}

	/**
	 * A photo, sized by the uploader's {@code PhotoScaler} and {@code PhotoSizing} (as
	 * taken when it has none).
	 * @param uploader the app's uploader, with its scaler and sizing
	 * @param photo the photo as taken
	 * @param contentType its type: {@code image/jpeg}, {@code image/png} or
	 * {@code image/webp}
	 * @return the draft
	 * @throws IOException when the photo cannot be read or the sized one written
	 */
	public static PhotoDraft of(PhotoUploader uploader, Path photo, String contentType) throws IOException {
		return new PhotoDraft(uploader.prepared(photo, contentType));
	}

	/**
	 * The photo a queued write sends.
	 * @param write a queued write of kind {@link WriteKind#PHOTO}
	 * @return the file, type, size and hash it was recorded with
	 */
	public static PhotoUploader.Prepared prepared(QueuedWrite write) {
		if (write.kind() != WriteKind.PHOTO) {
			throw new IllegalArgumentException("Not a photo: " + write);
		}
		JSONObject input = write.input();
		return new PhotoUploader.Prepared(Paths.get(input.getString("file")), input.getString("contentType"),
				input.getLong("size"), input.getString("sha256"));
	}

	/**
	 * The SHA-256 of the bytes that go up, for the visit's {@code photoHashes}.
	 * @return 64 lower-case hex digits
	 */
	public String sha256() {
		return this.prepared.sha256();
	}

	@Override
	public WriteKind kind() {
		return WriteKind.PHOTO;
	}

	@Override
	public JSONObject toInput(String photoId) {
		return new JSONObject().put("photoId", photoId)
			.put("file", this.prepared.file().toAbsolutePath().toString())
			.put("contentType", this.prepared.contentType())
			.put("size", this.prepared.size())
			.put("sha256", this.prepared.sha256());
	}

}
