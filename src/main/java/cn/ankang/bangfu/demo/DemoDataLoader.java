package cn.ankang.bangfu.demo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cn.ankang.bangfu.database.OwnerDatabase;
import cn.ankang.bangfu.security.AccountService;
import cn.ankang.bangfu.security.jurisdiction.ScopedTransactionManager;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads the demo data set once, into an empty database, when {@code bangfu.demo.load} is
 * on (the run command turns it on). A database that already holds areas is left alone, so
 * restarts keep what was written since. It runs after the migrations and before the web
 * server opens, so that no client ever sees a half-loaded city.
 * <p>
 * The bean is always there and reads {@code bangfu.demo.load} when it runs, rather than
 * being made only when the setting is on: under Spring AOT ({@code -Paot}) which beans
 * exist is decided when the jar is built, and the jar is built without the demo profile.
 */
@Component
@DependsOnDatabaseInitialization
class DemoDataLoader implements InitializingBean {

	private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);

	// any constant will do: it only keeps two instances starting together from loading
	// twice
	private static final long LOCK = 0x42414E47465500L;

	private final DataSource dataSource;

	private final OwnerDatabase owner;

	private final TransactionTemplate transactions;

	private final AccountService accounts;

	private final DemoDataProperties properties;

	DemoDataLoader(DataSource dataSource, OwnerDatabase owner, PlatformTransactionManager transactionManager,
			AccountService accounts, DemoDataProperties properties) {
		this.dataSource = dataSource;
		this.owner = owner;
		// the accounts are made as the service makes them, with every village in scope
		this.transactions = ScopedTransactionManager.upkeep(transactionManager);
		this.accounts = accounts;
		this.properties = properties;
	}

	@Override
	public void afterPropertiesSet() {
		if (!this.properties.load()) {
			return;
		}
		boolean loaded = loadData();
		// then the demo accounts, through the service's own rules: the database takes its
		// first account as its first admin, and the others from that admin
		this.transactions.executeWithoutResult((status) -> {
			Connection connection = DataSourceUtils.getConnection(this.dataSource);
			try (Statement statement = connection.createStatement()) {
				statement.execute("select pg_advisory_xact_lock(" + LOCK + ")");
				if (single(statement, "select count(*) from app_user") > 0) {
					return;
				}
				if (this.properties.content() == DemoDataProperties.Content.AREAS) {
					this.accounts.createDemoAdmin();
				}
				else {
					createDemoAccounts(statement);
				}
			}
			catch (SQLException ex) {
				throw new IllegalStateException("Could not create the demo accounts", ex);
			}
		});
		if (!loaded) {
			log.info("The database already holds data: the demo data set is not loaded again.");
		}
	}

	/**
	 * Loads the data set into an empty database, as the owner: the rows are copied past
	 * row-level security, which the service's own login cannot do. One transaction: a
	 * failure leaves the database empty.
	 * @return whether it loaded them; false when the database holds data already
	 */
	private boolean loadData() {
		try (Connection connection = this.owner.connect()) {
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				statement.execute("select pg_advisory_xact_lock(" + LOCK + ")");
				// a one-off bulk load: at a large scale its statements outlast the
				// service's limit
				statement.execute("set local statement_timeout = 0");
				// a data set loaded is a starting point, not changes anyone made: no
				// history rows (V19) for its millions of rows
				statement.execute("set local bangfu.history = 'off'");
				if (single(statement, "select count(*) from city") > 0) {
					connection.rollback();
					return false;
				}
				long started = System.nanoTime();
				log.info(
						"Loading the demo data set ({}, scale {}) into the empty database; each table reports as it is "
								+ "written.",
						this.properties.content(), this.properties.scale());
				DemoDataGenerator generator = new DemoDataGenerator(this.properties.seed(), this.properties.scale());
				IndexesAndKeysSetAside setAside = IndexesAndKeysSetAside.setAside(connection);
				if (this.properties.content() == DemoDataProperties.Content.AREAS) {
					generator.writeAreasOnly(connection);
				}
				else {
					generator.write(connection);
				}
				long restoring = System.nanoTime();
				setAside.restore(connection);
				log.info("Demo data: {} indexes and foreign keys made again over the rows written ({} ms)",
						setAside.size(), (System.nanoTime() - restoring) / 1_000_000);
				connection.commit();
				// fresh statistics: without them the planner takes a table of tens of
				// thousands of rows for an empty one and nests loops through it
				connection.setAutoCommit(true);
				// outside the load's transaction its "set local" is gone: at 100× the
				// analyze outlasts the service's 30 s limit, and failed a committed load
				statement.execute("set statement_timeout = 0");
				statement.execute("analyze");
				log.info("Loaded the demo data set ({}, scale {}) in {} ms.", this.properties.content(),
						this.properties.scale(), (System.nanoTime() - started) / 1_000_000);
				return true;
			}
			catch (SQLException | RuntimeException ex) {
				// after the commit nothing is left to roll back: trying would hide the
				// cause
				if (!connection.getAutoCommit()) {
					connection.rollback();
				}
				throw ex;
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not load the demo data set", ex);
		}
	}

	/**
	 * The demo cadres are in 汉滨区, the county of the demo county officer; the demo town
	 * officer works for the first secretary's town.
	 */
	private void createDemoAccounts(Statement statement) throws SQLException {
		long firstSecretary = single(statement, """
				select p.cadre_id from posting p join village v on v.id = p.village_id
				where p.role = 'FIRST_SECRETARY' and p.ended_on is null and v.code like '610902%'
				order by v.code, p.id limit 1""");
		long teamMember = single(statement, """
				select p.cadre_id from posting p join village v on v.id = p.village_id
				where p.role = 'TEAM_MEMBER' and p.ended_on is null and v.code like '610902%'
				order by v.code, p.id limit 1""");
		long unit = single(statement, """
				select u.id from assistance_unit u
				where exists (select 1 from project p where p.implementing_unit_id = u.id)
				  and exists (select 1 from cadre k where k.dispatching_unit_id = u.id)
				order by u.id limit 1""");
		long town = single(statement, """
				select v.town_id from posting p join village v on v.id = p.village_id
				where p.cadre_id = %d and p.ended_on is null order by v.code limit 1""".formatted(firstSecretary));
		this.accounts.createDemoAccounts(firstSecretary, teamMember, unit, town);
	}

	private static long single(Statement statement, String sql) throws SQLException {
		try (ResultSet rs = statement.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

}
