package cn.ankang.client;

import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;

import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
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

	private final HttpUrl server;

	private final GraphQlTransport transport;

	private final Session session;

	private final Traffic.Meter traffic = new Traffic.Meter();

	private BangfuClient(Builder builder) {
		this.server = builder.server;
		OkHttpClient http = ((builder.http != null) ? builder.http : defaultHttpClient()).newBuilder()
			.addNetworkInterceptor(this.traffic)
			.build();
		this.transport = new GraphQlTransport(builder.server.resolve("graphql"), http, builder.gzipAbove,
				builder.persistedQueries, builder.locale.toLanguageTag());
		this.session = new Session(builder.sessions, this.transport, builder.refreshAhead, builder.clock);
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
		return this.session.signIn(username, password, deviceName);
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
		return this.session.load() != null;
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
		String token = this.session.accessToken();
		Answer answer = this.transport.exchange(operation, variables, token);
		if (answer.unauthenticated()) {
			answer = this.transport.exchange(operation, variables, this.session.refreshAfterRejection(token));
			if (answer.unauthenticated()) {
				throw new SignInRequiredException("The service refused a fresh access token", answer.codes());
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
		String token = this.session.accessToken();
		Response response = this.transport.call(request, token);
		if (response.code() == 401) {
			response.close();
			response = this.transport.call(request, this.session.refreshAfterRejection(token));
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
