package cn.ankang.client;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;

/**
 * What a client put on the wire: HTTP requests, bytes up and bytes down, headers included
 * (as HTTP/1.1 writes them) and bodies as sent, compressed or not. Counted by an OkHttp
 * network interceptor, so a request that never reached a connection counts nothing and an
 * answer cut short counts what arrived. Read it with {@link BangfuClient#traffic()};
 * {@link #since(Traffic)} gives a stretch's share.
 */
public final class Traffic {

	/** Nothing yet. */
	public static final Traffic NONE = new Traffic(0, 0, 0);

	private final long requests;

	private final long bytesUp;

	private final long bytesDown;

	Traffic(long requests, long bytesUp, long bytesDown) {
		this.requests = requests;
		this.bytesUp = bytesUp;
		this.bytesDown = bytesDown;
	}

	/**
	 * HTTP requests sent.
	 * @return the number
	 */
	public long requests() {
		return this.requests;
	}

	/**
	 * Bytes sent: request lines, headers, bodies.
	 * @return the number
	 */
	public long bytesUp() {
		return this.bytesUp;
	}

	/**
	 * Bytes received: status lines, headers, bodies.
	 * @return the number
	 */
	public long bytesDown() {
		return this.bytesDown;
	}

	/**
	 * What was added since an earlier reading.
	 * @param earlier the earlier reading
	 * @return the difference
	 */
	public Traffic since(Traffic earlier) {
		return new Traffic(this.requests - earlier.requests, this.bytesUp - earlier.bytesUp,
				this.bytesDown - earlier.bytesDown);
	}

	/**
	 * This and another stretch together.
	 * @param other the other
	 * @return the sum
	 */
	public Traffic plus(Traffic other) {
		return new Traffic(this.requests + other.requests, this.bytesUp + other.bytesUp,
				this.bytesDown + other.bytesDown);
	}

	@Override
	public String toString() {
		return this.requests + " HTTP requests, " + this.bytesUp + " bytes up, " + this.bytesDown + " bytes down";
	}

	/** The running count, as a network interceptor. */
	static final class Meter implements Interceptor {

		private final AtomicLong requests = new AtomicLong();

		private final AtomicLong up = new AtomicLong();

		private final AtomicLong down = new AtomicLong();

		Traffic reading() {
			return new Traffic(this.requests.get(), this.up.get(), this.down.get());
		}

		@Override
		public Response intercept(Chain chain) throws IOException {
			Request request = chain.request();
			long body = (request.body() != null) ? Math.max(0, request.body().contentLength()) : 0;
			this.requests.incrementAndGet();
			this.up.addAndGet(request.method().length() + request.url().encodedPath().length()
					+ lengthOf(request.url().encodedQuery()) + " HTTP/1.1\r\n".length() + request.headers().byteCount()
					+ 2 + body);
			Response response = chain.proceed(request);
			this.down.addAndGet(
					"HTTP/1.1 200 \r\n".length() + response.message().length() + response.headers().byteCount() + 2);
			ResponseBody original = response.body();
			return response.newBuilder().body(new Counted(original, this.down)).build();
		}

		private static int lengthOf(String query) {
			return (query != null) ? query.length() + 1 : 0;
		}

	}

	/** An answer's body that adds what is read of it to the count. */
	private static final class Counted extends ResponseBody {

		private final ResponseBody body;

		private final BufferedSource source;

		Counted(ResponseBody body, AtomicLong down) {
			this.body = body;
			this.source = Okio.buffer(new ForwardingSource(body.source()) {
				@Override
				public long read(Buffer sink, long byteCount) throws IOException {
					long read = super.read(sink, byteCount);
					if (read > 0) {
						down.addAndGet(read);
					}
					return read;
				}
			});
		}

		@Override
		public MediaType contentType() {
			return this.body.contentType();
		}

		@Override
		public long contentLength() {
			return this.body.contentLength();
		}

		@Override
		public BufferedSource source() {
			return this.source;
		}

		@Override
		public void close() {
			this.body.close();
		}

	}

}
