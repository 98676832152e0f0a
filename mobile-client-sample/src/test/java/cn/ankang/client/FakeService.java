package cn.ankang.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.json.JSONArray;
import org.json.JSONObject;

import cn.ankang.client.session.SessionStore;
import cn.ankang.client.session.Tokens;

/**
 * A stand-in for the service on a local port, for the client's tests: it records every
 * request (bodies unpacked) and answers GraphQL by operation name through a handler the
 * test sets, with automatic persisted queries as the service does them.
 */
public final class FakeService implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final List<Recorded> requests = Collections.synchronizedList(new ArrayList<>());

	private final Set<String> knownDocuments = Collections.synchronizedSet(new HashSet<>());

	private volatile Handler graphQl = (request) -> Reply.error(500, "INTERNAL");

	private volatile Handler other = (request) -> Reply.error(404, "NOT_FOUND");

	public FakeService() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	/** Where the service is, for {@link BangfuClient#builder(String, SessionStore)}. */
	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/";
	}

	/** Answers GraphQL requests, after the persisted-query step. */
	public FakeService graphQl(Handler handler) {
		this.graphQl = handler;
		return this;
	}

	/** Answers requests to other paths. */
	public FakeService other(Handler handler) {
		this.other = handler;
		return this;
	}

	/** The requests so far. */
	public List<Recorded> requests() {
		synchronized (this.requests) {
			return new ArrayList<>(this.requests);
		}
	}

	/** The GraphQL requests for one operation so far. */
	public List<Recorded> requests(String operationName) {
		List<Recorded> found = new ArrayList<>();
		for (Recorded request : requests()) {
			if (request.json != null && operationName.equals(request.json.optString("operationName"))) {
				found.add(request);
			}
		}
		return found;
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try {
			Recorded request = Recorded.of(exchange);
			this.requests.add(request);
			Reply reply;
			if (request.path.equals("/graphql")) {
				reply = persistedQuery(request);
				if (reply == null) {
					reply = this.graphQl.answer(request);
				}
			}
			else {
				reply = this.other.answer(request);
			}
			if (reply == null) {
				// the connection breaks in the middle of the answer
				exchange.sendResponseHeaders(200, 1000);
				OutputStream out = exchange.getResponseBody();
				out.write("{\"data\":".getBytes(StandardCharsets.UTF_8));
				out.flush();
				throw new Broken();
			}
			for (Map.Entry<String, String> header : reply.headers.entrySet()) {
				exchange.getResponseHeaders().set(header.getKey(), header.getValue());
			}
			byte[] body = reply.body.getBytes(StandardCharsets.UTF_8);
			if (request.method.equals("HEAD") || body.length == 0) {
				exchange.sendResponseHeaders(reply.status, -1);
			}
			else {
				exchange.getResponseHeaders().set("Content-Type", "application/json");
				exchange.sendResponseHeaders(reply.status, body.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			}
		}
		catch (Broken ex) {
			// closing a stream short of its length makes the server drop the connection
		}
		catch (Exception ex) {
			ex.printStackTrace();
			exchange.sendResponseHeaders(500, -1);
		}
		finally {
			try {
				exchange.close();
			}
			catch (RuntimeException ex) {
				// the broken answer
			}
		}
	}

	private Reply persistedQuery(Recorded request) {
		JSONObject extensions = request.json.optJSONObject("extensions");
		JSONObject persisted = (extensions != null) ? extensions.optJSONObject("persistedQuery") : null;
		if (persisted == null) {
			return null;
		}
		String hash = persisted.getString("sha256Hash");
		if (request.json.has("query")) {
			if (!hash.equals(Operation.sha256Hex(request.json.getString("query").getBytes(StandardCharsets.UTF_8)))) {
				return Reply.error(200, "PERSISTED_QUERY_ID_INVALID");
			}
			this.knownDocuments.add(hash);
			return null;
		}
		return this.knownDocuments.contains(hash) ? null : Reply.error(200, "PERSISTED_QUERY_NOT_FOUND");
	}

	private static final class Broken extends RuntimeException {

	}

	/** Answers a request; null breaks the connection half-way through the answer. */
	public interface Handler {

		Reply answer(Recorded request) throws Exception;

	}

	/** A request as it arrived, its body unpacked. */
	public static final class Recorded {

		public final String method;

		public final String path;

		public final Map<String, String> headers;

		public final byte[] wireBody;

		public final byte[] body;

		public final JSONObject json;

		private Recorded(String method, String path, Map<String, String> headers, byte[] wireBody, byte[] body,
				JSONObject json) {
			this.method = method;
			this.path = path;
			this.headers = headers;
			this.wireBody = wireBody;
			this.body = body;
			this.json = json;
		}

		static Recorded of(HttpExchange exchange) throws IOException {
			Map<String, String> headers = new LinkedHashMap<>();
			exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
			byte[] wire;
			try (InputStream in = exchange.getRequestBody()) {
				wire = in.readAllBytes();
			}
			byte[] body = wire;
			if ("gzip".equals(headers.get("content-encoding"))) {
				try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(wire))) {
					body = in.readAllBytes();
				}
			}
			JSONObject json = null;
			String path = exchange.getRequestURI().getPath();
			if (path.equals("/graphql")) {
				json = new JSONObject(new String(body, StandardCharsets.UTF_8));
			}
			return new Recorded(exchange.getRequestMethod(), path, headers, wire, body, json);
		}

		/** The GraphQL operation's name. */
		public String operation() {
			return this.json.getString("operationName");
		}

		/** The GraphQL variables. */
		public JSONObject variables() {
			return this.json.getJSONObject("variables");
		}

		/** The bearer token sent, or null. */
		public String token() {
			String authorization = this.headers.get("authorization");
			return (authorization != null) ? authorization.substring("Bearer ".length()) : null;
		}

	}

	/** An answer. */
	public static final class Reply {

		public final int status;

		public final String body;

		public final Map<String, String> headers = new LinkedHashMap<>();

		public Reply(int status, String body) {
			this.status = status;
			this.body = body;
		}

		public static Reply data(JSONObject data) {
			return new Reply(200, new JSONObject().put("data", data).toString());
		}

		public static Reply error(int status, String code) {
			JSONObject error = new JSONObject().put("message", "It went wrong: " + code)
				.put("extensions", new JSONObject().put("code", code));
			return new Reply(status, new JSONObject().put("errors", new JSONArray().put(error)).toString());
		}

		public Reply header(String name, String value) {
			this.headers.put(name, value);
			return this;
		}

	}

	/** Tokens for the tests, valid for an hour. */
	public static Tokens tokens(String access, String refresh) {
		java.time.Instant now = java.time.Instant.now();
		return new Tokens(access, now.plusSeconds(3600), refresh, now.plusSeconds(86400));
	}

	/** The {@code SessionTokens} JSON the service answers with. */
	public static JSONObject tokensJson(String access, String refresh) {
		return tokens(access, refresh).toJson();
	}

	/** Keeps tokens in memory. */
	public static final class MemorySessionStore implements SessionStore {

		private Tokens tokens;

		public MemorySessionStore(Tokens tokens) {
			this.tokens = tokens;
		}

		@Override
		public synchronized Tokens load() {
			return this.tokens;
		}

		@Override
		public synchronized void save(Tokens tokens) {
			this.tokens = tokens;
		}

		@Override
		public synchronized void clear() {
			this.tokens = null;
		}

	}

}
