package cn.ankang.bangfu.photo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.security.Auth;
import cn.ankang.bangfu.security.CurrentUser;
import cn.ankang.bangfu.security.jurisdiction.Jurisdiction;
import cn.ankang.bangfu.security.Role;
import cn.ankang.bangfu.shared.errors.ApiException;
import cn.ankang.bangfu.shared.errors.UserError;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Upload slots, the check of a finished upload, and who may see a photo. The bytes move
 * outside any transaction (a phone on a thin link must not hold a database connection
 * while it sends); only the steps before and after touch the database.
 */
@Service
public class PhotoService {

	/** A photo's SHA-256 as phones and visits write it: lower-case hex. */
	public static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

	private final PhotoRepository repository;

	private final PhotoStore store;

	private final PhotoProperties properties;

	private final Jurisdiction jurisdiction;

	PhotoService(PhotoRepository repository, PhotoStore store, PhotoProperties properties, Jurisdiction jurisdiction) {
		this.repository = repository;
		this.store = store;
		this.properties = properties;
		this.jurisdiction = jurisdiction;
	}

	/**
	 * The signed-in cadre's upload slot for a photo: a new one, the one begun before (to
	 * resume), or one already complete when the service holds the photo.
	 */
	@Transactional
	RequestUploadPayload requestUpload(RequestUploadInput input) {
		CurrentUser user = uploader();
		String sha256 = input.sha256().toLowerCase(Locale.ROOT);
		if (!SHA256.matcher(sha256).matches()) {
			return RequestUploadPayload.refused(UserError.of("INVALID_INPUT",
					"'sha256' is the photo's SHA-256 as 64 hexadecimal digits.", "input", "sha256"));
		}
		if (input.size() <= 0) {
			return RequestUploadPayload
				.refused(UserError.of("INVALID_INPUT", "'size' is the photo's size in bytes.", "input", "size"));
		}
		if (input.size() > this.properties.maxBytes()) {
			return RequestUploadPayload
				.refused(UserError.of("PHOTO_TOO_LARGE", "Photos may have at most %d bytes; this one has %d."
					.formatted(this.properties.maxBytes(), input.size()), "input", "size"));
		}
		Optional<PhotoType> type = PhotoType.ofContentType(input.contentType());
		if (type.isEmpty()) {
			return RequestUploadPayload.refused(UserError.of("UNSUPPORTED_PHOTO_TYPE",
					"Photos are JPEG, PNG or WebP (image/jpeg, image/png, image/webp).", "input", "contentType"));
		}
		PhotoRepository.Upload upload = this.repository.slot(user.userKey(), sha256, input.size(),
				type.get().contentType());
		if (!upload.complete() && upload.size() != input.size()) {
			// the same hash with another size: what was received belongs to no photo
			this.repository.redeclare(upload.id(), input.size(), type.get().contentType());
			io(() -> this.store.discard(upload.id()));
		}
		// a photo someone else sent is still sent in full: knowing its hash proves
		// nothing, and taking the hash for the photo would hand it to anyone who had
		// read the hash off a visit
		long received = upload.complete() ? input.size() : io(() -> this.store.received(upload.id()));
		return RequestUploadPayload.of(view(upload.id(), input.size(), received, upload.complete()));
	}

	/**
	 * The signed-in user's upload.
	 * @throws PhotoHttpException {@code NOT_FOUND} when the user has none with this id
	 */
	@Transactional(readOnly = true)
	PhotoRepository.Upload upload(String id) {
		CurrentUser user = Auth.current()
			.orElseThrow(() -> new PhotoHttpException(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED",
					"Sign in to upload photos."));
		UUID key;
		try {
			key = UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			throw notFound();
		}
		return this.repository.upload(key, user.userKey()).orElseThrow(PhotoService::notFound);
	}

	/**
	 * Checks the first bytes of an upload as soon as they are there, so that a phone does
	 * not send ten megabytes of something that is not a picture.
	 * @throws PhotoHttpException {@code UNSUPPORTED_PHOTO_TYPE}, the upload discarded
	 */
	void checkSignature(PhotoRepository.Upload upload) throws IOException {
		byte[] head;
		try (InputStream in = this.store.openUpload(upload.id())) {
			head = in.readNBytes(PhotoType.SIGNATURE_LENGTH);
		}
		if (head.length >= Math.min(PhotoType.SIGNATURE_LENGTH, upload.size()) && PhotoType.sniff(head).isEmpty()) {
			this.store.discard(upload.id());
			throw unsupportedType();
		}
	}

	/**
	 * Keeps a finished upload as a photo, if its bytes are a picture and have the
	 * declared SHA-256; otherwise discards them, so that the phone starts over.
	 */
	@Transactional
	void complete(PhotoRepository.Upload upload) throws IOException {
		MessageDigest digest = sha256();
		byte[] head;
		try (InputStream in = new DigestInputStream(this.store.openUpload(upload.id()), digest)) {
			head = in.readNBytes(PhotoType.SIGNATURE_LENGTH);
			in.transferTo(OutputStream.nullOutputStream());
		}
		if (!HexFormat.of().formatHex(digest.digest()).equals(upload.sha256())) {
			this.store.discard(upload.id());
			throw new PhotoHttpException(HttpStatus.UNPROCESSABLE_CONTENT, "PHOTO_HASH_MISMATCH",
					"The bytes received do not have the SHA-256 the upload was asked for: they were discarded; send "
							+ "the photo again from the start.");
		}
		Optional<PhotoType> type = PhotoType.sniff(head);
		if (type.isEmpty()) {
			this.store.discard(upload.id());
			throw unsupportedType();
		}
		// the row first: if moving the file fails, the transaction takes the row back
		this.repository.stored(upload, type.get().contentType());
		this.store.promote(upload.id(), upload.sha256());
	}

	/**
	 * The photo with this SHA-256, if the signed-in user sent it or may see a visit that
	 * refers to it.
	 */
	@Transactional(readOnly = true)
	Optional<StoredPhoto> readable(String sha256) {
		Optional<CurrentUser> user = Auth.current();
		if (user.isEmpty() || !SHA256.matcher(sha256).matches()) {
			return Optional.empty();
		}
		return this.repository.readable(sha256, user.get().userKey(), this.jurisdiction.forQueries());
	}

	/**
	 * The photos among these that resident cadres sent themselves, by cadre and SHA-256:
	 * a visit's photo is the one its cadre sent, not one another cadre sent with the same
	 * hash.
	 */
	@Transactional(readOnly = true)
	public Map<Long, Map<String, StoredPhoto>> sentByCadres(Collection<String> sha256s) {
		List<String> valid = sha256s.stream().filter((sha) -> SHA256.matcher(sha).matches()).distinct().toList();
		if (valid.isEmpty()) {
			return Map.of();
		}
		Map<Long, Map<String, StoredPhoto>> result = new java.util.HashMap<>();
		this.repository.sentByCadres(valid)
			.forEach((sent) -> result.computeIfAbsent(sent.cadreKey(), (k) -> new java.util.HashMap<>())
				.put(sent.photo().sha256(), sent.photo()));
		return result;
	}

	/** How the audit trail names a photo: photos have no global id of their own. */
	static String auditId(String sha256) {
		return "Photo:" + sha256;
	}

	/** The path a photo is served at. */
	public static String url(String sha256) {
		return "/photos/" + sha256;
	}

	private static CurrentUser uploader() {
		CurrentUser user = Auth.require();
		if (!(user.has(Role.FIRST_SECRETARY) || user.has(Role.TEAM_MEMBER))) {
			throw ApiException.forbidden("Only resident cadres upload photos, with the visits they log.");
		}
		return user;
	}

	private static PhotoUploadView view(UUID id, long size, long received, boolean complete) {
		return new PhotoUploadView(id.toString(), "/photos/uploads/" + id, size, received, complete);
	}

	private static PhotoHttpException notFound() {
		return new PhotoHttpException(HttpStatus.NOT_FOUND, "NOT_FOUND", "There is no such upload of yours.");
	}

	private static PhotoHttpException unsupportedType() {
		return new PhotoHttpException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_PHOTO_TYPE",
				"The bytes are not a JPEG, PNG or WebP picture: they were discarded.");
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

	private static <T> T io(IoSupplier<T> action) {
		try {
			return action.get();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void io(IoAction action) {
		try {
			action.run();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private interface IoSupplier<T> {

		T get() throws IOException;

	}

	private interface IoAction {

		void run() throws IOException;

	}

	/**
	 * A phone's request for an upload slot.
	 *
	 * @param sha256 the photo's SHA-256, hex
	 * @param size its size in bytes
	 * @param contentType its type
	 */
	record RequestUploadInput(String sha256, long size, String contentType) {
	}

	/**
	 * An upload slot as the phone sees it.
	 *
	 * @param id the slot's id
	 * @param uploadUrl where to send the bytes
	 * @param size the photo's size
	 * @param receivedBytes how many bytes the service holds
	 * @param complete whether the service holds the photo
	 */
	record PhotoUploadView(String id, String uploadUrl, long size, long receivedBytes, boolean complete) {
	}

	record RequestUploadPayload(@Nullable PhotoUploadView upload, List<UserError> userErrors) {

		static RequestUploadPayload of(PhotoUploadView upload) {
			return new RequestUploadPayload(upload, List.of());
		}

		static RequestUploadPayload refused(UserError error) {
			return new RequestUploadPayload(null, List.of(error));
		}

	}

}
