package cn.ankang.bangfu.view;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

import org.springframework.stereotype.Component;

/**
 * What changed where, as PostgreSQL announces it after each commit ({@code NOTIFY
 * bangfu_change}, written by the triggers of migration V29): the village a change
 * touched, or anywhere. Every instance of the service listens, so a visit stored by one
 * moves the live views served by all. One connection of the pool listens while any live
 * view is open, and is given back a little after the last one closes; behind a pooler in
 * transaction mode, a connection of its own straight to PostgreSQL
 * ({@link SignalProperties}).
 */
@Component
class ChangeSignals {

	static final String CHANNEL = "bangfu_change";

	private static final Logger log = LoggerFactory.getLogger(ChangeSignals.class);

	private static final Duration POLL = Duration.ofSeconds(1);

	/** What the listening connection is called in {@code pg_stat_activity}. */
	static final String APPLICATION_NAME = "bangfu-change-signals";

	private final DataSource dataSource;

	private final SignalProperties properties;

	private final Flux<Change> changes;

	ChangeSignals(DataSource dataSource, SignalProperties properties) {
		this.dataSource = dataSource;
		this.properties = properties;
		if (properties.direct()) {
			log.info("Live views listen for changes on a connection of their own, outside the pool");
		}
		this.changes = Flux.<Change>create(this::listen).publish().refCount(1, Duration.ofSeconds(30));
	}

	/** The changes committed from now on; hot, shared by all who subscribe. */
	Flux<Change> changes() {
		return this.changes;
	}

	private void listen(FluxSink<Change> sink) {
		AtomicBoolean stopped = new AtomicBoolean();
		Thread listener = new Thread(() -> {
			boolean first = true;
			while (!stopped.get()) {
				try (Connection connection = connect()) {
					connection.setAutoCommit(true);
					try (Statement statement = connection.createStatement()) {
						statement.execute("listen " + CHANNEL);
					}
					if (!first) {
						// what was committed while no one listened is unknown: everything
						// may
						// have changed
						sink.next(Change.ANYWHERE);
					}
					first = false;
					PGConnection postgres = connection.unwrap(PGConnection.class);
					while (!stopped.get()) {
						PGNotification[] notifications = postgres.getNotifications((int) POLL.toMillis());
						if (notifications != null) {
							for (PGNotification notification : notifications) {
								sink.next(Change.of(notification.getParameter()));
							}
						}
					}
				}
				catch (SQLException | RuntimeException ex) {
					if (!stopped.get()) {
						log.warn("Lost the database's change signals; listening again in {} s: {}",
								POLL.toSeconds() * 5, ex.toString());
						sleep(POLL.multipliedBy(5));
					}
				}
			}
		}, "bangfu-change-signals");
		listener.setDaemon(true);
		sink.onDispose(() -> stopped.set(true));
		listener.start();
	}

	private Connection connect() throws SQLException {
		if (!this.properties.direct()) {
			return this.dataSource.getConnection();
		}
		Properties login = new Properties();
		if (this.properties.username() != null) {
			login.setProperty("user", this.properties.username());
		}
		if (this.properties.password() != null) {
			login.setProperty("password", this.properties.password());
		}
		login.setProperty("ApplicationName", APPLICATION_NAME);
		return DriverManager.getConnection(this.properties.url(), login);
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * A change committed in a village, or somewhere not tied to one.
	 *
	 * @param villageKey the village, or null for anywhere
	 */
	record Change(@Nullable Long villageKey) {

		static final Change ANYWHERE = new Change(null);

		static Change of(@Nullable String payload) {
			try {
				return (payload != null && !payload.equals("*")) ? new Change(Long.valueOf(payload)) : ANYWHERE;
			}
			catch (NumberFormatException ex) {
				return ANYWHERE;
			}
		}

	}

}
