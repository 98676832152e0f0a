package cn.ankang.bangfu.operations;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import cn.ankang.bangfu.ApiTestSupport;
import cn.ankang.bangfu.TestDatabase;
import cn.ankang.bangfu.visit.VisitDrafts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The backup procedure of docs/operations.md, run: {@code pg_dump} of the live database,
 * while the service writes, then {@code pg_restore} into a new database, where every
 * visit and every row must be found as it was. Where the PostgreSQL client programs are
 * not installed (a machine that runs the embedded server has none) that half cannot run;
 * the other half always does: every table copied row by row into a database made by the
 * migrations, which shows that the data alone (without anything only the old database
 * knew) is a whole backup.
 */
class BackupRestoreTests extends ApiTestSupport {

	private static final Pattern URL = Pattern.compile("^jdbc:postgresql://([^:/]+)(?::(\\d+))?/([^?]+).*$");

	@Test
	void aDumpRestoredIntoAFreshDatabaseHoldsEveryVisitAndEveryRow() throws Exception {
		// a visit written just before the backup must be in it
		Map<String, Object> latest = VisitDrafts.householdVisit(this.jdbc);
		as("demo-secretary").document("""
				mutation($v: LogVisitInput!) { logVisit(input: $v) { receipt { status } } }""")
			.variable("v", latest)
			.execute()
			.path("logVisit.receipt.status")
			.entity(String.class)
			.isEqualTo("ACCEPTED");
		Map<String, String> visits;
		Map<String, Long> rows;
		try (Connection source = connect(TestDatabase.jdbcUrl())) {
			visits = visits(source);
			rows = rowCounts(source);
		}
		assertThat(visits).containsKey(latest.get("uuid").toString()).hasSizeGreaterThan(1000);

		Optional<Path> pgDump = program("pg_dump");
		Optional<Path> pgRestore = program("pg_restore");
		if (pgDump.isPresent() && pgRestore.isPresent()) {
			String restored = database("pgrestore");
			Path dump = Files.createTempFile("bangfu-backup", ".dump");
			try {
				run(pgDump.get(), "--format=custom", "--no-owner", "--file=" + dump, "--dbname=" + name());
				run(pgRestore.get(), "--no-owner", "--exit-on-error", "--dbname=" + restored, dump.toString());
				System.out.println("pg_dump and pg_restore (" + pgDump.get() + "): " + Files.size(dump) + " bytes");
				assertSameData(restored, visits, rows);
			}
			finally {
				Files.deleteIfExists(dump);
				drop(restored);
			}
		}
		else {
			System.out.println("No PostgreSQL client programs here: the pg_dump half is not run");
		}

		String copied = database("copied");
		try {
			copyInto(copied);
			assertSameData(copied, visits, rows);
		}
		finally {
			drop(copied);
		}
	}

	private void assertSameData(String database, Map<String, String> visits, Map<String, Long> rows)
			throws SQLException {
		try (Connection restored = connect(url(database))) {
			assertThat(visits(restored)).isEqualTo(visits);
			assertThat(rowCounts(restored)).isEqualTo(rows);
			// and it is a database the service can go on with
			try (Statement statement = restored.createStatement();
					ResultSet result = statement
						.executeQuery("select max(version::int) from flyway_schema_history where success")) {
				result.next();
				assertThat(result.getInt(1)).isGreaterThanOrEqualTo(13);
			}
		}
	}

	/**
	 * Every table copied (PostgreSQL's binary COPY) into a database the migrations made.
	 */
	private void copyInto(String database) throws Exception {
		Flyway.configure()
			.dataSource(url(database), TestDatabase.username(), TestDatabase.password())
			.locations("classpath:db/migration")
			.load()
			.migrate();
		try (Connection source = connect(TestDatabase.jdbcUrl()); Connection target = connect(url(database))) {
			List<String> tables = tables(source);
			try (Statement statement = target.createStatement()) {
				// as pg_restore --disable-triggers: the rows are restored as they were,
				// without the triggers that would add to them or refuse them
				statement.execute("set session_replication_role = replica");
				statement.execute("truncate " + String.join(", ", tables));
			}
			CopyManager from = source.unwrap(PGConnection.class).getCopyAPI();
			CopyManager to = target.unwrap(PGConnection.class).getCopyAPI();
			for (String table : tables) {
				Path file = Files.createTempFile("bangfu-copy", ".bin");
				try {
					try (OutputStream out = Files.newOutputStream(file)) {
						// a partitioned table (visits) is copied whole, through its
						// parent: its
						// rows find their partitions in the target as they would from a
						// phone
						from.copyOut("copy (select * from " + table + ") to stdout (format binary)", out);
					}
					try (InputStream in = Files.newInputStream(file)) {
						to.copyIn("copy " + table + " from stdin (format binary)", in);
					}
				}
				finally {
					Files.delete(file);
				}
			}
			try (Statement read = source.createStatement();
					ResultSet sequences = read.executeQuery(
							"select schemaname || '.' || sequencename, last_value from pg_sequences where last_value is not null");
					Statement write = target.createStatement()) {
				while (sequences.next()) {
					write.execute("select setval('" + sequences.getString(1) + "', " + sequences.getLong(2) + ")");
				}
			}
		}
	}

	private static Map<String, String> visits(Connection connection) throws SQLException {
		Map<String, String> visits = new LinkedHashMap<>();
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("select id::text, md5(v::text) from visit v order by id")) {
			while (result.next()) {
				visits.put(result.getString(1), result.getString(2));
			}
		}
		return visits;
	}

	private static Map<String, Long> rowCounts(Connection connection) throws SQLException {
		Map<String, Long> counts = new LinkedHashMap<>();
		for (String table : tables(connection)) {
			try (Statement statement = connection.createStatement();
					ResultSet result = statement.executeQuery("select count(*) from " + table)) {
				result.next();
				counts.put(table, result.getLong(1));
			}
		}
		return counts;
	}

	private static List<String> tables(Connection connection) throws SQLException {
		List<String> tables = new ArrayList<>();
		try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery("""
				select quote_ident(c.relname) from pg_class c join pg_namespace n on n.oid = c.relnamespace
				where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
				  and c.relname <> 'flyway_schema_history'
				order by c.relname""")) {
			while (result.next()) {
				tables.add(result.getString(1));
			}
		}
		return tables;
	}

	/** A new, empty database next to the test database. */
	private static String database(String suffix) {
		String name = name() + "_" + suffix;
		TestDatabase.administer("drop database if exists " + name);
		TestDatabase.administer("create database " + name);
		return name;
	}

	private static void drop(String database) {
		TestDatabase.administer("drop database if exists " + database + " with (force)");
	}

	private static String name() {
		return part(3);
	}

	private static String url(String database) {
		return "jdbc:postgresql://" + part(1) + ":" + Optional.ofNullable(part(2)).orElse("5432") + "/" + database;
	}

	private static String part(int group) {
		Matcher matcher = URL.matcher(TestDatabase.jdbcUrl());
		if (!matcher.matches()) {
			throw new IllegalStateException("Cannot read " + TestDatabase.jdbcUrl());
		}
		return matcher.group(group);
	}

	private static Connection connect(String url) throws SQLException {
		return DriverManager.getConnection(url, TestDatabase.username(), TestDatabase.password());
	}

	/** Runs a PostgreSQL client program against the test server. */
	private static void run(Path program, String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(program.toString(), "--host=" + part(1),
				"--port=" + Optional.ofNullable(part(2)).orElse("5432"), "--username=" + TestDatabase.username()));
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().put("PGPASSWORD", TestDatabase.password());
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(command + "\n" + output).isZero();
	}

	/**
	 * A PostgreSQL client program on the path or in Debian's versioned folders, newest
	 * first, so that it is at least as new as the server.
	 */
	private static Optional<Path> program(String name) {
		List<Path> candidates = new ArrayList<>();
		Path versions = Paths.get("/usr/lib/postgresql");
		if (Files.isDirectory(versions)) {
			try (var folders = Files.list(versions)) {
				folders.sorted((a, b) -> version(b) - version(a))
					.map((folder) -> folder.resolve("bin").resolve(name))
					.forEach(candidates::add);
			}
			catch (IOException ex) {
				// none from there
			}
		}
		for (String folder : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
			if (!folder.isBlank()) {
				candidates.add(Paths.get(folder, name));
			}
		}
		return candidates.stream().filter(Files::isExecutable).findFirst();
	}

	private static int version(Path folder) {
		try {
			return Integer.parseInt(folder.getFileName().toString());
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

}
