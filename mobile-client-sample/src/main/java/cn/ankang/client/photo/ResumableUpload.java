package cn.ankang.client.photo;

import java.io.IOException;
import java.nio.file.Path;
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

/**
 * One photo's resumable upload for {@link PhotoUploader} (tus 1.0 core): the slot asked
 * for by hash, the bytes sent in pieces with {@code PATCH} and {@code Upload-Offset}, and
 * after a failure a {@code HEAD} to learn where the service stands, within the retry
 * policy's failures in a row.
 */
final class ResumableUpload {

	private static final Operation REQUEST_UPLOAD = Operation.load("RequestPhotoUpload");

	private static final MediaType OFFSET_OCTET_STREAM = MediaType.get("application/offset+octet-stream");

	private static final String TUS_VERSION = "1.0.0";

	private final BangfuClient client;

	private final RetryPolicy retry;

	private final int chunkSize;

	ResumableUpload(BangfuClient client, RetryPolicy retry, int chunkSize) {
		this.client = client;
		this.retry = retry;
		this.chunkSize = chunkSize;
	}

	PhotoUploader.Result send(Path photo, String contentType, long size, String sha256)
			throws BangfuException, IOException, InterruptedException {
		JSONObject slot = requestSlot(sha256, size, contentType);
		if (slot.getBoolean("complete")) {
			return new PhotoUploader.Result(sha256, size, 0, 0, true);
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
						return new PhotoUploader.Result(sha256, size, sent, failures, true);
					}
					url = this.client.resolve(slot.getString("uploadUrl"));
					offset = slot.getLong("receivedBytes");
				}
				if (offset >= size) {
					return new PhotoUploader.Result(sha256, size, sent, failures, false);
				}
				int length = (int) Math.min(this.chunkSize, size - offset);
				byte[] piece = PhotoFiles.read(photo, offset, length);
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
						if (restartedForHash || !sha256.equals(PhotoFiles.sha256(photo))) {
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

}
