package cn.ankang.bangfu.security;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Who is making the request: the account, its roles with their jurisdictions, and the
 * session the access token belongs to. Loaded from the database on every request, so that
 * a revoked session or a removed role counts at once, not when the token expires.
 *
 * @param userKey the account's key
 * @param username the account's username
 * @param cadreKey the cadre the account belongs to, if any
 * @param sessionId the session of the access token
 * @param grants the roles held
 */
public record CurrentUser(long userKey, String username, @Nullable Long cadreKey, UUID sessionId,
		List<RoleGrant> grants) {

	/** Whether the user holds the role, in any jurisdiction. */
	public boolean has(Role role) {
		return this.grants.stream().anyMatch((grant) -> grant.role() == role);
	}

}
