package cn.ankang.bangfu.figure;

import java.util.Objects;

import cn.ankang.bangfu.database.ReadReplica;
import cn.ankang.bangfu.security.Jurisdiction;
import cn.ankang.bangfu.security.ScopedTransactionManager;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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
 */
@Configuration(proxyBeanMethods = false)
class FigureDatabase {

	/** The name of the figures' transaction manager, for {@code @Transactional}. */
	static final String TRANSACTION_MANAGER = "figureTransactionManager";

	/** The name of the figures' {@link JdbcClient}. */
	static final String JDBC_CLIENT = "figureJdbcClient";

	// neither is a default candidate: whoever asks for a transaction manager or a
	// JdbcClient without naming one still gets the service's own
	@Bean(name = TRANSACTION_MANAGER, defaultCandidate = false)
	ScopedTransactionManager figureTransactionManager(
			@Qualifier(ReadReplica.QUALIFIER) ObjectProvider<ScopedTransactionManager> replica,
			ScopedTransactionManager primary, Jurisdiction jurisdiction) {
		// on the primary, a manager of its own: figures leave the choice of plan to
		// PostgreSQL, the service's other statements run on generic plans
		return replica
			.getIfAvailable(() -> new ScopedTransactionManager(Objects.requireNonNull(primary.getDataSource()),
					jurisdiction, false));
	}

	@Bean(name = JDBC_CLIENT, defaultCandidate = false)
	JdbcClient figureJdbcClient(@Qualifier(TRANSACTION_MANAGER) ScopedTransactionManager transactions) {
		return JdbcClient.create(Objects.requireNonNull(transactions.getDataSource()));
	}

}
