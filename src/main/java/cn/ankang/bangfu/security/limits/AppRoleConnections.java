package cn.ankang.bangfu.security.limits;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Connections for a library that runs its own transactions on the service's tables (the
 * rate limits' buckets): each transaction runs as {@code bangfu_app}, like the service's
 * scoped transactions, since the service's login has no rights of its own
 * ({@code database.ServiceLogin}). The role is set local to each transaction, so a pooled
 * connection, or a pooler's, never keeps it.
 */
final class AppRoleConnections extends DelegatingDataSource {

	AppRoleConnections(DataSource pool) {
		super(pool);
	}

	@Override
	public Connection getConnection() throws SQLException {
		return wrap(super.getConnection());
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		return wrap(super.getConnection(username, password));
	}

	private static Connection wrap(Connection connection) {
		return (Connection) Proxy.newProxyInstance(AppRoleConnections.class.getClassLoader(),
				new Class<?>[] { Connection.class }, new RoleBeforeWork(connection));
	}

	/**
	 * Sets the role before the first statement of each transaction: after
	 * {@code setAutoCommit(false)}, a commit or a rollback. A statement in autocommit
	 * mode runs as the bare login, and is refused.
	 */
	private static final class RoleBeforeWork implements InvocationHandler {

		private final Connection connection;

		private boolean roleSet;

		RoleBeforeWork(Connection connection) {
			this.connection = connection;
		}

		@Override
		public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
			String name = method.getName();
			if ((name.startsWith("prepare") || name.equals("createStatement")) && !this.roleSet
					&& !this.connection.getAutoCommit()) {
				try (Statement statement = this.connection.createStatement()) {
					statement.execute("set local role bangfu_app");
				}
				this.roleSet = true;
			}
			try {
				Object result = method.invoke(this.connection, args);
				if (name.equals("commit") || name.equals("rollback") || name.equals("setAutoCommit")) {
					this.roleSet = false;
				}
				return result;
			}
			catch (InvocationTargetException ex) {
				throw ex.getCause();
			}
		}

	}

}
