package cn.ankang.bangfu.security;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.values.Rows;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of sessions and refresh tokens.
 */
@Repository
class SessionRepository {

	private static final RowMapper<Session> SESSION = (rs, n) -> new Session(rs.getObject("id", UUID.class),
			rs.getLong("user_id"), rs.getString("device_name"), Rows.timestamp(rs, "created_at"),
			Rows.timestamp(rs, "last_used_at"), Rows.timestamp(rs, "expires_at"),
			rs.getObject("revoked_at", OffsetDateTime.class));

	private final JdbcClient jdbc;

	SessionRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insertSession(UUID id, long userKey, String deviceName, @Nullable String address, OffsetDateTime expiresAt) {
		this.jdbc.sql("""
				insert into app_session (id, user_id, device_name, client_address, expires_at)
				values (:id, :user, :device, :address, :expires)""")
			.param("id", id)
			.param("user", userKey)
			.param("device", deviceName)
			.param("address", address)
			.param("expires", expiresAt)
			.update();
	}

	void insertToken(byte[] hash, UUID sessionId) {
		this.jdbc.sql("insert into refresh_token (token_hash, session_id) values (:hash, :session)")
			.param("hash", hash)
			.param("session", sessionId)
			.update();
	}

	Optional<TokenState> token(byte[] hash) {
		return this.jdbc.sql("""
				select t.session_id, t.used_at is not null as used,
				       s.revoked_at is null and s.expires_at > now() as live
				from refresh_token t join app_session s on s.id = t.session_id
				where t.token_hash = :hash""")
			.param("hash", hash)
			.query((rs, n) -> new TokenState(rs.getObject("session_id", UUID.class), rs.getBoolean("used"),
					rs.getBoolean("live")))
			.optional();
	}

	/** Spends a token; false when it was spent already (by a concurrent use). */
	boolean spend(byte[] hash) {
		return this.jdbc.sql("update refresh_token set used_at = now() where token_hash = :hash and used_at is null")
			.param("hash", hash)
			.update() == 1;
	}

	/** Records which token a spent one was traded for. */
	void replaced(byte[] spent, byte[] successor) {
		this.jdbc.sql("update refresh_token set replaced_by = :successor where token_hash = :spent")
			.param("successor", successor)
			.param("spent", spent)
			.update();
	}

	/**
	 * Takes back the token a spent one was traded for, for an identical retry: only when
	 * the spent token was spent less than {@code grace} ago and its successor was never
	 * used, which this spends unused. The spent token's row is locked first, so that
	 * retries of one token queue and each sees the successor the one before it left.
	 * @return whether the successor was taken back
	 */
	boolean takeBackUnusedSuccessor(byte[] spent, java.time.Duration grace) {
		this.jdbc.sql("select 1 from refresh_token where token_hash = :spent for update")
			.param("spent", spent)
			.query(Integer.class)
			.optional();
		return this.jdbc.sql("""
				update refresh_token successor set used_at = now()
				from refresh_token spent
				where spent.token_hash = :spent and successor.token_hash = spent.replaced_by
				  and successor.used_at is null and spent.used_at > now() - :millis * interval '1 millisecond'""")
			.param("spent", spent)
			.param("millis", grace.toMillis())
			.update() == 1;
	}

	void extend(UUID sessionId, OffsetDateTime expiresAt) {
		this.jdbc.sql("update app_session set last_used_at = now(), expires_at = :expires where id = :id")
			.param("expires", expiresAt)
			.param("id", sessionId)
			.update();
	}

	int revoke(UUID sessionId, String why) {
		return this.jdbc.sql("""
				update app_session set revoked_at = now(), revoked_why = :why
				where id = :id and revoked_at is null""").param("why", why).param("id", sessionId).update();
	}

	int revokeAllOf(long userKey, String why) {
		return this.jdbc.sql("""
				update app_session set revoked_at = now(), revoked_why = :why
				where user_id = :user and revoked_at is null""").param("why", why).param("user", userKey).update();
	}

	Optional<Session> session(UUID id) {
		return this.jdbc.sql("select * from app_session where id = :id").param("id", id).query(SESSION).optional();
	}

	List<Session> sessionsOf(long userKey) {
		return this.jdbc.sql("""
				select * from app_session
				where user_id = :user and (revoked_at is null or revoked_at > now() - interval '30 days')
				order by created_at desc""").param("user", userKey).query(SESSION).list();
	}

	/**
	 * The signed-in user of a live session with the account's role grants, for
	 * authenticating a request: one statement, as every request pays for it.
	 */
	Optional<CurrentUser> liveUser(UUID sessionId, long userKey) {
		List<AccountGrant> rows = this.jdbc.sql("""
				select u.id, u.username, u.display_name, u.cadre_id, u.enabled,
				       g.role, g.city_id, g.county_id, g.town_id, g.unit_id
				from app_session s join app_user u on u.id = s.user_id
				left join role_grant g on g.user_id = u.id
				where s.id = :session and u.id = :user and s.revoked_at is null and s.expires_at > now() and u.enabled
				order by g.role, g.id""")
			.param("session", sessionId)
			.param("user", userKey)
			.query((rs, n) -> new AccountGrant(AccountRepository.ACCOUNT.mapRow(rs, n),
					(rs.getString("role") != null) ? AccountRepository.GRANT.mapRow(rs, n) : null))
			.list();
		if (rows.isEmpty()) {
			return Optional.empty();
		}
		Account account = rows.get(0).account();
		List<RoleGrant> grants = rows.stream().map(AccountGrant::grant).filter(Objects::nonNull).toList();
		return Optional.of(new CurrentUser(account.key(), account.username(), account.cadreKey(), sessionId, grants));
	}

	private record AccountGrant(Account account, @Nullable RoleGrant grant) {
	}

	/**
	 * What a refresh token's row says.
	 */
	record TokenState(UUID sessionId, boolean used, boolean sessionLive) {
	}

}
