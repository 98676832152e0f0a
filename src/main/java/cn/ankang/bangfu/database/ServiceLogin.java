package cn.ankang.bangfu.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.jspecify.annotations.Nullable;

/**
 * The database login the service connects with where it sets its database up itself (the
 * embedded PostgreSQL of a fresh machine, the tests' databases): a member of
 * {@code bangfu_app} that owns nothing, so that neither a bug nor a stolen connection can
 * do what only the owner may (drop the audit trail's trigger, alter a table, read past
 * row-level security), and that does not inherit {@code bangfu_app}'s rights, so that a
 * statement run outside the service's scoped transactions (which set the role) is refused
 * by PostgreSQL instead of running as no one in particular. The owner, who made the
 * tables, runs the migrations and loads the demo data set. On a server of your own,
 * create such a login as docs/security.md says.
 */
public final class ServiceLogin {

	/** The login's name. */
	public static final String NAME = "bangfu_service";

	private ServiceLogin() {
	}

	/**
	 * Creates the login and the role it works as, when missing, on the server an owner's
	 * connection reaches. Roles belong to the whole server: several databases (and test
	 * runs) share them.
	 */
	public static void ensure(String ownerUrl, String owner, String password) {
		ensure(ownerUrl, owner, password, null);
	}

	/**
	 * Like {@link #ensure(String, String, String)}, and gives the login a password, for
	 * servers that ask one of every login (the tests' server may).
	 */
	public static void ensure(String ownerUrl, String owner, String password, @Nullable String loginPassword) {
		try (Connection connection = DriverManager.getConnection(ownerUrl, owner, password);
				Statement statement = connection.createStatement()) {
			for (String role : new String[] { "bangfu_app nologin", NAME + " login" }) {
				String name = role.substring(0, role.indexOf(' '));
				try {
					statement.execute("""
							do $$ begin
							  if not exists (select from pg_roles where rolname = '%s') then create role %s; end if;
							end $$""".formatted(name, role));
				}
				catch (SQLException ex) {
					// another process made it meanwhile
					if (!"23505".equals(ex.getSQLState()) && !"42710".equals(ex.getSQLState())) {
						throw ex;
					}
				}
			}
			statement.execute("""
					do $$ begin
					  if not pg_has_role('%s', 'bangfu_app', 'member') then grant bangfu_app to %s; end if;
					end $$""".formatted(NAME, NAME));
			// a member that does not inherit: its rights are bangfu_app's only after the
			// scoped
			// transaction's "set local role", so a statement outside one fails instead of
			// running with no scope
			statement.execute("alter role " + NAME + " noinherit");
			if (loginPassword != null) {
				statement.execute("alter role " + NAME + " password '" + loginPassword.replace("'", "''") + "'");
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create the service's database login " + NAME, ex);
		}
	}

}
