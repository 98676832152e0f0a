package cn.ankang.bangfu.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;

/**
 * Every transaction of the service runs as the database role {@code bangfu_app}, which
 * owns no table and so is held by the row-level security policies, with the signed-in
 * user's scope written into the transaction for those policies to read. Both are
 * {@code SET LOCAL}: they end with the transaction, so a pooled connection never carries
 * one user's scope to the next.
 * <p>
 * The one exception is a transaction named {@link #MAINTENANCE} (loading the demo data),
 * which works as the owner.
 */
@Component("transactionManager")
public class ScopedTransactionManager extends JdbcTransactionManager {

	/**
	 * The name of transactions that load or repair data as the owner, outside any user's
	 * scope.
	 */
	public static final String MAINTENANCE = "bangfu-maintenance";

	private final Jurisdiction jurisdiction;

	/**
	 * A manager on one database: the service's own (this bean), or another it reads
	 * users' rows from, such as a read replica. Any database the service reads such rows
	 * from must be used through one of these, never a plain transaction manager, which
	 * would read as the owner, outside every row-level security policy.
	 */
	public ScopedTransactionManager(DataSource dataSource, Jurisdiction jurisdiction) {
		super(dataSource);
		this.jurisdiction = jurisdiction;
	}

	@Override
	protected void prepareTransactionalConnection(Connection connection, TransactionDefinition definition)
			throws SQLException {
		super.prepareTransactionalConnection(connection, definition);
		if (MAINTENANCE.equals(definition.getName())) {
			return;
		}
		Scope scope = this.jurisdiction.current();
		try (PreparedStatement statement = connection.prepareStatement("""
				select set_config('role', 'bangfu_app', true),
				       set_config('bangfu.scope_all', ?, true),
				       set_config('bangfu.scope_cities', ?, true),
				       set_config('bangfu.scope_counties', ?, true),
				       set_config('bangfu.scope_towns', ?, true),
				       set_config('bangfu.scope_cadre', ?, true),
				       set_config('bangfu.scope_units', ?, true),
				       set_config('bangfu.scope_today', ?, true)""")) {
			statement.setString(1, Boolean.toString(scope.all()));
			statement.setString(2, Scope.joined(scope.cityKeys()));
			statement.setString(3, Scope.joined(scope.countyKeys()));
			statement.setString(4, Scope.joined(scope.townKeys()));
			statement.setString(5, (scope.cadreKey() != null) ? scope.cadreKey().toString() : "");
			statement.setString(6, Scope.joined(scope.unitKeys()));
			statement.setString(7, scope.today().toString());
			statement.execute();
		}
	}

}
