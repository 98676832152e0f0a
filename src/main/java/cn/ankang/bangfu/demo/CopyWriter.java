package cn.ankang.bangfu.demo;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;

import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Streams rows into one table with PostgreSQL's COPY in CSV form, a buffer at a time, so
 * that even a large data set loads in seconds without being held in memory whole.
 */
final class CopyWriter implements AutoCloseable {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CopyWriter.class);

	private static final int FLUSH_AT = 1 << 20;

	/**
	 * A large table says how far it got every so many rows, so that a long load is never
	 * silent.
	 */
	private static final long REPORT_EVERY = 250_000;

	private final String table;

	private final long started = System.nanoTime();

	private final CopyIn copy;

	private final StringBuilder buffer = new StringBuilder(FLUSH_AT + 4096);

	private boolean firstField = true;

	private long rows;

	CopyWriter(Connection connection, String table, String columns) throws SQLException {
		this.table = table;
		this.copy = connection.unwrap(PGConnection.class)
			.getCopyAPI()
			.copyIn("copy " + table + " (" + columns + ") from stdin with (format csv)");
	}

	/** Adds a field: null becomes SQL NULL, anything else its text, quoted. */
	CopyWriter add(@Nullable Object value) {
		if (!this.firstField) {
			this.buffer.append(',');
		}
		this.firstField = false;
		if (value != null) {
			String text = value.toString();
			this.buffer.append('"').append(text.replace("\"", "\"\"")).append('"');
		}
		return this;
	}

	/** Ends the current row. */
	void endRow() throws SQLException {
		this.buffer.append('\n');
		this.firstField = true;
		this.rows++;
		if (this.rows % REPORT_EVERY == 0) {
			log.info("Demo data: writing {}, {} rows so far", this.table, String.format("%,d", this.rows));
		}
		if (this.buffer.length() >= FLUSH_AT) {
			flush();
		}
	}

	long rows() {
		return this.rows;
	}

	private void flush() throws SQLException {
		byte[] bytes = this.buffer.toString().getBytes(StandardCharsets.UTF_8);
		this.copy.writeToCopy(bytes, 0, bytes.length);
		this.buffer.setLength(0);
	}

	@Override
	public void close() throws SQLException {
		flush();
		this.copy.endCopy();
		log.info("Demo data: {} rows of {} written ({} ms)", String.format("%,d", this.rows), this.table,
				(System.nanoTime() - this.started) / 1_000_000);
	}

}
