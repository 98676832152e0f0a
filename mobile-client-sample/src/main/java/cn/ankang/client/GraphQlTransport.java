package cn.ankang.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;

import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.json.JSONException;
import org.json.JSONObject;

/**
 * What {@link BangfuClient} puts on the wire: GraphQL POSTs as automatic persisted
 * queries, their bodies gzip-compressed above a threshold, and the plain requests of
 * uploads, each with the phone's language and the given access token. Knows nothing of
 * sessions: the token comes from the caller.
 */
final class GraphQlTransport {

	private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

	private static final String USER_AGENT = "bangfu-mobile-client-sample/0.1";

	private final HttpUrl endpoint;

	private final OkHttpClient http;

	private final int gzipAbove;

	private final String acceptLanguage;

	private volatile boolean persistedQueries;

	/** The hashes of the documents the service confirmed it holds, in this process. */
	private final Set<String> knownDocuments = Collections.newSetFromMap(new ConcurrentHashMap<String, Boolean>());

	GraphQlTransport(HttpUrl endpoint, OkHttpClient http, int gzipAbove, boolean persistedQueries,
			String acceptLanguage) {
		this.endpoint = endpoint;
		this.http = http;
		this.gzipAbove = gzipAbove;
		this.persistedQueries = persistedQueries;
		this.acceptLanguage = acceptLanguage;
	}

	Response call(Request.Builder request, String token) throws TransientException {
		try {
			return this.http
				.newCall(request.header("Authorization", "Bearer " + token)
					.header("Accept-Language", this.acceptLanguage)
					.header("User-Agent", USER_AGENT)
					.build())
				.execute();
		}
		catch (IOException ex) {
			throw new TransientException("No answer from the service: " + ex, ex);
		}
	}

	Answer exchange(Operation operation, JSONObject variables, String token) throws TransientException {
		boolean persisted = this.persistedQueries;
		// a mutation's variables are the large part (a day's visits): one the service has
		// not confirmed to this process carries its document at once, so that a miss
		// never
		// costs the variables twice; queries try the hash alone first
		boolean withDocument = !persisted
				|| (operation.isMutation() && !this.knownDocuments.contains(operation.sha256()));
		Answer answer = post(operation, variables, token, persisted, withDocument);
		if (persisted && answer.codes().contains("PERSISTED_QUERY_NOT_FOUND")) {
			// the service did not run it: sending it again is safe, mutations too
			answer = post(operation, variables, token, true, true);
		}
		else if (persisted && answer.codes().contains("PERSISTED_QUERY_NOT_SUPPORTED")) {
			this.persistedQueries = false;
			answer = post(operation, variables, token, false, true);
		}
		return answer;
	}

	private Answer post(Operation operation, JSONObject variables, String token, boolean persisted,
			boolean withDocument) throws TransientException {
		JSONObject body = new JSONObject();
		if (withDocument) {
			body.put("query", operation.document());
		}
		body.put("operationName", operation.name());
		body.put("variables", (variables != null) ? variables : new JSONObject());
		if (persisted) {
			body.put("extensions", new JSONObject().put("persistedQuery",
					new JSONObject().put("version", 1).put("sha256Hash", operation.sha256())));
		}
		byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
		Request.Builder request = new Request.Builder().url(this.endpoint)
			.header("Accept", "application/json")
			// the service's messages for people (userErrors, errors) come in the phone's
			// language: Chinese unless the phone says otherwise
			.header("Accept-Language", this.acceptLanguage)
			.header("User-Agent", USER_AGENT);
		if (this.gzipAbove >= 0 && bytes.length > this.gzipAbove) {
			bytes = gzip(bytes);
			request.header("Content-Encoding", "gzip");
		}
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		request.post(RequestBody.create(bytes, JSON));
		try (Response response = this.http.newCall(request.build()).execute()) {
			String text = response.body().string();
			JSONObject json = null;
			if (!text.isEmpty()) {
				try {
					json = new JSONObject(text);
				}
				catch (JSONException ex) {
					// not GraphQL: a proxy's error page, or a cut answer
				}
			}
			Answer answer = new Answer(operation, response.code(), json,
					Answer.retryAfter(response.header("Retry-After")));
			if (persisted && json != null && !answer.codes().contains("PERSISTED_QUERY_NOT_FOUND")
					&& !answer.codes().contains("PERSISTED_QUERY_NOT_SUPPORTED")) {
				this.knownDocuments.add(operation.sha256());
			}
			return answer;
		}
		catch (IOException ex) {
			throw new TransientException(operation + ": no answer from the service: " + ex, ex);
		}
	}

	private static byte[] gzip(byte[] bytes) {
		ByteArrayOutputStream packed = new ByteArrayOutputStream(bytes.length / 4 + 64);
		try (GZIPOutputStream out = new GZIPOutputStream(packed)) {
			out.write(bytes);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Writing to memory does not fail", ex);
		}
		return packed.toByteArray();
	}

}
