package cn.ankang.bangfu.view;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import cn.ankang.bangfu.TestDatabase;

import org.springframework.jdbc.datasource.AbstractDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The change signals on an address of their own ({@code bangfu.datasource.signals.url}),
 * as behind PgBouncer in transaction mode: the listening session is opened there and
 * never taken from the service's pool. Listening on the pool is what every live view test
 * ({@link LiveViewTests}) runs on.
 */
class ChangeSignalsTests {

	@Test
	void listensOnTheDirectAddressAndNeverOnThePool() throws Exception {
		ChangeSignals signals = new ChangeSignals(new RefusingPool(),
				new SignalProperties(TestDatabase.jdbcUrl(), TestDatabase.username(), TestDatabase.password()));
		BlockingQueue<ChangeSignals.Change> received = new LinkedBlockingQueue<>();
		Disposable subscription = signals.changes().subscribe(received::add);
		try (Connection owner = DriverManager.getConnection(TestDatabase.jdbcUrl(), TestDatabase.username(),
				TestDatabase.password()); Statement statement = owner.createStatement()) {
			awaitListening(statement);
			statement.execute("notify " + ChangeSignals.CHANNEL + ", '4711'");
			statement.execute("notify " + ChangeSignals.CHANNEL + ", '*'");
			assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo(new ChangeSignals.Change(4711L));
			assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo(ChangeSignals.Change.ANYWHERE);
		}
		finally {
			subscription.dispose();
		}
	}

	/** Until the signals' own session has run its LISTEN on the test database. */
	private static void awaitListening(Statement statement) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (System.nanoTime() < deadline) {
			try (ResultSet listening = statement.executeQuery("""
					select count(*) from pg_stat_activity
					where datname = current_database() and application_name = '%s' and query = 'listen %s'"""
				.formatted(ChangeSignals.APPLICATION_NAME, ChangeSignals.CHANNEL))) {
				listening.next();
				if (listening.getInt(1) == 1) {
					return;
				}
			}
			Thread.sleep(50);
		}
		throw new AssertionError("The change signals never listened on their own address");
	}

	/** The service's pool, which must not be asked. */
	private static final class RefusingPool extends AbstractDataSource {

		@Override
		public Connection getConnection() throws SQLException {
			throw new SQLException("the pool was asked for the listening connection");
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			return getConnection();
		}

	}

}
