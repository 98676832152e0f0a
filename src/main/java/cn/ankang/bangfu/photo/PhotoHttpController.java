package cn.ankang.bangfu.photo;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cn.ankang.bangfu.security.audit.HttpAudit;
import cn.ankang.bangfu.security.Auth;
import cn.ankang.bangfu.shared.errors.Messages;

import org.springframework.core.io.InputStreamResource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * The bytes of photos, over plain HTTP. Uploads follow the core of the tus 1.0 protocol
 * ({@code HEAD} tells how many bytes the service holds, {@code PATCH} with
 * {@code Upload-Offset} sends the next ones), so a phone resumes after any break and
 * existing tus clients work; photos are served by their SHA-256.
 */
@RestController
class PhotoHttpController {

	private static final Logger log = LoggerFactory.getLogger(PhotoHttpController.class);

	private static final String TUS_VERSION = "1.0.0";

	private final PhotoService photos;

	private final PhotoStore store;

	private final Messages messages;

	private final HttpAudit audit;

	PhotoHttpController(PhotoService photos, PhotoStore store, Messages messages, HttpAudit audit) {
		this.audit = audit;
		this.photos = photos;
		this.store = store;
		this.messages = messages;
	}

	@RequestMapping(path = "/photos/uploads/{id}", method = RequestMethod.HEAD)
	ResponseEntity<Void> progress(@PathVariable String id) throws IOException {
		PhotoRepository.Upload upload = this.photos.upload(id);
		long held = upload.complete() ? upload.size() : this.store.received(upload.id());
		return tus(ResponseEntity.ok(), held, upload.size()).build();
	}

	@PatchMapping("/photos/uploads/{id}")
	ResponseEntity<Void> append(@PathVariable String id,
			@RequestHeader(name = "Upload-Offset", required = false) Long offset, HttpServletRequest request)
			throws IOException {
		PhotoRepository.Upload upload = this.photos.upload(id);
		if (offset == null || offset < 0) {
			throw new PhotoHttpException(HttpStatus.BAD_REQUEST, "INVALID_ARGUMENT",
					"Say where the bytes go in the header Upload-Offset: the number of bytes the service holds "
							+ "(ask with HEAD).");
		}
		if (upload.complete()) {
			return tus(ResponseEntity.noContent(), upload.size(), upload.size()).build();
		}
		long held;
		try {
			held = this.store.append(upload.id(), offset, new ClientStream(request.getInputStream()), upload.size());
		}
		catch (PhotoStore.OffsetMismatch ex) {
			throw new PhotoHttpException(HttpStatus.CONFLICT, "UPLOAD_OFFSET_MISMATCH", (ex.held() < 0)
					? "Another request is sending bytes of this upload; wait for it, then ask with HEAD where to go on."
					: "The service holds %d bytes of this upload, not %d: go on from there.".formatted(ex.held(),
							offset));
		}
		catch (PhotoStore.TooLong ex) {
			throw new PhotoHttpException(HttpStatus.CONTENT_TOO_LARGE, "PHOTO_TOO_LARGE",
					"The bytes go beyond the %d the photo was declared to have; this request's bytes were not kept."
						.formatted(upload.size()));
		}
		catch (ClientGone ex) {
			// the phone will ask with HEAD and go on after what arrived
			log.debug("Upload {} broke off: {}", upload.id(), ex.getMessage());
			return ResponseEntity.badRequest().build();
		}
		if (offset < PhotoType.SIGNATURE_LENGTH) {
			this.photos.checkSignature(upload);
		}
		if (held == upload.size()) {
			this.photos.complete(upload);
			this.audit.mutation(Auth.require(), "uploadPhoto", List.of(PhotoService.auditId(upload.sha256())),
					request.getRemoteAddr());
		}
		return tus(ResponseEntity.noContent(), held, upload.size()).build();
	}

	@GetMapping("/photos/{sha256}")
	ResponseEntity<InputStreamResource> photo(@PathVariable String sha256, HttpServletRequest request)
			throws IOException {
		Optional<StoredPhoto> photo = this.photos.readable(sha256);
		if (photo.isEmpty()) {
			// the same answer for photos that do not exist and for those out of sight
			throw new PhotoHttpException(HttpStatus.NOT_FOUND, "NOT_FOUND", "There is no such photo you may see.");
		}
		// a photo of a household's visit shows the household: each one served is on
		// record
		this.audit.personalRead(Auth.require(), "photo", List.of(PhotoService.auditId(sha256)),
				request.getRemoteAddr());
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(photo.get().contentType()))
			.contentLength(photo.get().size())
			.cacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePrivate().immutable())
			.eTag(sha256)
			.body(new InputStreamResource(this.store.open(sha256)));
	}

	@ExceptionHandler(PhotoHttpException.class)
	ResponseEntity<Map<String, Object>> refused(PhotoHttpException ex, HttpServletRequest request) {
		String message = this.messages.localize(Messages.of(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE)), ex.code(),
				List.of(), ex.getMessage());
		return ResponseEntity.status(ex.status())
			.contentType(MediaType.APPLICATION_JSON)
			.header("Tus-Resumable", TUS_VERSION)
			.body(Map.of("errors", List.of(Map.of("message", message, "extensions", Map.of("code", ex.code())))));
	}

	@ExceptionHandler({ IOException.class, java.io.UncheckedIOException.class })
	ResponseEntity<Map<String, Object>> storageFailed(Exception ex, HttpServletRequest request) {
		log.error("Photo storage failed", ex);
		return refused(new PhotoHttpException(HttpStatus.SERVICE_UNAVAILABLE, "STORAGE_UNAVAILABLE",
				"Photos cannot be stored just now; try again later."), request);
	}

	private static ResponseEntity.HeadersBuilder<?> tus(ResponseEntity.HeadersBuilder<?> response, long held,
			long length) {
		return response.header("Tus-Resumable", TUS_VERSION)
			.header("Upload-Offset", Long.toString(held))
			.header("Upload-Length", Long.toString(length))
			.cacheControl(CacheControl.noStore());
	}

	/** A failure to read the request body: the phone's connection broke. */
	static final class ClientGone extends IOException {

		ClientGone(IOException cause) {
			super(cause.getMessage(), cause);
		}

	}

	/** The request body, whose read failures are the client's, not the disk's. */
	private static final class ClientStream extends FilterInputStream {

		ClientStream(InputStream in) {
			super(in);
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			try {
				return super.read(b, off, len);
			}
			catch (IOException ex) {
				throw new ClientGone(ex);
			}
		}

	}

}
