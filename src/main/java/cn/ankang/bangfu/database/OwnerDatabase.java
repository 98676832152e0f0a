package cn.ankang.bangfu.database;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.stereotype.Component;

/**
 * Connections as the owner of the tables, for the one thing beside the migrations that
 * only the owner may do: loading the demo data set, which copies rows past row-level
 * security. The owner is Flyway's user ({@code spring.flyway.user}, {@code .password},
 * {@code .url}), or, where none is set, the service's own login, as on a server set up
 * with one login only.
 */
@Component
public class OwnerDatabase {

	private final DataSource dataSource;

	private final Environment environment;

	private final ObjectProvider<EmbeddedPostgres> embedded;

	OwnerDatabase(DataSource dataSource, Environment environment, ObjectProvider<EmbeddedPostgres> embedded) {
		this.dataSource = dataSource;
		this.environment = environment;
		this.embedded = embedded;
	}

	/** A new connection as the owner, not from the service's pool; close it. */
	public Connection connect() throws SQLException {
		EmbeddedPostgres server = this.embedded.getIfAvailable();
		if (server != null) {
			return EmbeddedPostgresConfiguration.owner(server).getConnection();
		}
		String user = this.environment.getProperty("spring.flyway.user");
		if (user == null || user.isBlank()) {
			return this.dataSource.getConnection();
		}
		String url = this.environment.getProperty("spring.flyway.url");
		if (url == null || url.isBlank()) {
			try (Connection service = this.dataSource.getConnection()) {
				url = service.getMetaData().getURL();
			}
		}
		return new SimpleDriverDataSource(new org.postgresql.Driver(), url, user,
				this.environment.getProperty("spring.flyway.password", ""))
			.getConnection();
	}

}
