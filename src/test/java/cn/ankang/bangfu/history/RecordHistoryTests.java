package cn.ankang.bangfu.history;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.RecordsTestSupport;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The history of records and the clients' change ids hold with the database alone: the
 * service's login cannot write or rewrite history, not even its owner can change a row of
 * it, and a user's change ids are invisible to everyone else. Each check runs in a
 * transaction rolled back at its end.
 */
class RecordHistoryTests extends RecordsTestSupport {

	@Autowired
	DataSource dataSource;

	@Test
	void theServicesLoginReadsHistoryButNeverWritesIt() throws SQLException {
		made(send(cityLeader(), "createLeader", "CreateLeaderInput",
				Map.of("changeId", changeId(), "name", unique("历史"), "title", "副市长"), "leader { id }"), "leader");
		inTransaction((statement) -> {
			statement.execute("set local role bangfu_app");
			assertThat(count(statement, "select count(*) from record_history")).isPositive();
			for (String sql : new String[] { "update record_history set actor_name = 'x'", "delete from record_history",
					"insert into record_history (actor_name, subject_type, subject_key, record_type, operation) "
							+ "values ('x', 'LEADER', 1, 'LEADER', 'CREATED')" }) {
				assertThatThrownBy(() -> inSavepoint(statement, sql)).hasMessageContaining("permission denied");
			}
		});
		inTransaction(cn.ankang.bangfu.TestDatabase.ownerDataSource(this.dataSource), (statement) -> {
			// the owner too: a change of history is refused by the table itself
			assertThatThrownBy(() -> statement.execute("update record_history set actor_name = 'x'"))
				.hasMessageContaining("never changed or removed");
		});
	}

	@Test
	void aChangeIdIsSeenAndClaimedOnlyByItsOwnUser() throws SQLException {
		made(send(cityLeader(), "createLeader", "CreateLeaderInput",
				Map.of("changeId", changeId(), "name", unique("编号"), "title", "副市长"), "leader { id }"), "leader");
		long owner = count(null, "select user_id from client_change order by recorded_at desc limit 1");
		inTransaction((statement) -> {
			statement.execute("set local role bangfu_app");
			statement.execute("select set_config('bangfu.user', '" + owner + "', true)");
			assertThat(count(statement, "select count(*) from client_change where user_id = " + owner)).isPositive();
			statement.execute("select set_config('bangfu.user', '" + (owner + 100_000) + "', true)");
			assertThat(count(statement, "select count(*) from client_change")).isZero();
			assertThatThrownBy(() -> inSavepoint(statement, """
					insert into client_change (id, operation, content_hash, user_id, subject_type, subject_key)
					values (gen_random_uuid(), 'x', sha256('x'), %d, 'X', 1)""".formatted(owner)))
				.hasMessageContaining("row-level security");
		});
	}

	private long count(Statement statement, String sql) throws SQLException {
		if (statement == null) {
			return this.jdbc.sql(sql).query(Long.class).single();
		}
		try (var result = statement.executeQuery(sql)) {
			result.next();
			return result.getLong(1);
		}
	}

	private static void inSavepoint(Statement statement, String sql) throws SQLException {
		Connection connection = statement.getConnection();
		var savepoint = connection.setSavepoint();
		try {
			statement.execute(sql);
		}
		finally {
			connection.rollback(savepoint);
		}
	}

	private void inTransaction(SqlWork work) throws SQLException {
		inTransaction(this.dataSource, work);
	}

	private static void inTransaction(DataSource dataSource, SqlWork work) throws SQLException {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			connection.setAutoCommit(false);
			try {
				work.run(statement);
			}
			finally {
				connection.rollback();
				connection.setAutoCommit(true);
			}
		}
	}

	interface SqlWork {

		void run(Statement statement) throws SQLException;

	}

}
