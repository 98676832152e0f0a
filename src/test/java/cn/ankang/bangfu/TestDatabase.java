package cn.ankang.bangfu;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import cn.ankang.bangfu.database.EmbeddedPostgresServer;

/**
 * The PostgreSQL the tests run against, one fresh database per test JVM: on the
 * configured server ({@code SPRING_DATASOURCE_URL}, as CI sets it) when there is one,
 * else on an embedded server started for the run. Either way the database is new,
 * migrated by Flyway at context start, and dropped at exit, so runs never see each
 * other's rows.
 */
public final class TestDatabase {

	private static final Pattern DATABASE_IN_URL = Pattern.compile("^(jdbc:postgresql://[^/]+/)([^?]*)(.*)$");

	private static TestDatabase instance;

	final String url;

	final String username;

	final String password;

	private TestDatabase(String url, String username, String password) {
		this.url = url;
		this.username = username;
		this.password = password;
	}

	/**
	 * Runs a statement on the server's {@code postgres} database as the tests' user, for
	 * tests that do to the test database what only an administrator can (cut it off).
	 */
	public static void administer(String sql) {
		TestDatabase database = get();
		Matcher matcher = DATABASE_IN_URL.matcher(database.url);
		if (!matcher.matches()) {
			throw new IllegalStateException("Cannot read the database name in " + database.url);
		}
		try (Connection connection = DriverManager.getConnection(matcher.group(1) + "postgres" + matcher.group(3),
				database.username, database.password); Statement statement = connection.createStatement()) {
			statement.execute(sql.replace("{database}", matcher.group(2)));
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not run " + sql, ex);
		}
	}

	/**
	 * Creates a new, empty database beside the test database, for tests that need a
	 * database of their own (migrating one step at a time, restoring a backup).
	 * @return its JDBC address
	 */
	public static String createBeside(String suffix) {
		administer("drop database if exists {database}_" + suffix + " with (force)");
		administer("create database {database}_" + suffix);
		Matcher matcher = DATABASE_IN_URL.matcher(get().url);
		matcher.matches();
		return matcher.group(1) + matcher.group(2) + "_" + suffix + matcher.group(3);
	}

	/** Drops a database {@link #createBeside} created. */
	public static void dropBeside(String suffix) {
		administer("drop database if exists {database}_" + suffix + " with (force)");
	}

	/** The JDBC address of the test database, for processes the tests start. */
	public static String jdbcUrl() {
		return get().url;
	}

	/** The user the tests connect as. */
	public static String username() {
		return get().username;
	}

	/** That user's password (empty for trust authentication). */
	public static String password() {
		return get().password;
	}

	static synchronized TestDatabase get() {
		if (instance == null) {
			instance = create();
		}
		return instance;
	}

	private static TestDatabase create() {
		String name = "bangfu_test_" + ProcessHandle.current().pid() + "_" + System.currentTimeMillis();
		String configured = setting("SPRING_DATASOURCE_URL", "spring.datasource.url");
		if (configured != null && !configured.isBlank()) {
			String username = orDefault(setting("SPRING_DATASOURCE_USERNAME", "spring.datasource.username"),
					"postgres");
			String password = orDefault(setting("SPRING_DATASOURCE_PASSWORD", "spring.datasource.password"), "");
			Matcher matcher = DATABASE_IN_URL.matcher(configured);
			if (!matcher.matches()) {
				throw new IllegalStateException("Cannot read the database name in " + configured);
			}
			createDatabase(configured, username, password, name);
			String url = matcher.group(1) + name + matcher.group(3);
			Runtime.getRuntime().addShutdownHook(new Thread(() -> dropDatabase(configured, username, password, name)));
			return new TestDatabase(url, username, password);
		}
		try {
			Path directory = Files.createTempDirectory("bangfu-test-postgres");
			EmbeddedPostgres server = EmbeddedPostgresServer.start(directory, true);
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					server.close();
				}
				catch (Exception ex) {
					// the JVM is exiting: nothing left to tell
				}
			}));
			String admin = server.getJdbcUrl("postgres", "postgres");
			createDatabase(admin, "postgres", "", name);
			return new TestDatabase(server.getJdbcUrl("postgres", name), "postgres", "");
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException("Could not start the embedded PostgreSQL for the tests", ex);
		}
	}

	private static void createDatabase(String adminUrl, String username, String password, String name) {
		try (Connection connection = DriverManager.getConnection(adminUrl, username, password);
				Statement statement = connection.createStatement()) {
			statement.execute("create database " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create the test database on " + adminUrl, ex);
		}
	}

	private static void dropDatabase(String adminUrl, String username, String password, String name) {
		try (Connection connection = DriverManager.getConnection(adminUrl, username, password);
				Statement statement = connection.createStatement()) {
			statement.execute("drop database if exists " + name + " with (force)");
		}
		catch (SQLException ex) {
			System.err.println("Could not drop the test database " + name + ": " + ex.getMessage());
		}
	}

	private static String setting(String environment, String property) {
		String value = System.getProperty(property);
		return (value != null) ? value : System.getenv(environment);
	}

	private static String orDefault(String value, String fallback) {
		return (value != null) ? value : fallback;
	}

}
