package cn.ankang.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;

import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;

import cn.ankang.client.session.SessionStore;
import cn.ankang.client.session.Tokens;

/**
 * The GraphQL transport: sends an {@link Operation} with its variables and returns the
 * answer's {@code data}, or throws a {@link TransientException} (try again later) or a
 * {@link PermanentException} (do not). On the way it
 * <ul>
 * <li>sends automatic persisted queries: the document's hash alone, and the document too
 * only when the service answers {@code PERSISTED_QUERY_NOT_FOUND};</li>
 * <li>compresses request bodies above a threshold ({@code Content-Encoding: gzip});
 * OkHttp asks for and unpacks compressed answers by itself;</li>
 * <li>signs requests with the session's access token and, when the service answers 401,
 * refreshes the session once, for all threads at once, and sends again.</li>
 * </ul>
 * Reference data (areas, the cadre's villages) is read by GET and kept between requests
 * through {@link ReferenceReads}, which sends with this client. Thread-safe; share one
 * per app.
 */
public final class BangfuClient {

	private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

	private static final Operation LOGIN = Operation.load("Login");

	private static final Operation REFRESH = Operation.load("RefreshSession");

	/**
	 * Codes that say the service failed or asks to come back later, not that the request
	 * is wrong: the phone keeps its data.
	 */
	private static final Set<String> TRANSIENT_CODES = new HashSet<>(
			Arrays.asList("INTERNAL", "SERVICE_UNAVAILABLE", "STORAGE_UNAVAILABLE", "RATE_LIMITED"));

	private static final String USER_AGENT = "bangfu-mobile-client-sample/0.1";

	private final HttpUrl server;

	private final HttpUrl endpoint;

	private final OkHttpClient http;

	private final SessionStore sessions;

	private final int gzipAbove;

	private final Duration refreshAhead;

	private final Clock clock;

	private final Object refreshing = new Object();

	private final String acceptLanguage;

	private volatile boolean persistedQueries;

	/** The hashes of the documents the service confirmed it holds, in this process. */
	private final Set<String> knownDocuments = Collections.newSetFromMap(new ConcurrentHashMap<String, Boolean>());

	private final Traffic.Meter traffic = new Traffic.Meter();

	private BangfuClient(Builder builder) {
		this.server = builder.server;
		this.endpoint = builder.server.resolve("graphql");
		this.http = ((builder.http != null) ? builder.http : defaultHttpClient()).newBuilder()
			.addNetworkInterceptor(this.traffic)
			.build();
		this.sessions = builder.sessions;
		this.gzipAbove = builder.gzipAbove;
		this.persistedQueries = builder.persistedQueries;
		this.refreshAhead = builder.refreshAhead;
		this.clock = builder.clock;
		this.acceptLanguage = builder.locale.toLanguageTag();
	}

	/**
	 * Starts a client of the service at this address.
	 * @param serverUrl e.g. {@code https://bangfu.example.cn/} (GraphQL is at
	 * {@code /graphql} under it)
	 * @param sessions where the session's tokens are kept
	 * @return a builder
	 */
	public static Builder builder(String serverUrl, SessionStore sessions) {
		return new Builder(serverUrl, sessions);
	}

	/**
	 * The OkHttp client used when none is given. OkHttp's own silent resend after a
	 * broken connection is off: a resent {@code refreshSession} would spend the refresh
	 * token twice and end the session, so resending is decided here, per operation.
	 * @return a new client
	 */
	public static OkHttpClient defaultHttpClient() {
		return new OkHttpClient.Builder().retryOnConnectionFailure(false)
			.connectTimeout(Duration.ofSeconds(15))
			.readTimeout(Duration.ofSeconds(60))
			.writeTimeout(Duration.ofSeconds(60))
			.build();
	}

	/**
	 * Signs in and keeps the new session's tokens.
	 * @param username the account
	 * @param password its password
	 * @param deviceName the name the session is listed under ({@code mySessions})
	 * @return the tokens
	 * @throws PermanentException with the user error's code ({@code INVALID_CREDENTIALS},
	 * ...) or the error's ({@code TOO_MANY_ATTEMPTS})
	 * @throws TransientException when the service could not be reached
	 */
	public Tokens signIn(String username, String password, String deviceName) throws BangfuException {
		JSONObject input = new JSONObject().put("username", username)
			.put("password", password)
			.put("deviceName", deviceName);
		JSONObject payload = exchange(LOGIN, new JSONObject().put("input", input), null).data().getJSONObject("login");
		if (payload.isNull("tokens")) {
			throw userErrors(payload, "Signing in failed");
		}
		Tokens tokens = Tokens.fromJson(payload.getJSONObject("tokens"));
		keep(tokens);
		return tokens;
	}

	/**
	 * What this client has put on the wire so far, every request of every thread.
	 * @return the reading
	 */
	public Traffic traffic() {
		return this.traffic.reading();
	}

	/**
	 * Whether tokens are kept; they may still have been revoked.
	 * @return whether a session is kept
	 * @throws TransientException when the store cannot be read
	 */
	public boolean hasSession() throws TransientException {
		return load() != null;
	}

	/**
	 * Runs an operation as the signed-in user.
	 * @param operation the operation
	 * @param variables its variables, or null
	 * @return the answer's {@code data}
	 * @throws TransientException when no usable answer came: send it again later
	 * @throws PermanentException when the service refused it
	 * @throws SignInRequiredException when the session is gone
	 */
	public JSONObject execute(Operation operation, JSONObject variables) throws BangfuException {
		String token = accessToken();
		Answer answer = exchange(operation, variables, token);
		if (answer.unauthenticated()) {
			answer = exchange(operation, variables, refreshAfterRejection(token));
			if (answer.unauthenticated()) {
				throw new SignInRequiredException("The service refused a fresh access token", answer.codes);
			}
		}
		return answer.data();
	}

	/**
	 * Sends a plain HTTP request (photo uploads) as the signed-in user, refreshing the
	 * session once on 401. The caller closes the response.
	 * @param request the request, its URL resolved with {@link #resolve(String)}
	 * @return the response, whatever its status but 401
	 * @throws TransientException when no response came
	 * @throws SignInRequiredException when the session is gone
	 */
	public Response send(Request.Builder request) throws BangfuException {
		String token = accessToken();
		Response response = call(request, token);
		if (response.code() == 401) {
			response.close();
			response = call(request, refreshAfterRejection(token));
			if (response.code() == 401) {
				response.close();
				throw new SignInRequiredException("The service refused a fresh access token",
						Collections.singletonList("UNAUTHENTICATED"));
			}
		}
		return response;
	}

	/**
	 * A path of the service, such as an upload's {@code uploadUrl}, as a full URL.
	 * @param path the path or URL
	 * @return the URL
	 */
	public HttpUrl resolve(String path) {
		HttpUrl url = this.server.resolve(path);
		if (url == null) {
			throw new IllegalArgumentException("Not a path of the service: " + path);
		}
		return url;
	}

	private Response call(Request.Builder request, String token) throws TransientException {
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

	private String accessToken() throws BangfuException {
		Tokens tokens = load();
		if (tokens == null) {
			throw new SignInRequiredException("Not signed in", Collections.<String>emptyList());
		}
		if (tokens.accessTokenExpiresAt().isBefore(this.clock.instant().plus(this.refreshAhead))) {
			// refreshing now saves the round trip of a request the service would refuse
			tokens = refresh(tokens.accessToken());
		}
		return tokens.accessToken();
	}

	private String refreshAfterRejection(String rejected) throws BangfuException {
		return refresh(rejected).accessToken();
	}

	/**
	 * Trades the refresh token for new tokens, once for every thread whose request the
	 * service rejected with the same access token: refresh tokens are one-time, and a
	 * second use ends the session.
	 */
	private Tokens refresh(String staleAccessToken) throws BangfuException {
		synchronized (this.refreshing) {
			Tokens current = load();
			if (current == null) {
				throw new SignInRequiredException("Not signed in", Collections.<String>emptyList());
			}
			if (!current.accessToken().equals(staleAccessToken)) {
				// another thread refreshed while this one waited
				return current;
			}
			if (!current.refreshTokenExpiresAt().isAfter(this.clock.instant())) {
				forget();
				throw new SignInRequiredException("The session expired", Collections.<String>emptyList());
			}
			JSONObject input = new JSONObject().put("refreshToken", current.refreshToken());
			JSONObject payload = exchange(REFRESH, new JSONObject().put("input", input), null).data()
				.getJSONObject("refreshSession");
			if (payload.isNull("tokens")) {
				PermanentException refused = userErrors(payload, "The session could not be refreshed");
				forget();
				throw new SignInRequiredException(refused.getMessage(), refused.codes());
			}
			Tokens fresh = Tokens.fromJson(payload.getJSONObject("tokens"));
			// the old refresh token is spent: the new one must be on the disk before
			// anything uses the new access token
			keep(fresh);
			return fresh;
		}
	}

	private Answer exchange(Operation operation, JSONObject variables, String token) throws TransientException {
		boolean persisted = this.persistedQueries;
		// a mutation's variables are the large part (a day's visits): one the service has
		// not confirmed to this process carries its document at once, so that a miss
		// never
		// costs the variables twice; queries try the hash alone first
		boolean withDocument = !persisted
				|| (operation.isMutation() && !this.knownDocuments.contains(operation.sha256()));
		Answer answer = post(operation, variables, token, persisted, withDocument);
		if (persisted && answer.codes.contains("PERSISTED_QUERY_NOT_FOUND")) {
			// the service did not run it: sending it again is safe, mutations too
			answer = post(operation, variables, token, true, true);
		}
		else if (persisted && answer.codes.contains("PERSISTED_QUERY_NOT_SUPPORTED")) {
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
			Answer answer = new Answer(operation, response.code(), json, retryAfter(response.header("Retry-After")));
			if (persisted && json != null && !answer.codes.contains("PERSISTED_QUERY_NOT_FOUND")
					&& !answer.codes.contains("PERSISTED_QUERY_NOT_SUPPORTED")) {
				this.knownDocuments.add(operation.sha256());
			}
			return answer;
		}
		catch (IOException ex) {
			throw new TransientException(operation + ": no answer from the service: " + ex, ex);
		}
	}

	private Tokens load() throws TransientException {
		try {
			return this.sessions.load();
		}
		catch (IOException ex) {
			throw new TransientException("The session store cannot be read", ex);
		}
	}

	private void keep(Tokens tokens) throws TransientException {
		try {
			this.sessions.save(tokens);
		}
		catch (IOException ex) {
			throw new TransientException("The session store cannot be written", ex);
		}
	}

	private void forget() throws TransientException {
		try {
			this.sessions.clear();
		}
		catch (IOException ex) {
			throw new TransientException("The session store cannot be written", ex);
		}
	}

	private static PermanentException userErrors(JSONObject payload, String fallback) {
		JSONArray errors = payload.optJSONArray("userErrors");
		List<String> codes = new ArrayList<>();
		String message = fallback;
		if (errors != null) {
			for (int i = 0; i < errors.length(); i++) {
				codes.add(errors.getJSONObject(i).optString("code"));
			}
			if (errors.length() > 0) {
				message = fallback + ": " + errors.getJSONObject(0).optString("message");
			}
		}
		return new PermanentException(message, 200, codes);
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

	static Duration retryAfter(String header) {
		if (header == null) {
			return null;
		}
		try {
			return Duration.ofSeconds(Long.parseLong(header.trim()));
		}
		catch (NumberFormatException ex) {
			// an HTTP date: rare enough to fall back on the backoff
			return null;
		}
	}

	/**
	 * One answer of the service, before it is judged; also judges the GET answers of
	 * {@link ReferenceReads}.
	 */
	static final class Answer {

		private final Operation operation;

		private final int status;

		private final JSONObject json;

		private final Duration retryAfter;

		private final List<String> codes = new ArrayList<>();

		private String message;

		Answer(Operation operation, int status, JSONObject json, Duration retryAfter) {
			this.operation = operation;
			this.status = status;
			this.json = json;
			this.retryAfter = retryAfter;
			JSONArray errors = (json != null) ? json.optJSONArray("errors") : null;
			if (errors != null) {
				for (int i = 0; i < errors.length(); i++) {
					JSONObject error = errors.optJSONObject(i);
					if (error == null) {
						continue;
					}
					if (this.message == null) {
						this.message = error.optString("message", null);
					}
					JSONObject extensions = error.optJSONObject("extensions");
					this.codes.add((extensions != null) ? extensions.optString("code", "UNKNOWN") : "UNKNOWN");
				}
			}
		}

		List<String> codes() {
			return this.codes;
		}

		boolean unauthenticated() {
			return this.status == 401 || this.codes.contains("UNAUTHENTICATED");
		}

		JSONObject data() throws BangfuException {
			String what = this.operation + ": " + ((this.message != null) ? this.message : "HTTP " + this.status);
			if (this.status == 408 || this.status == 429 || this.status >= 500) {
				throw new TransientException(what, this.status, this.codes, this.retryAfter, null);
			}
			for (String code : this.codes) {
				if (TRANSIENT_CODES.contains(code)) {
					throw new TransientException(what, this.status, this.codes, this.retryAfter, null);
				}
			}
			if (this.json == null) {
				if (this.status >= 400) {
					throw new PermanentException(what, this.status, this.codes);
				}
				throw new TransientException(this.operation + ": the answer was not JSON", this.status, this.codes,
						null, null);
			}
			if (!this.codes.isEmpty() || this.status >= 400) {
				throw new PermanentException(what, this.status, this.codes);
			}
			JSONObject data = this.json.optJSONObject("data");
			if (data == null) {
				throw new TransientException(this.operation + ": the answer had no data", this.status, this.codes, null,
						null);
			}
			return data;
		}

	}

	/** How to build a {@link BangfuClient}. */
	public static final class Builder {

		private final HttpUrl server;

		private final SessionStore sessions;

		private OkHttpClient http;

		private int gzipAbove = 1024;

		private boolean persistedQueries = true;

		private Duration refreshAhead = Duration.ofSeconds(30);

		private Clock clock = Clock.systemUTC();

		private Locale locale = Locale.getDefault();

		private Builder(String serverUrl, SessionStore sessions) {
			HttpUrl url = HttpUrl.parse(serverUrl.endsWith("/") ? serverUrl : serverUrl + "/");
			if (url == null) {
				throw new IllegalArgumentException("Not an http(s) URL: " + serverUrl);
			}
			this.server = url;
			this.sessions = sessions;
		}

		/**
		 * The OkHttp client to send with, e.g. the app's own with its interceptors.
		 * Consider {@code retryOnConnectionFailure(false)}, as
		 * {@link BangfuClient#defaultHttpClient()} does.
		 * @param http the client
		 * @return this builder
		 */
		public Builder httpClient(OkHttpClient http) {
			this.http = http;
			return this;
		}

		/**
		 * Compress request bodies longer than this many bytes; a negative number never.
		 * @param bytes the threshold (1,024 when not given)
		 * @return this builder
		 */
		public Builder gzipRequestsAbove(int bytes) {
			this.gzipAbove = bytes;
			return this;
		}

		/**
		 * Whether to send automatic persisted queries (true when not given).
		 * @param enabled whether to
		 * @return this builder
		 */
		public Builder persistedQueries(boolean enabled) {
			this.persistedQueries = enabled;
			return this;
		}

		/**
		 * The clock that tells when the access token is about to expire.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = clock;
			return this;
		}

		/**
		 * The language the service's messages for people should come in, sent as
		 * {@code Accept-Language}: the phone's locale (the JVM's default when not given).
		 * @param locale the locale
		 * @return this builder
		 */
		public Builder locale(Locale locale) {
			this.locale = locale;
			return this;
		}

		/**
		 * How long before its expiry the access token is refreshed (30 s when not given).
		 * @param ahead the margin
		 * @return this builder
		 */
		public Builder refreshAhead(Duration ahead) {
			this.refreshAhead = ahead;
			return this;
		}

		/**
		 * The client.
		 * @return a new client
		 */
		public BangfuClient build() {
			return new BangfuClient(this);
		}

	}

}
