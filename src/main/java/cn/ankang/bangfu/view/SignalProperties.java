package cn.ankang.bangfu.view;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where live views listen for the database's change signals ({@code LISTEN}). A listening
 * session must stay on one server connection between transactions, which a pooler in
 * transaction mode (PgBouncer) does not give: with the service's address going through
 * one, set this to an address straight to PostgreSQL. Unset, a connection of the
 * service's own pool listens.
 *
 * @param url a JDBC address straight to the service's database; none when blank
 * @param username the user to connect as (any that may connect: listening reads no rows);
 * none to take it from the address
 * @param password that user's password
 */
@ConfigurationProperties("bangfu.datasource.signals")
record SignalProperties(@Nullable String url, @Nullable String username, @Nullable String password) {

	boolean direct() {
		return this.url != null && !this.url.isBlank();
	}

}
