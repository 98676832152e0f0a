package cn.ankang.bangfu.database;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Says so, at start, when the service connects to its database as a login that owns the
 * tables or is a superuser: such a login could drop the audit trail's trigger, alter
 * tables and read past row-level security, and so could anyone who got hold of the
 * service's connection. The production profile refuses to start on one
 * ({@code bangfu.database.refuse-owner-login}).
 */
@Component
class LoginCheck {

	private static final Logger log = LoggerFactory.getLogger(LoginCheck.class);

	private final JdbcClient jdbc;

	private final boolean refuse;

	LoginCheck(JdbcClient jdbc, @Value("${bangfu.database.refuse-owner-login:false}") boolean refuse) {
		this.jdbc = jdbc;
		this.refuse = refuse;
	}

	@EventListener(ApplicationStartedEvent.class)
	void check() {
		String login = this.jdbc.sql("select session_user").query(String.class).single();
		boolean owns = this.jdbc.sql("""
				select r.rolsuper or exists (select from pg_class c join pg_namespace n on n.oid = c.relnamespace
				                             where n.nspname = 'public' and c.relowner = r.oid)
				from pg_roles r where r.rolname = session_user""").query(Boolean.class).single();
		if (!owns) {
			checkInheritance(login);
			return;
		}
		String problem = ("The service connects to its database as '%s', which owns the tables or is a superuser: "
				+ "it could drop the audit trail's trigger and read past row-level security. Connect as a login "
				+ "that owns nothing and is a member of bangfu_app (SPRING_DATASOURCE_USERNAME), and let Flyway "
				+ "migrate as the owner (SPRING_FLYWAY_USER): see docs/security.md.")
			.formatted(login);
		if (this.refuse) {
			throw new IllegalStateException(problem);
		}
		log.warn(problem);
	}

	/**
	 * A login that inherits {@code bangfu_app}'s rights would run a statement made
	 * outside the service's scoped transactions with them, and without a scope: every
	 * policy then answers "nothing in scope", silently. Without inheriting, PostgreSQL
	 * refuses such a statement ({@code ServiceLogin}).
	 */
	private void checkInheritance(String login) {
		boolean inherits = this.jdbc.sql("""
				select r.rolinherit and pg_has_role(r.oid, 'bangfu_app', 'member')
				from pg_roles r where r.rolname = session_user""").query(Boolean.class).single();
		if (!inherits) {
			return;
		}
		String problem = ("The service's login '%s' inherits the rights of bangfu_app: a statement run outside the "
				+ "service's scoped transactions would run with them. Make it not inherit them (alter role %s "
				+ "noinherit): see docs/security.md.")
			.formatted(login, login);
		if (this.refuse) {
			throw new IllegalStateException(problem);
		}
		log.warn(problem);
	}

}
