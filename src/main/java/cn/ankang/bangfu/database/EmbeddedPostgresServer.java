package cn.ankang.bangfu.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Starts a real PostgreSQL 15 server from the binaries on the class path, for machines
 * that have none.
 */
public final class EmbeddedPostgresServer {

	private EmbeddedPostgresServer() {
	}

	/**
	 * Starts a server on a free port that keeps its data in {@code dataDirectory}.
	 * @param dataDirectory where the cluster lives; created when missing
	 * @param clean whether to start from an empty cluster, discarding what the folder
	 * holds
	 * @return the running server; close it to stop it
	 */
	public static EmbeddedPostgres start(Path dataDirectory, boolean clean) {
		try {
			Files.createDirectories(dataDirectory);
			return EmbeddedPostgres.builder()
				.setDataDirectory(dataDirectory)
				.setCleanDataDirectory(clean)
				// the defaults of a small server, not zonky's test tuning that gives up
				// durability
				.setServerConfig("fsync", "on")
				.setServerConfig("synchronous_commit", "on")
				.setServerConfig("full_page_writes", "on")
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDirectory, ex);
		}
	}

}
