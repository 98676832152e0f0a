package cn.ankang.bangfu.demo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.stereotype.Component;

/**
 * Loads the demo data set once, into an empty database, when {@code bangfu.demo.load} is
 * on (the run command turns it on). A database that already holds areas is left alone, so
 * restarts keep what was written since. It runs after the migrations and before the web
 * server opens, so that no client ever sees a half-loaded city.
 */
@Component
@ConditionalOnBooleanProperty("bangfu.demo.load")
@DependsOnDatabaseInitialization
class DemoDataLoader implements InitializingBean {

	private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);

	// any constant will do: it only keeps two instances starting together from loading
	// twice
	private static final long LOCK = 0x42414E47465500L;

	private final DataSource dataSource;

	private final DemoDataProperties properties;

	DemoDataLoader(DataSource dataSource, DemoDataProperties properties) {
		this.dataSource = dataSource;
		this.properties = properties;
	}

	@Override
	public void afterPropertiesSet() throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				statement.execute("select pg_advisory_xact_lock(" + LOCK + ")");
				try (ResultSet rs = statement.executeQuery("select exists (select 1 from city)")) {
					rs.next();
					if (rs.getBoolean(1)) {
						log.info("The database already holds data: the demo data set is not loaded again.");
						connection.rollback();
						return;
					}
				}
			}
			long started = System.nanoTime();
			try {
				new DemoDataGenerator(this.properties.seed(), this.properties.scale()).write(connection);
				connection.commit();
			}
			catch (SQLException | RuntimeException ex) {
				connection.rollback();
				throw ex;
			}
			log.info("Loaded the demo data set (scale {}) in {} ms.", this.properties.scale(),
					(System.nanoTime() - started) / 1_000_000);
		}
	}

}
