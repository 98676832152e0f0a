package cn.ankang.bangfu.figure;

import java.sql.SQLException;
import java.util.Objects;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import cn.ankang.bangfu.database.ReadReplica;
import cn.ankang.bangfu.security.jurisdiction.Jurisdiction;
import cn.ankang.bangfu.security.jurisdiction.ScopedTransactionManager;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Where the figures are read: on the read replica when one is configured
 * ({@code bangfu.datasource.replica.url}), else on the service's own database. Figures
 * only read, and a leader can live with figures some seconds old, so they are the reads
 * worth sending away from the primary; phones' reads stay there, to see what a phone has
 * just synced.
 * <p>
 * The transaction manager and the {@link JdbcClient} must be on one DataSource: the
 * client's statements then run on the connection the transaction holds, as
 * {@code bangfu_app} within the asker's scope. On any other DataSource they would run
 * outside the transaction, as the owner, past row-level security. So the client is made
 * from the manager's DataSource, and the manager is a {@link ScopedTransactionManager}
 * either way.
 * <p>
 * Without a replica, figures have a pool of their own on the primary
 * ({@code bangfu.datasource.figures.hikari.*}). Not the service's pool: a query holds one
 * of its connections for its whole run ({@code security.QueryTransaction}), and a figure
 * joining that transaction would run its heavy statements on the generic plans the
 * phones' small ones want (measured: the coverage figures went past the tests' 5 s),
 * while one taking a second connection from the same pool could wait forever once every
 * connection is held by a query waiting for its second. A pool of its own also keeps
 * leaders' figures from taking every connection the phones need.
 */
@Configuration(proxyBeanMethods = false)
class FigureDatabase {

	/** The name of the figures' transaction manager, for {@code @Transactional}. */
	static final String TRANSACTION_MANAGER = "figureTransactionManager";

	private static final String POOL = "figures";

	/** The name of the figures' {@link JdbcClient}. */
	static final String JDBC_CLIENT = "figureJdbcClient";

	// neither is a default candidate: whoever asks for a transaction manager or a
	// JdbcClient without naming one still gets the service's own
	@Bean(name = TRANSACTION_MANAGER, defaultCandidate = false)
	ScopedTransactionManager figureTransactionManager(
			@Qualifier(ReadReplica.QUALIFIER) ObjectProvider<ScopedTransactionManager> replica,
			@Qualifier(POOL) ObjectProvider<DataSource> figures, Jurisdiction jurisdiction) {
		// on the primary, a manager of its own: figures leave the choice of plan to
		// PostgreSQL, the service's other statements run on generic plans
		return replica.getIfAvailable(() -> new ScopedTransactionManager(figures.getObject(), jurisdiction, false));
	}

	/** The figures' pool on the primary, when there is no replica. */
	@Bean(defaultCandidate = false)
	@Qualifier(POOL)
	@Conditional(NoReplica.class)
	@ConfigurationProperties("bangfu.datasource.figures.hikari")
	HikariDataSource figureDataSource(DataSource primary) throws SQLException {
		// the same server and login as the service's pool, wherever that came from (a
		// configured address, or the embedded server)
		HikariDataSource pool = new HikariDataSource();
		primary.unwrap(HikariDataSource.class).copyStateTo(pool);
		pool.setPoolName(POOL);
		return pool;
	}

	@Bean(name = JDBC_CLIENT, defaultCandidate = false)
	JdbcClient figureJdbcClient(@Qualifier(TRANSACTION_MANAGER) ScopedTransactionManager transactions) {
		return JdbcClient.create(Objects.requireNonNull(transactions.getDataSource()));
	}

	static class NoReplica implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !ReadReplica.configured(context.getEnvironment());
		}

	}

}
