package cn.ankang.bangfu.security;

import cn.ankang.bangfu.security.jurisdiction.ScopedTransactionManager;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.ApiTestSupport;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Who sees which row is written in one file, {@code R__row_level_security.sql}, and
 * nothing runs on the service's tables outside the scoped transactions that say whose
 * scope applies.
 */
class PolicyFileTests extends ApiTestSupport {

	private static final Pattern POLICY = Pattern.compile("(?m)^create policy (\\w+) on (\\w+)");

	/**
	 * Tables without row-level security, each guarded by the service's own rules instead:
	 * accounts, sessions and their tokens and role grants (the sign-in and session
	 * services and the account functions of V25); areas, units, cadres, postings,
	 * pairings, leaders and published figures (read and kept through their features'
	 * services, personal data masked by {@code PersonalData}); the audit trail (written
	 * by the service only); photos and uploads, saved views and their shares (their
	 * owners' and villages' rules in the service); the service's bookkeeping (visit keys,
	 * rate-limit buckets, the replica's heartbeat, Flyway's history). A new table is
	 * either given policies in the file or added here, on purpose.
	 */
	private static final Set<String> WITHOUT_POLICIES = Set.of("app_session", "app_user", "assistance_unit",
			"audit_event", "cadre", "city", "county", "flyway_schema_history", "leader", "leader_liaison", "photo",
			"photo_upload", "posting", "published_figure", "rate_limit_bucket", "refresh_token", "replica_heartbeat",
			"role_grant", "saved_view", "saved_view_share", "town", "unit_pairing", "village", "visit_key");

	@Autowired
	private DataSource serviceLogin;

	@Autowired
	private PlatformTransactionManager transactionManager;

	@Test
	void everyPolicyOfTheDatabaseIsWrittenInTheOneFile() throws IOException {
		String file = new ClassPathResource("db/migration/R__row_level_security.sql")
			.getContentAsString(StandardCharsets.UTF_8);
		Set<String> written = new TreeSet<>();
		Matcher policy = POLICY.matcher(file);
		while (policy.find()) {
			written.add(policy.group(2) + "." + policy.group(1));
		}
		Set<String> inForce = new TreeSet<>(
				this.jdbc.sql("select tablename || '.' || policyname from pg_policies where schemaname = 'public'")
					.query(String.class)
					.list());
		assertThat(inForce).hasSizeGreaterThan(40).isEqualTo(written);
	}

	@Test
	void everyTableHasPoliciesOrIsGuardedByTheServiceOnPurpose() {
		List<String> unguarded = this.jdbc.sql("""
				select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
				where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
				  and not exists (select from pg_policies p where p.schemaname = 'public' and p.tablename = c.relname)
				order by 1""").query(String.class).list();
		assertThat(unguarded).containsExactlyInAnyOrderElementsOf(WITHOUT_POLICIES);
	}

	@Test
	void aStatementOutsideAScopedTransactionIsRefusedByTheDatabase() {
		JdbcClient login = JdbcClient.create(this.serviceLogin);
		// with policies and without: neither is reached as the bare login
		for (String table : List.of("household", "visit", "app_user", "audit_event")) {
			assertThatThrownBy(() -> login.sql("select count(*) from " + table).query(Long.class).single()).as(table)
				.rootCause()
				.isInstanceOf(SQLException.class)
				.satisfies((ex) -> assertThat(((SQLException) ex).getSQLState()).isEqualTo("42501"));
		}
		// in the service's own transaction the same statement runs, as bangfu_app with a
		// scope
		Long households = ScopedTransactionManager.upkeep(this.transactionManager)
			.execute((status) -> login.sql("select count(*) from household").query(Long.class).single());
		assertThat(households).isNotNull();
	}

}
