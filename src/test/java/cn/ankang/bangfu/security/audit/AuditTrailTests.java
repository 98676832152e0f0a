package cn.ankang.bangfu.security.audit;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.ApiTestSupport;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The audit trail: mutations are audited with who, what and from where, and the trail
 * cannot be altered by the service, whose login owns nothing and changes accounts only by
 * the rules of its functions.
 */
class AuditTrailTests extends ApiTestSupport {

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	javax.sql.DataSource dataSource;

	@Test
	void mutationsAreAuditedWithWhoWhatAndFromWhere() {
		String username = "audited-" + UUID.randomUUID().toString().substring(0, 8);
		String userId = as("demo-admin").document("""
				mutation NewAccount($u: String!) { createUser(input: {username: $u, password: "the-right-password",
				  displayName: "审计"}) { user { id } } }""")
			.variable("u", username)
			.execute()
			.path("createUser.user.id")
			.entity(String.class)
			.get();
		var events = as("demo-admin").document("""
				query($target: ID) { auditEvents(first: 5, filter: {kind: MUTATION, targetId: $target}) {
				  totalCount edges { node { operation username roles clientAddress targetIds } } } }""")
			.variable("target", userId)
			.execute();
		events.path("auditEvents.totalCount").entity(Integer.class).isEqualTo(1);
		events.path("auditEvents.edges[0].node.operation").entity(String.class).isEqualTo("NewAccount");
		events.path("auditEvents.edges[0].node.username").entity(String.class).isEqualTo("demo-admin");
		events.path("auditEvents.edges[0].node.roles").entityList(String.class).contains("ADMIN");
		events.path("auditEvents.edges[0].node.clientAddress").entity(String.class).isEqualTo("127.0.0.1");
		// signing in is a mutation too, recorded as the user who signed in
		login(username, "the-right-password");
		assertThat(sqlInt("select count(*) from audit_event where operation = 'login' and username = '" + username
				+ "' and target_ids @> array['" + userId + "']"))
			.isEqualTo(1);
		assertError(as("demo-leader").document("{ auditEvents { totalCount } }"), "FORBIDDEN");
	}

	@Test
	void theServiceCannotChangeOrRemoveAuditRows() {
		TransactionTemplate asService = new TransactionTemplate(this.transactions);
		JdbcClient service = JdbcClient.create(this.dataSource);
		for (String statement : List.of("update audit_event set operation = 'forged'", "delete from audit_event",
				"truncate audit_event")) {
			assertThatExceptionOfType(DataAccessException.class)
				.isThrownBy(() -> asService.executeWithoutResult((status) -> service.sql(statement).update()))
				.havingRootCause()
				.withMessageContaining("permission denied");
		}
		String role = asService.execute((status) -> service.sql("select current_user").query(String.class).single());
		assertThat(role).isEqualTo("bangfu_app");
		// and outside the service's transactions its login is no owner either: the
		// grants hold, and the trigger beneath them
		assertThat(service.sql("select session_user").query(String.class).single()).isEqualTo("bangfu_service");
		for (String statement : List.of("update audit_event set operation = 'forged'", "delete from audit_event",
				"truncate audit_event", "drop trigger audit_event_rows_stay on audit_event",
				"alter table audit_event disable trigger all")) {
			assertThatExceptionOfType(DataAccessException.class).isThrownBy(() -> service.sql(statement).update());
		}
		// nor can the owner of the tables, whatever its grants: the table refuses by
		// trigger (here the tests' own connection, outside the service's transactions)
		int rows = sqlInt("select count(*) from audit_event");
		for (String statement : List.of("update audit_event set operation = 'forged'", "delete from audit_event",
				"truncate audit_event")) {
			assertThatExceptionOfType(DataAccessException.class).isThrownBy(() -> this.jdbc.sql(statement).update())
				.havingRootCause()
				.withMessageContaining("audit_event is append-only");
		}
		assertThat(sqlInt("select count(*) from audit_event")).isGreaterThanOrEqualTo(rows);
	}

	@Test
	void theServicesLoginOwnsNothingAndChangesAccountsOnlyByTheRulesOfItsFunctions() throws Exception {
		long leader = Long.parseLong(sqlString("select id::text from app_user where username = 'demo-leader'"));
		long admin = Long.parseLong(sqlString("select id::text from app_user where username = 'demo-admin'"));
		try (java.sql.Connection connection = this.dataSource.getConnection();
				java.sql.Statement statement = connection.createStatement()) {
			assertThat(single(statement, """
					select count(*) from pg_class c join pg_roles r on r.oid = c.relowner
					where r.rolname = session_user""")).isZero();
			connection.setAutoCommit(false);
			try {
				statement.execute("set local role bangfu_app");
				statement.execute("select set_config('bangfu.user', '" + leader + "', true)");
				// no writing the tables themselves, as anyone
				for (String sql : List
					.of("""
							insert into app_user (username, password_hash, display_name) values ('forged', '{noop}x', 'x')""",
							"update app_user set password_hash = '{noop}x' where id = " + admin,
							"insert into role_grant (user_id, role) values (" + leader + ", 'ADMIN')",
							"delete from role_grant where user_id = " + admin)) {
					assertThatExceptionOfType(java.sql.SQLException.class).isThrownBy(() -> inSavepoint(statement, sql))
						.withMessageContaining("permission denied");
				}
				// and the functions hold the rules for whoever acts: a city leader makes
				// no
				// admin and sets no one else's password
				for (String sql : List.of("select bangfu_grant_role(" + leader + ", 'ADMIN', null, null, null, null)",
						"select bangfu_set_password(" + admin + ", '{noop}x')",
						"select bangfu_create_account('forged', '{noop}x', 'x', null)",
						"select bangfu_revoke_role(" + admin + ", 'ADMIN', null, null, null, null)")) {
					assertThatExceptionOfType(java.sql.SQLException.class).isThrownBy(() -> inSavepoint(statement, sql))
						.withMessageContaining("account change refused");
				}
				// an admin does
				statement.execute("select set_config('bangfu.user', '" + admin + "', true)");
				statement.execute("select bangfu_grant_role(" + leader + ", 'DEVELOPER', null, null, null, null)");
				assertThat(single(statement,
						"select count(*) from role_grant where role = 'DEVELOPER' and user_id = " + leader))
					.isEqualTo(1);
			}
			finally {
				connection.rollback();
				connection.setAutoCommit(true);
			}
		}
	}

	private static long single(java.sql.Statement statement, String sql) throws java.sql.SQLException {
		try (java.sql.ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getLong(1);
		}
	}

	private static void inSavepoint(java.sql.Statement statement, String sql) throws java.sql.SQLException {
		java.sql.Savepoint savepoint = statement.getConnection().setSavepoint();
		try {
			statement.execute(sql);
		}
		finally {
			statement.getConnection().rollback(savepoint);
		}
	}

}
