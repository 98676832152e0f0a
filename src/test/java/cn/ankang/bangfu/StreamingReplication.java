package cn.ankang.bangfu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL 15 primary and a hot standby streaming from it, both real servers from the
 * embedded binaries, each in a folder of its own, for tests of what runs on a read
 * replica. The standby is made as an operator makes one from a cold backup: the primary
 * is initialised and shut down cleanly, its folder copied, and the copy started with
 * {@code standby.signal} and a {@code primary_conninfo}, through a replication slot that
 * keeps the primary's WAL until the standby has it however far it lags. The standby keeps
 * its port across {@link #stopStandby()} and {@link #startStandby()}, so that a pool
 * configured with its address finds it again.
 */
public final class StreamingReplication implements AutoCloseable {

	private static final String SLOT = "bangfu_test_standby";

	private final Path root;

	private final EmbeddedPostgres primary;

	private final int standbyPort;

	private EmbeddedPostgres standby;

	private StreamingReplication(Path root, EmbeddedPostgres primary, int standbyPort) {
		this.root = root;
		this.primary = primary;
		this.standbyPort = standbyPort;
	}

	/** Starts both servers; the standby streams from the primary when this returns. */
	public static StreamingReplication start() {
		try {
			Path root = Files.createTempDirectory("bangfu-replication");
			Path primaryData = root.resolve("primary");
			Path standbyData = root.resolve("standby");
			EmbeddedPostgres initialised = server(primaryData, 0);
			int port = initialised.getPort();
			run(url(port), "select pg_create_physical_replication_slot('" + SLOT + "', true)");
			// a clean shut down: the copy is a consistent cluster without a backup label
			initialised.close();
			copy(primaryData, standbyData);
			// PostgreSQL starts only on a folder its owner alone may read
			Files.setPosixFilePermissions(standbyData, PosixFilePermissions.fromString("rwx------"));
			EmbeddedPostgres primary = server(primaryData, port);
			Files.writeString(standbyData.resolve("standby.signal"), "");
			Files.writeString(standbyData.resolve("postgresql.auto.conf"), """
					primary_conninfo = 'host=localhost port=%d user=postgres application_name=bangfu_test_standby'
					primary_slot_name = '%s'
					""".formatted(port, SLOT), StandardOpenOption.APPEND);
			StreamingReplication replication = new StreamingReplication(root, primary, freePort());
			replication.startStandby();
			return replication;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not set up a primary and its standby", ex);
		}
	}

	/** The primary's JDBC address, of its {@code postgres} database, naming no login. */
	public String primaryUrl() {
		return url(this.primary.getPort());
	}

	/** The standby's JDBC address, of its {@code postgres} database, naming no login. */
	public String standbyUrl() {
		return url(this.standbyPort);
	}

	/** Starts the standby again from its folder, on its port. */
	public synchronized void startStandby() {
		if (this.standby == null) {
			this.standby = server(this.root.resolve("standby"), this.standbyPort);
		}
	}

	/** Stops the standby cleanly; its folder stays, to start it again. */
	public synchronized void stopStandby() {
		if (this.standby != null) {
			try {
				this.standby.close();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not stop the standby", ex);
			}
			this.standby = null;
		}
	}

	/** Stops and resumes replaying WAL on the standby, as an operator can. */
	public void pauseReplay() {
		run(standbyUrl(), "select pg_wal_replay_pause()");
		await("the standby to pause", "select pg_get_wal_replay_pause_state() = 'paused'");
	}

	/** Resumes replaying WAL on the standby. */
	public void resumeReplay() {
		run(standbyUrl(), "select pg_wal_replay_resume()");
	}

	/** Waits until the standby has replayed everything the primary has written so far. */
	public void awaitCaughtUp() {
		String written = query(primaryUrl(), "select pg_current_wal_lsn()::text");
		await("the standby to replay up to " + written, "select pg_last_wal_replay_lsn() >= '" + written + "'::pg_lsn");
	}

	/** Whether the primary streams to a standby now. */
	public boolean streaming() {
		return Boolean.parseBoolean(query(primaryUrl(),
				"select (count(*) filter (where state = 'streaming') = 1)::text from pg_stat_replication"));
	}

	@Override
	public void close() {
		stopStandby();
		try {
			this.primary.close();
			try (Stream<Path> files = Files.walk(this.root)) {
				files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void await(String what, String condition) {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (!Boolean.parseBoolean(query(standbyUrl(), "select (" + condition + ")::text"))) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Waited a minute for " + what);
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	private static EmbeddedPostgres server(Path data, int port) {
		try {
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
				.setDataDirectory(data)
				.setCleanDataDirectory(false)
				.setPGStartupWait(Duration.ofSeconds(60));
			return ((port != 0) ? builder.setPort(port) : builder).start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start PostgreSQL in " + data, ex);
		}
	}

	private static void copy(Path from, Path to) throws IOException {
		try (Stream<Path> files = Files.walk(from)) {
			for (Path file : (Iterable<Path>) files::iterator) {
				Path relative = from.relativize(file);
				// the slot is the primary's; the lock is the embedded server's own
				if (relative.startsWith("pg_replslot") && relative.getNameCount() > 1
						|| relative.toString().equals("epg-lock") || relative.toString().equals("postmaster.pid")) {
					continue;
				}
				Path target = to.resolve(relative.toString());
				if (Files.isDirectory(file)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(file, target);
				}
			}
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static String url(int port) {
		return "jdbc:postgresql://localhost:" + port + "/postgres";
	}

	private static void run(String url, String sql) {
		query(url, sql);
	}

	private static String query(String url, String sql) {
		try (Connection connection = DriverManager.getConnection(url, "postgres", "");
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getString(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not run " + sql + " on " + url, ex);
		}
	}

}
