package cn.ankang.bangfu.security.jurisdiction;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.DelegatingTransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import cn.ankang.bangfu.security.Auth;

/**
 * Every transaction of the service runs as the database role {@code bangfu_app}, which
 * owns no table and so is held by the row-level security policies, with the signed-in
 * user's scope written into the transaction for those policies to read, and the user's
 * key for the history of records the database keeps. All are {@code SET LOCAL}: they end
 * with the transaction, so a pooled connection never carries one user's scope to the
 * next.
 * <p>
 * A transaction named {@link #MAINTENANCE} (the service's own upkeep: partitions of
 * visits, workload metrics, imports left running by a stopped service) works as
 * {@code bangfu_app} too, with everything in scope and no user: the service's login owns
 * nothing, and its upkeep needs nothing the owner alone may do (what does, such as making
 * a partition, is a function that runs as the owner).
 */
@Component("transactionManager")
public class ScopedTransactionManager extends JdbcTransactionManager {

	/**
	 * The name of transactions of the service's own upkeep, outside any user's scope.
	 */
	public static final String MAINTENANCE = "bangfu-maintenance";

	/**
	 * Transactions of the service's own upkeep ({@link #MAINTENANCE}) on the given
	 * manager: everything in scope, no user.
	 */
	public static TransactionTemplate upkeep(PlatformTransactionManager transactionManager) {
		TransactionTemplate upkeep = new TransactionTemplate(transactionManager);
		upkeep.setName(MAINTENANCE);
		return upkeep;
	}

	private final Jurisdiction jurisdiction;

	private final String planCacheMode;

	/**
	 * The service's own manager (this bean), whose statements are small, many and
	 * repeated: they run on generic plans, planned once per connection. Planning is what
	 * a statement on the monthly partitions of visits costs most: about 7 ms to plan a
	 * household's latest visits over 18 partitions under row-level security, against 2–3
	 * ms to run it, and PostgreSQL's own choice kept planning anew because each custom
	 * plan looked a little cheaper.
	 */
	@Autowired
	public ScopedTransactionManager(DataSource dataSource, Jurisdiction jurisdiction) {
		this(dataSource, jurisdiction, true);
	}

	/**
	 * A manager on one database: the service's own, or another it reads users' rows from,
	 * such as a read replica. Any database the service reads such rows from must be used
	 * through one of these, never a plain transaction manager, which would read as the
	 * owner, outside every row-level security policy.
	 * @param genericPlans whether statements run on generic plans; false plans each
	 * statement for its values, as suits the leaders' figures: heavy statements whose
	 * best plan depends on the period and area asked. Not PostgreSQL's own choice
	 * ({@code auto}): after five runs it took a generic plan for the whole data set's
	 * monitoring figure that expected 40 cases instead of 244,560 and joined them to the
	 * counties in a nested loop (1.3 s against 0.25 s at 10×).
	 */
	public ScopedTransactionManager(DataSource dataSource, Jurisdiction jurisdiction, boolean genericPlans) {
		super(dataSource);
		this.jurisdiction = jurisdiction;
		this.planCacheMode = genericPlans ? "force_generic_plan" : "force_custom_plan";
	}

	/**
	 * A transaction's isolation level is set inside it ({@code SET TRANSACTION}), never
	 * on the connection. Spring would set it on the session before the transaction and
	 * set it back after, each its own statement outside the transaction; behind PgBouncer
	 * in transaction mode those land on whichever server connection is free, and a
	 * query's {@code REPEATABLE READ} stayed on one that a visit's write then took (the
	 * bench's 10× run: 472 of 1,587 visits refused, "visits are written at read
	 * committed").
	 */
	@Override
	protected void doBegin(Object transaction, TransactionDefinition definition) {
		super.doBegin(transaction, (definition.getIsolationLevel() != TransactionDefinition.ISOLATION_DEFAULT)
				? new IsolationInsideTheTransaction(definition) : definition);
	}

	@Override
	protected void prepareTransactionalConnection(Connection connection, TransactionDefinition definition)
			throws SQLException {
		super.prepareTransactionalConnection(connection, definition);
		if (definition instanceof IsolationInsideTheTransaction isolation) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("set transaction isolation level " + isolation.level());
			}
		}
		boolean upkeep = MAINTENANCE.equals(definition.getName());
		Scope scope = upkeep ? this.jurisdiction.everything() : this.jurisdiction.current();
		try (PreparedStatement statement = connection.prepareStatement("""
				select set_config('role', 'bangfu_app', true),
				       set_config('bangfu.scope_all', ?, true),
				       set_config('bangfu.scope_cities', ?, true),
				       set_config('bangfu.scope_counties', ?, true),
				       set_config('bangfu.scope_towns', ?, true),
				       set_config('bangfu.scope_cadre', ?, true),
				       set_config('bangfu.scope_units', ?, true),
				       set_config('bangfu.scope_today', ?, true),
				       set_config('plan_cache_mode', ?, true),
				       set_config('bangfu.user', ?, true)""")) {
			statement.setString(1, Boolean.toString(scope.all()));
			statement.setString(2, Scope.joined(scope.cityKeys()));
			statement.setString(3, Scope.joined(scope.countyKeys()));
			statement.setString(4, Scope.joined(scope.townKeys()));
			statement.setString(5, (scope.cadreKey() != null) ? scope.cadreKey().toString() : "");
			statement.setString(6, Scope.joined(scope.unitKeys()));
			statement.setString(7, scope.today().toString());
			statement.setString(8, this.planCacheMode);
			// who acts, for the history of records and the client's change ids (V19)
			statement.setString(9,
					upkeep ? "" : Auth.current().map((user) -> Long.toString(user.userKey())).orElse(""));
			statement.execute();
		}
	}

	/** A definition whose isolation level Spring leaves alone, for the manager to set. */
	private static final class IsolationInsideTheTransaction extends DelegatingTransactionDefinition {

		IsolationInsideTheTransaction(TransactionDefinition definition) {
			super(definition);
		}

		@Override
		public int getIsolationLevel() {
			return ISOLATION_DEFAULT;
		}

		String level() {
			return switch (super.getIsolationLevel()) {
				case ISOLATION_READ_UNCOMMITTED -> "read uncommitted";
				case ISOLATION_READ_COMMITTED -> "read committed";
				case ISOLATION_REPEATABLE_READ -> "repeatable read";
				case ISOLATION_SERIALIZABLE -> "serializable";
				default -> throw new IllegalArgumentException("No isolation level " + super.getIsolationLevel());
			};
		}

	}

}
