package cn.ankang.bangfu;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import cn.ankang.bangfu.database.EmbeddedPostgresServer;
import cn.ankang.bangfu.database.ServiceLogin;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The PostgreSQL the tests run against, one fresh database per test JVM: on the
 * configured server ({@code SPRING_DATASOURCE_URL}, as CI sets it) when there is one,
 * else on an embedded server started for the run. Either way the database is new,
 * migrated by Flyway at context start, and dropped at exit, so runs never see each
 * other's rows.
 */
public final class TestDatabase {

	private static final Pattern DATABASE_IN_URL = Pattern.compile("^(jdbc:postgresql://[^/]+/)([^?]*)(.*)$");

	private static final String SERVICE_PASSWORD = "bangfu-service-in-tests";

	private static final Map<DataSource, DataSource> OWNER_POOLS = new ConcurrentHashMap<>();

	private static final Map<DataSource, JdbcClient> OWNER_CLIENTS = new ConcurrentHashMap<>();

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

	/**
	 * The login the service under test connects as: one that owns nothing, as in
	 * production; Flyway migrates as {@link #username()}.
	 */
	public static String serviceUsername() {
		get();
		return ServiceLogin.NAME;
	}

	/** That login's password. */
	public static String servicePassword() {
		return SERVICE_PASSWORD;
	}

	/**
	 * A client on the database a service's pool reaches, as the owner: for tests that set
	 * rows up or check them past row-level security, as the service never can.
	 */
	public static JdbcClient ownerClient(DataSource service) {
		return OWNER_CLIENTS.computeIfAbsent(ownerDataSource(service), JdbcClient::create);
	}

	/**
	 * Connections to the database a service's pool reaches, as the owner, for tests that
	 * hold transactions of their own open.
	 */
	public static DataSource ownerDataSource(DataSource service) {
		return OWNER_POOLS.computeIfAbsent(service, TestDatabase::ownerPool);
	}

	private static DataSource ownerPool(DataSource service) {
		String url;
		try (Connection connection = service.getConnection()) {
			url = connection.getMetaData().getURL();
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not reach the service's database", ex);
		}
		// one pool per service pool (a context), found once: not a connection per test
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl(url);
		pool.setUsername(get().username);
		pool.setPassword(get().password);
		pool.setMaximumPoolSize(6);
		pool.setPoolName("test-owner");
		return pool;
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
			ServiceLogin.ensure(configured, username, password, SERVICE_PASSWORD);
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
			ServiceLogin.ensure(admin, "postgres", "", SERVICE_PASSWORD);
			// an address that names no login: the server's own names its superuser, which
			// would win over the service's login
			return new TestDatabase("jdbc:postgresql://localhost:%d/%s".formatted(server.getPort(), name), "postgres",
					"");
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
