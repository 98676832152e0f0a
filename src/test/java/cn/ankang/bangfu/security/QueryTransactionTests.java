package cn.ankang.bangfu.security;

import java.util.List;

import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.ApiTestSupport;
import cn.ankang.bangfu.security.jurisdiction.ScopedTransactionManager;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A query's one transaction, with its user's scope, ends with the request: the server's
 * request threads are pooled, so a transaction left bound to one would hand its scope to
 * whoever that thread serves next.
 */
class QueryTransactionTests extends ApiTestSupport {

	private static final String COUNT = "{ households(first: 1) { totalCount } }";

	@Test
	void requestsOfUsersWithDifferentScopesTakingTurnsEachSeeTheirOwn() {
		HttpGraphQlTester secretary = as("demo-secretary");
		HttpGraphQlTester county = as("demo-county");
		HttpGraphQlTester leader = as("demo-leader");
		int village = count(secretary);
		int countyWide = count(county);
		int cityWide = count(leader);
		assertThat(village).isPositive().isLessThan(countyWide);
		assertThat(countyWide).isLessThan(cityWide);
		// more turns than the server has idle request threads, so threads serve each
		// user in turn; a query that fails after its transaction began is among them
		for (int turn = 0; turn < 30; turn++) {
			assertThat(count(secretary)).isEqualTo(village);
			assertError(leader.document("{ households(first: 1) { totalCount } node(id: \"not-an-id\") { id } }"),
					"INVALID_ID");
			assertThat(count(leader)).isEqualTo(cityWide);
			assertThat(count(county)).isEqualTo(countyWide);
		}
	}

	/**
	 * Behind PgBouncer in transaction mode a setting made on the connection outside a
	 * transaction reaches whichever server connection is free: a query's snapshot must be
	 * asked for inside its transaction, leaving the connection's own default alone.
	 */
	@Test
	void aQuerysSnapshotIsTakenInsideItsTransactionWithoutChangingTheConnection(
			@Autowired ScopedTransactionManager transactions, @Autowired JdbcTemplate jdbc) {
		List<String> seen = new TransactionTemplate(transactions, QueryTransaction.definition())
			.execute((status) -> List.of(jdbc.queryForObject("show transaction_isolation", String.class),
					jdbc.queryForObject("show transaction_read_only", String.class),
					jdbc.queryForObject("show default_transaction_isolation", String.class)));
		assertThat(seen).containsExactly("repeatable read", "on", "read committed");
		assertThat(jdbc.queryForObject("show default_transaction_isolation", String.class)).isEqualTo("read committed");
	}

	private static int count(HttpGraphQlTester tester) {
		return tester.document(COUNT).execute().path("households.totalCount").entity(Integer.class).get();
	}

}
