package cn.ankang.bangfu.view;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A graphql-transport-ws connection spoken by hand, as the dashboard's {@code live.js}
 * speaks it, so that tests see every message and the close code.
 */
final class LiveConnection implements AutoCloseable {

	private static final OkHttpClient HTTP = new OkHttpClient.Builder().readTimeout(Duration.ZERO).build();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Where each message keeps when it arrived, as {@link System#nanoTime()}. */
	static final String RECEIVED = "receivedNanos";

	final BlockingQueue<Map<String, Object>> messages = new LinkedBlockingQueue<>();

	/** The close code the server sent, or -1 when the handshake itself failed. */
	final CompletableFuture<Integer> closed = new CompletableFuture<>();

	/** The HTTP status of a failed handshake. */
	final CompletableFuture<Integer> refused = new CompletableFuture<>();

	/** Why the connection failed, if it did other than by a close frame. */
	volatile @Nullable Throwable failure;

	private final WebSocket socket;

	private LiveConnection(String url, @Nullable String origin) {
		Request.Builder request = new Request.Builder().url(url)
			.header("Sec-WebSocket-Protocol", "graphql-transport-ws");
		if (origin != null) {
			request.header("Origin", origin);
		}
		this.socket = HTTP.newWebSocket(request.build(), new WebSocketListener() {
			@Override
			public void onMessage(WebSocket webSocket, String text) {
				Map<String, Object> message = new LinkedHashMap<>(
						JSON.readValue(text, new TypeReference<Map<String, Object>>() {
						}));
				message.put(RECEIVED, System.nanoTime());
				LiveConnection.this.messages.add(message);
			}

			@Override
			public void onClosing(WebSocket webSocket, int code, String reason) {
				LiveConnection.this.closed.complete(code);
				webSocket.close(1000, null);
			}

			@Override
			public void onFailure(WebSocket webSocket, Throwable t, @Nullable Response response) {
				LiveConnection.this.failure = t;
				LiveConnection.this.refused.complete((response != null) ? response.code() : -1);
				LiveConnection.this.closed.complete(-1);
			}
		});
	}

	/** Opens a connection; sends no message. */
	static LiveConnection open(int port, @Nullable String origin) {
		return new LiveConnection("ws://localhost:" + port + "/graphql-ws", origin);
	}

	/** Opens a connection and signs it in with the token, waiting for the ack. */
	static LiveConnection signedIn(int port, String token) {
		LiveConnection connection = open(port, null);
		connection.send(Map.of("type", "connection_init", "payload", Map.of("Authorization", "Bearer " + token)));
		Map<String, Object> ack = connection.next(Duration.ofSeconds(10));
		if (ack == null || !"connection_ack".equals(ack.get("type"))) {
			throw new AssertionError("No connection_ack but " + ack);
		}
		return connection;
	}

	void send(Map<String, Object> message) {
		this.socket.send(JSON.writeValueAsString(message));
	}

	void subscribe(String id, String query, Map<String, Object> variables) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("query", query);
		payload.put("variables", variables);
		send(Map.of("id", id, "type", "subscribe", "payload", payload));
	}

	void complete(String id) {
		send(Map.of("id", id, "type", "complete"));
	}

	/** The next message, or null when none came in time. */
	@Nullable Map<String, Object> next(Duration timeout) {
		try {
			return this.messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The next message of a type for a subscription, skipping pings; fails on timeout.
	 */
	Map<String, Object> expect(String id, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			Map<String, Object> message = next(Duration.ofNanos(deadline - System.nanoTime()));
			if (message != null && id.equals(message.get("id"))) {
				return message;
			}
		}
		throw new AssertionError("No message for subscription " + id + " within " + timeout);
	}

	/** The errors of an {@code error} message. */
	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> errors(Map<String, Object> message) {
		return (List<Map<String, Object>>) message.get("payload");
	}

	@Override
	public void close() {
		this.socket.close(1000, null);
	}

}
