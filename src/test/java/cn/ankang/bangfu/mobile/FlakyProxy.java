package cn.ankang.bangfu.mobile;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A link as bad as a mountain valley's, between the mobile client and the service: an
 * HTTP/1.1 proxy on a local port that reads each request whole and then, drawn from a
 * seeded random sequence, forwards it and answers normally, forwards it and loses the
 * whole answer, forwards only part of the body and hangs up on both sides, or passes on
 * only part of the answer. Every request goes upstream on a fresh connection with
 * {@code Connection: close}, and the proxy closes the phone's connection after each
 * exchange, so one connection carries one request: the server's answer ends where its
 * connection ends, and a cut is exactly where the proxy made it. It also counts the bytes
 * of request and answer bodies as they travel, and can play a slow link
 * ({@link #shaped(int, int, Duration)}): each message waits half the round trip and its
 * bytes' time at the link's rate before it goes on, store and forward.
 */
final class FlakyProxy implements AutoCloseable {

	/** What happens to one request. */
	enum Fate {

		/** Forwarded, answered. */
		PASS,
		/** Forwarded and answered by the service; the answer never reaches the phone. */
		LOSE_RESPONSE,
		/** Only part of the body reaches the service; both connections close. */
		CUT_REQUEST,
		/** Part of the answer reaches the phone; then the connection closes. */
		CUT_RESPONSE

	}

	/**
	 * One request and what became of it.
	 *
	 * @param method the HTTP method
	 * @param target the request target
	 * @param headers the request headers, names in lower case
	 * @param body the request body as sent
	 * @param fate what the proxy did
	 * @param status the service's status, 0 when the request never reached it whole
	 * @param responseBodyBytes the bytes of the answer's body as the service sent them
	 */
	record Exchange(String method, String target, Map<String, String> headers, byte[] body, Fate fate, int status,
			int responseBodyBytes) {
	}

	private final int upstreamPort;

	private final Random random;

	private final double lose;

	private final double cutRequest;

	private final double cutResponse;

	private final ServerSocket server;

	/** The link's rate, 0 for as fast as the loopback. */
	private volatile int bytesPerSecond;

	/** Half a round trip, added to each message in each direction. */
	private volatile long halfRoundTripMillis;

	private final ExecutorService threads = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "flaky-proxy");
		thread.setDaemon(true);
		return thread;
	});

	private final List<Exchange> exchanges = new ArrayList<>();

	/**
	 * A proxy in front of a local service.
	 * @param upstreamPort the service's port on the loopback address
	 * @param seed the seed of the fates
	 * @param lose the share of answers lost whole
	 * @param cutRequest the share of requests cut in their body
	 * @param cutResponse the share of answers cut part-way
	 */
	FlakyProxy(int upstreamPort, long seed, double lose, double cutRequest, double cutResponse) throws IOException {
		this.upstreamPort = upstreamPort;
		this.random = new Random(seed);
		this.lose = lose;
		this.cutRequest = cutRequest;
		this.cutResponse = cutResponse;
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.threads.execute(this::accept);
	}

	/** A proxy that passes everything, to count bytes. */
	static FlakyProxy reliable(int upstreamPort) throws IOException {
		return new FlakyProxy(upstreamPort, 0, 0, 0, 0);
	}

	/**
	 * A proxy that passes everything over a slow link.
	 * @param upstreamPort the service's port
	 * @param bitsPerSecond the link's rate, both ways
	 * @param roundTrip the time a byte takes there and back, beyond the rate
	 */
	static FlakyProxy shaped(int upstreamPort, int bitsPerSecond, Duration roundTrip) throws IOException {
		FlakyProxy proxy = reliable(upstreamPort);
		proxy.bytesPerSecond = bitsPerSecond / 8;
		proxy.halfRoundTripMillis = roundTrip.toMillis() / 2;
		return proxy;
	}

	/** The proxy's address, for the client. */
	String url() {
		return "http://127.0.0.1:" + this.server.getLocalPort() + "/";
	}

	/** The exchanges so far, in the order they began. */
	List<Exchange> exchanges() {
		synchronized (this.exchanges) {
			return new ArrayList<>(this.exchanges);
		}
	}

	/** Forgets the exchanges so far, to count a new stretch. */
	void forget() {
		synchronized (this.exchanges) {
			this.exchanges.clear();
		}
	}

	@Override
	public void close() throws IOException {
		this.server.close();
		this.threads.shutdownNow();
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket phone = this.server.accept();
				this.threads.execute(() -> serve(phone));
			}
			catch (IOException ex) {
				// closed
			}
		}
	}

	private void serve(Socket phone) {
		try (phone) {
			phone.setSoTimeout(30_000);
			InputStream in = new BufferedInputStream(phone.getInputStream());
			String head = readHead(in);
			if (head == null) {
				return;
			}
			String[] lines = head.split("\r\n");
			String[] requestLine = lines[0].split(" ");
			Map<String, String> headers = new LinkedHashMap<>();
			StringBuilder upstreamHead = new StringBuilder(lines[0]).append("\r\n");
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
				headers.put(name, lines[i].substring(colon + 1).trim());
				if (!name.equals("connection") && !name.equals("keep-alive")) {
					upstreamHead.append(lines[i]).append("\r\n");
				}
			}
			upstreamHead.append("Connection: close\r\n\r\n");
			if (headers.containsKey("transfer-encoding")) {
				throw new IOException("The phone's client sends bodies with Content-Length");
			}
			int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
			byte[] body = in.readNBytes(length);
			travel(head.length() + 4 + body.length);
			Fate fate = draw();
			try (Socket service = new Socket(InetAddress.getLoopbackAddress(), this.upstreamPort)) {
				service.setSoTimeout(60_000);
				OutputStream up = service.getOutputStream();
				up.write(upstreamHead.toString().getBytes(StandardCharsets.ISO_8859_1));
				if (fate == Fate.CUT_REQUEST) {
					up.write(body, 0, cut(body.length));
					up.flush();
					record(requestLine, headers, body, fate, 0, 0);
					// both connections close: the service sees the body end early
					return;
				}
				up.write(body);
				up.flush();
				byte[] answer = service.getInputStream().readAllBytes();
				int headEnd = indexOf(answer, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
				int status = (answer.length >= 12)
						? Integer.parseInt(new String(answer, 9, 3, StandardCharsets.ISO_8859_1)) : 0;
				record(requestLine, headers, body, fate, status, (headEnd < 0) ? 0 : answer.length - headEnd - 4);
				OutputStream down = phone.getOutputStream();
				travel(answer.length);
				if (fate == Fate.PASS) {
					down.write(answer);
				}
				else if (fate == Fate.CUT_RESPONSE) {
					down.write(answer, 0, cut(answer.length));
				}
				down.flush();
			}
		}
		catch (SocketException ex) {
			// the phone or the service hung up
		}
		catch (IOException | RuntimeException ex) {
			ex.printStackTrace();
		}
	}

	/** The time a message of this many bytes takes over the link, spent here. */
	private void travel(int bytes) {
		long millis = this.halfRoundTripMillis + ((this.bytesPerSecond > 0) ? bytes * 1000L / this.bytesPerSecond : 0);
		if (millis > 0) {
			try {
				Thread.sleep(millis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private synchronized Fate draw() {
		double roll = this.random.nextDouble();
		if (roll < this.lose) {
			return Fate.LOSE_RESPONSE;
		}
		if (roll < this.lose + this.cutRequest) {
			return Fate.CUT_REQUEST;
		}
		if (roll < this.lose + this.cutRequest + this.cutResponse) {
			return Fate.CUT_RESPONSE;
		}
		return Fate.PASS;
	}

	/** Where to cut a message of this length: somewhere inside it. */
	private synchronized int cut(int length) {
		return (length <= 1) ? 0 : 1 + this.random.nextInt(length - 1);
	}

	private void record(String[] requestLine, Map<String, String> headers, byte[] body, Fate fate, int status,
			int responseBodyBytes) {
		synchronized (this.exchanges) {
			this.exchanges
				.add(new Exchange(requestLine[0], requestLine[1], headers, body, fate, status, responseBodyBytes));
		}
	}

	/** The request line and headers, or null when the phone sent nothing. */
	private static String readHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		byte[] end = { '\r', '\n', '\r', '\n' };
		while (matched < 4) {
			int b = in.read();
			if (b < 0) {
				return null;
			}
			head.write(b);
			matched = (b == end[matched]) ? matched + 1 : ((b == '\r') ? 1 : 0);
		}
		String text = head.toString(StandardCharsets.ISO_8859_1);
		return text.substring(0, text.length() - 4);
	}

	private static int indexOf(byte[] bytes, byte[] part) {
		outer: for (int i = 0; i <= bytes.length - part.length; i++) {
			for (int j = 0; j < part.length; j++) {
				if (bytes[i + j] != part[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

}
