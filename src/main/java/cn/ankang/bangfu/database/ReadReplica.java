package cn.ankang.bangfu.database;

import org.springframework.core.env.Environment;

/**
 * The qualifier of the read replica's beans: its {@code DataSource} and its
 * {@code ScopedTransactionManager}, which exist only when a replica is configured
 * ({@code bangfu.datasource.replica.url}). They are not default candidates: nothing gets
 * them without asking for them by this qualifier, so every other injection point still
 * gets the primary database.
 */
public final class ReadReplica {

	/** The qualifier: {@code @Qualifier(ReadReplica.QUALIFIER)}. */
	public static final String QUALIFIER = "replica";

	private ReadReplica() {
	}

	/**
	 * Whether a replica is configured: {@code bangfu.datasource.replica.url} is set.
	 */
	public static boolean configured(Environment environment) {
		String url = environment.getProperty("bangfu.datasource.replica.url");
		return url != null && !url.isBlank();
	}

}
