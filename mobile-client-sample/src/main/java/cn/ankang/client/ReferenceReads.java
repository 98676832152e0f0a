package cn.ankang.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import org.json.JSONException;
import org.json.JSONObject;

import cn.ankang.client.storage.AtomicFiles;

/**
 * Reads reference data (areas, the cadre's villages: queries the service marks as
 * {@code Cache-Control: private, max-age=...}) by GET, and keeps each answer with its
 * {@code ETag} in a folder. While an answer is fresh it is served from the folder without
 * a request; after that the request carries {@code If-None-Match}, and a 304 (a few
 * hundred bytes instead of the answer) renews the kept one. Queries the service marks
 * {@code no-cache} are asked every time, still with the tag; answers it marks
 * {@code no-store} (errors) are never kept. Documents travel as automatic persisted
 * queries, so the URL stays short after the first time. Thread-safe for different
 * queries; the same query read at once from two threads may cost two requests.
 */
public final class ReferenceReads {

	private static final Pattern MAX_AGE = Pattern.compile("max-age=(\\d+)");

	private final BangfuClient client;

	private final Path folder;

	private final Clock clock;

	private final AtomicInteger requests = new AtomicInteger();

	private final AtomicInteger notModified = new AtomicInteger();

	/**
	 * Reads that keep their answers in a folder, by the system clock.
	 * @param client the transport, signed in
	 * @param folder where answers are kept (made when missing); keep it with the user's
	 * data, and clear it when another user signs in
	 */
	public ReferenceReads(BangfuClient client, Path folder) {
		this(client, folder, Clock.systemUTC());
	}

	/**
	 * Reads that keep their answers in a folder.
	 * @param client the transport, signed in
	 * @param folder where answers are kept
	 * @param clock the clock that says whether a kept answer is still fresh
	 */
	public ReferenceReads(BangfuClient client, Path folder, Clock clock) {
		this.client = client;
		this.folder = folder;
		this.clock = clock;
	}

	/**
	 * The answer's {@code data}: kept and fresh, confirmed unchanged by a 304, or new.
	 * @param query a query (never a mutation)
	 * @param variables its variables, or null
	 * @return the answer's {@code data}
	 * @throws TransientException when no usable answer came: try again later
	 * @throws PermanentException when the service refused the query
	 * @throws SignInRequiredException when the session is gone
	 */
	public JSONObject read(Operation query, JSONObject variables) throws BangfuException {
		if (query.isMutation()) {
			throw new IllegalArgumentException("Only queries are read by GET: " + query);
		}
		JSONObject vars = (variables != null) ? variables : new JSONObject();
		Path file = this.folder.resolve(
				Operation.sha256Hex((query.sha256() + vars.toString()).getBytes(StandardCharsets.UTF_8)) + ".json");
		JSONObject kept = load(file);
		if (kept != null && this.clock.millis() < kept.getLong("freshUntil")) {
			return kept.getJSONObject("data");
		}
		String tag = (kept != null) ? kept.getString("etag") : null;
		JSONObject data = get(query, vars, tag, false, file, kept);
		if (data == null) {
			// the service does not know the document by its hash yet
			data = get(query, vars, tag, true, file, kept);
		}
		return data;
	}

	/**
	 * Requests sent so far.
	 * @return the number
	 */
	public int requests() {
		return this.requests.get();
	}

	/**
	 * Requests the service answered 304 Not Modified.
	 * @return the number
	 */
	public int notModified() {
		return this.notModified.get();
	}

	/** The answer's data; null when the document must be sent whole. */
	private JSONObject get(Operation query, JSONObject variables, String tag, boolean withDocument, Path file,
			JSONObject kept) throws BangfuException {
		HttpUrl.Builder url = this.client.resolve("graphql")
			.newBuilder()
			.addQueryParameter("operationName", query.name())
			.addQueryParameter("variables", variables.toString())
			.addQueryParameter("extensions",
					new JSONObject()
						.put("persistedQuery", new JSONObject().put("version", 1).put("sha256Hash", query.sha256()))
						.toString());
		if (withDocument) {
			url.addQueryParameter("query", query.document());
		}
		Request.Builder request = new Request.Builder().url(url.build()).get().header("Accept", "application/json");
		if (tag != null) {
			request.header("If-None-Match", tag);
		}
		this.requests.incrementAndGet();
		try (Response response = this.client.send(request)) {
			String cacheControl = response.header("Cache-Control", "");
			if (response.code() == 304 && kept != null) {
				this.notModified.incrementAndGet();
				keep(file, tag, cacheControl, kept.getJSONObject("data"));
				return kept.getJSONObject("data");
			}
			String text = response.body().string();
			JSONObject json = null;
			try {
				json = text.isEmpty() ? null : new JSONObject(text);
			}
			catch (JSONException ex) {
				// not GraphQL: a proxy's page or a cut answer, judged below
			}
			Answer answer = new Answer(query, response.code(), json, Answer.retryAfter(response.header("Retry-After")));
			if (!withDocument && answer.codes().contains("PERSISTED_QUERY_NOT_FOUND")) {
				return null;
			}
			JSONObject data = answer.data();
			String newTag = response.header("ETag");
			if (newTag != null && cacheControl.contains("private") && !cacheControl.contains("no-store")) {
				keep(file, newTag, cacheControl, data);
			}
			return data;
		}
		catch (IOException ex) {
			throw new TransientException(query + ": the answer broke off: " + ex, ex);
		}
	}

	private void keep(Path file, String tag, String cacheControl, JSONObject data) throws TransientException {
		Matcher maxAge = MAX_AGE.matcher(cacheControl);
		long freshFor = (maxAge.find() && !cacheControl.contains("no-cache")) ? Long.parseLong(maxAge.group(1)) : 0;
		Instant freshUntil = this.clock.instant().plusSeconds(freshFor);
		JSONObject kept = new JSONObject().put("etag", tag)
			.put("freshUntil", freshUntil.toEpochMilli())
			.put("data", data);
		try {
			Files.createDirectories(this.folder);
			AtomicFiles.write(file, kept.toString().getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new TransientException("The reference store cannot be written", ex);
		}
	}

	private static JSONObject load(Path file) throws TransientException {
		try {
			return new JSONObject(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
		}
		catch (NoSuchFileException ex) {
			return null;
		}
		catch (JSONException ex) {
			// a file cut short by a crash before atomic writes: ask again
			return null;
		}
		catch (IOException ex) {
			throw new TransientException("The reference store cannot be read", ex);
		}
	}

}
