package cn.ankang.bangfu.database;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * When no datasource is configured, runs the service on an embedded PostgreSQL whose data
 * persists in a local folder, so that a newcomer with only a JDK gets a working service.
 * A configured {@code spring.datasource.url} always wins.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedPostgresConfiguration.NoDatasourceConfigured.class)
class EmbeddedPostgresConfiguration {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

	@Bean(destroyMethod = "close")
	EmbeddedPostgres embeddedPostgres(EmbeddedPostgresProperties properties) {
		EmbeddedPostgres server = EmbeddedPostgresServer.start(properties.dataDirectory(), false);
		log.warn(
				"No spring.datasource.url is set: using an embedded PostgreSQL on port {} with its data in {}. "
						+ "Set SPRING_DATASOURCE_URL to use a server of your own.",
				server.getPort(), properties.dataDirectory().toAbsolutePath());
		return server;
	}

	/**
	 * A Hikari pool on the embedded server, tuned by the same
	 * {@code spring.datasource.hikari.*} settings, as the service's login, which owns
	 * nothing ({@link ServiceLogin}).
	 */
	@Bean
	@ConfigurationProperties("spring.datasource.hikari")
	HikariDataSource dataSource(EmbeddedPostgres server) {
		ServiceLogin.ensure(server.getJdbcUrl("postgres", "postgres"), "postgres", "");
		return DataSourceBuilder.create()
			.type(HikariDataSource.class)
			// not the server's own address, which names the superuser in its parameters
			// and
			// so would win over the login given here
			.url(url(server))
			.username(ServiceLogin.NAME)
			.build();
	}

	/** Flyway migrates as the owner, the server's superuser. */
	@Bean
	FlywayConfigurationCustomizer ownerMigrates(EmbeddedPostgres server) {
		return (configuration) -> configuration.dataSource(owner(server));
	}

	/** The embedded server's owner: its superuser. */
	static DataSource owner(EmbeddedPostgres server) {
		return new SimpleDriverDataSource(new org.postgresql.Driver(), url(server), "postgres", "");
	}

	/** The embedded server's database, with no login named in the address. */
	static String url(EmbeddedPostgres server) {
		return "jdbc:postgresql://localhost:%d/postgres".formatted(server.getPort());
	}

	static class NoDatasourceConfigured implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			String url = context.getEnvironment().getProperty("spring.datasource.url");
			return url == null || url.isBlank();
		}

	}

}
