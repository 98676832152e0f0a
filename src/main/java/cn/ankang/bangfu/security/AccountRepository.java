package cn.ankang.bangfu.security;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.relay.PageRequest;
import cn.ankang.bangfu.shared.values.Rows;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of accounts and role grants. Changes go through the database's own functions
 * (V25), which hold the rules of who may change accounts again, beneath the service's.
 */
@Repository
class AccountRepository {

	static final String USER_LIST = "users";

	static final RowMapper<Account> ACCOUNT = (rs, n) -> new Account(rs.getLong("id"), rs.getString("username"),
			rs.getString("display_name"), Rows.longOrNull(rs, "cadre_id"), rs.getBoolean("enabled"));

	static final RowMapper<RoleGrant> GRANT = (rs, n) -> new RoleGrant(Rows.enumOf(rs, "role", Role.class),
			Rows.longOrNull(rs, "city_id"), Rows.longOrNull(rs, "county_id"), Rows.longOrNull(rs, "town_id"),
			Rows.longOrNull(rs, "unit_id"));

	private final JdbcClient jdbc;

	AccountRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The account and its password hash, for signing in. */
	Optional<Credentials> credentials(String username) {
		return this.jdbc.sql("select id, password_hash, enabled from app_user where username = :username")
			.param("username", username)
			.query((rs, n) -> new Credentials(rs.getLong("id"), rs.getString("password_hash"),
					rs.getBoolean("enabled")))
			.optional();
	}

	List<Account> accountsByKeys(Collection<Long> keys) {
		return this.jdbc.sql("select * from app_user where id in (:keys)").param("keys", keys).query(ACCOUNT).list();
	}

	List<Account> accounts(PageRequest page) {
		List<String> after = page.afterKey(USER_LIST, 1);
		return this.jdbc.sql("""
				select * from app_user where (cast(:after as text) is null or username > :after)
				order by username limit :limit""")
			.param("after", (after != null) ? after.get(0) : null)
			.param("limit", page.fetchSize())
			.query(ACCOUNT)
			.list();
	}

	int countAccounts() {
		return this.jdbc.sql("select count(*) from app_user").query(Integer.class).single();
	}

	List<GrantRow> grantsOf(Collection<Long> userKeys) {
		return this.jdbc.sql("select * from role_grant where user_id in (:keys) order by user_id, role, id")
			.param("keys", userKeys)
			.query((rs, n) -> new GrantRow(rs.getLong("user_id"), GRANT.mapRow(rs, n)))
			.list();
	}

	long insertAccount(String username, String passwordHash, String displayName, @Nullable Long cadreKey) {
		return this.jdbc.sql("select bangfu_create_account(:username, :hash, :displayName, cast(:cadre as bigint))")
			.param("username", username)
			.param("hash", passwordHash)
			.param("displayName", displayName)
			.param("cadre", cadreKey)
			.query(Long.class)
			.single();
	}

	boolean usernameTaken(String username) {
		return this.jdbc.sql("select exists (select 1 from app_user where username = :username)")
			.param("username", username)
			.query(Boolean.class)
			.single();
	}

	boolean cadreExists(long cadreKey) {
		return this.jdbc.sql("select exists (select 1 from cadre where id = :id)")
			.param("id", cadreKey)
			.query(Boolean.class)
			.single();
	}

	boolean cadreHasAccount(long cadreKey) {
		return this.jdbc.sql("select exists (select 1 from app_user where cadre_id = :id)")
			.param("id", cadreKey)
			.query(Boolean.class)
			.single();
	}

	void linkCadre(long userKey, long cadreKey) {
		this.jdbc.sql("select bangfu_link_cadre(:id, :cadre)")
			.param("cadre", cadreKey)
			.param("id", userKey)
			.query()
			.singleRow();
	}

	Optional<Long> accountOfCadre(long cadreKey) {
		return this.jdbc.sql("select id from app_user where cadre_id = :cadre")
			.param("cadre", cadreKey)
			.query(Long.class)
			.optional();
	}

	void updatePassword(long userKey, String passwordHash) {
		this.jdbc.sql("select bangfu_set_password(:id, :hash)")
			.param("hash", passwordHash)
			.param("id", userKey)
			.query()
			.singleRow();
	}

	/**
	 * Names the acting user for the rest of the transaction, as the database's account
	 * rules see it: the user who just proved their password, the demo admin just made.
	 */
	void actAs(long userKey) {
		this.jdbc.sql("select set_config('bangfu.user', :user, true)")
			.param("user", Long.toString(userKey))
			.query()
			.singleRow();
	}

	/** Adds a grant unless the user holds it already. */
	void insertGrant(long userKey, RoleGrant grant) {
		this.jdbc.sql("""
				select bangfu_grant_role(:user, :role, cast(:city as bigint), cast(:county as bigint),
				                         cast(:town as bigint), cast(:unit as bigint))""")
			.params(grantParameters(userKey, grant))
			.query()
			.singleRow();
	}

	int deleteGrant(long userKey, RoleGrant grant) {
		return this.jdbc.sql("""
				select bangfu_revoke_role(:user, :role, cast(:city as bigint), cast(:county as bigint),
				                          cast(:town as bigint), cast(:unit as bigint))""")
			.params(grantParameters(userKey, grant))
			.query(Integer.class)
			.single();
	}

	private static java.util.Map<String, @Nullable Object> grantParameters(long userKey, RoleGrant grant) {
		java.util.Map<String, @Nullable Object> parameters = new java.util.HashMap<>();
		parameters.put("user", userKey);
		parameters.put("role", grant.role().name());
		parameters.put("city", grant.cityKey());
		parameters.put("county", grant.countyKey());
		parameters.put("town", grant.townKey());
		parameters.put("unit", grant.unitKey());
		return parameters;
	}

	/** The key of the area or unit a code or key names, if it exists. */
	Optional<Long> keyOf(String table, String column, Object value) {
		return this.jdbc.sql("select id from " + table + " where " + column + " = :value")
			.param("value", value)
			.query(Long.class)
			.optional();
	}

	/**
	 * An account's password hash and whether it may sign in.
	 */
	record Credentials(long userKey, String passwordHash, boolean enabled) {
	}

	/**
	 * A grant with the user holding it.
	 */
	record GrantRow(long userKey, RoleGrant grant) {
	}

}
