package cn.ankang.bangfu.database;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import cn.ankang.bangfu.security.jurisdiction.Jurisdiction;
import cn.ankang.bangfu.security.jurisdiction.ScopedTransactionManager;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A read replica, when {@code bangfu.datasource.replica.url} is set: a Hikari pool named
 * {@code replica} and a {@link ScopedTransactionManager} on it, so that what is read
 * there is read as {@code bangfu_app} within the asker's scope, under the same row-level
 * security as on the primary (a plain transaction manager would read as the owner,
 * outside every policy). Who reads there decides it by asking for these beans
 * ({@link ReadReplica#QUALIFIER}); today that is the leaders' figures only.
 * <p>
 * Both beans are declared {@code defaultCandidate = false}, Spring Boot's way of adding a
 * DataSource beside its own: Boot still makes the primary DataSource (its
 * auto-configuration backs off only for default candidates) and every unqualified
 * injection still gets the primary, so nothing changes for anyone who does not ask for
 * the replica, and nothing at all when it is not configured. The replica is still a
 * {@code DataSource} bean, so the statements it runs are counted per request
 * ({@code operations.StatementCounting} wraps every DataSource bean), its pool has
 * {@code hikaricp_*} metrics under {@code pool="replica"}, and Boot's database health
 * shows it ({@code db/replicaDataSource} in {@code /actuator/health}).
 * <p>
 * It stays out of readiness ({@code read-replica.properties}, loaded only with this
 * configuration): every instance shares the replica, and everything but the figures works
 * without it, so a replica that is down must not take all instances out of the load
 * balancer; figures then fail alone, as {@code SERVICE_UNAVAILABLE}.
 * <p>
 * While a replica is configured, every instance writes a heartbeat on the primary
 * ({@link ReplicaHeartbeat}), from which figures read on the replica take their
 * {@code asOf}.
 * <p>
 * Not chosen: {@code LazyConnectionDataSourceProxy#setReadOnlyDataSource}, which sends
 * every read-only transaction to the replica, phones' reads too, and those must see what
 * the phone has just synced; a replica may lag behind.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(ReadReplicaConfiguration.ReplicaConfigured.class)
@PropertySource("classpath:read-replica.properties")
class ReadReplicaConfiguration {

	/**
	 * The replica's pool, tuned by {@code bangfu.datasource.replica.hikari.*}; its
	 * connections are read-only (a standby refuses writes anyway: this says so before the
	 * server must).
	 */
	@Bean(defaultCandidate = false)
	@Qualifier(ReadReplica.QUALIFIER)
	@ConfigurationProperties("bangfu.datasource.replica.hikari")
	HikariDataSource replicaDataSource(ReplicaProperties properties) {
		HikariDataSource dataSource = DataSourceBuilder.create()
			.type(HikariDataSource.class)
			.url(properties.url())
			.username(properties.username())
			.password(properties.password())
			.build();
		dataSource.setPoolName("replica");
		dataSource.setReadOnly(true);
		return dataSource;
	}

	@Bean(defaultCandidate = false)
	@Qualifier(ReadReplica.QUALIFIER)
	ScopedTransactionManager replicaTransactionManager(@Qualifier(ReadReplica.QUALIFIER) DataSource replica,
			Jurisdiction jurisdiction) {
		return new ScopedTransactionManager(replica, jurisdiction, false);
	}

	@Bean
	ReplicaHeartbeat replicaHeartbeat(JdbcClient primary, PlatformTransactionManager transactionManager) {
		return new ReplicaHeartbeat(primary, transactionManager);
	}

	static class ReplicaConfigured implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return ReadReplica.configured(context.getEnvironment());
		}

	}

}
