package cn.ankang.bangfu.security;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A signed-in device.
 *
 * @param key the session's id, also in its access tokens
 * @param userKey the account's key
 * @param deviceName the name given at sign-in
 * @param createdAt when the user signed in
 * @param lastUsedAt when the session was last refreshed
 * @param expiresAt when it ends unless refreshed
 * @param revokedAt when it was ended, if it was
 */
public record Session(UUID key, long userKey, String deviceName, OffsetDateTime createdAt, OffsetDateTime lastUsedAt,
		OffsetDateTime expiresAt, @Nullable OffsetDateTime revokedAt) {

	public String id() {
		return this.key.toString();
	}

	/** Whether this is the session of the access token in use. */
	public boolean current() {
		return Auth.current().map((user) -> user.sessionId().equals(this.key)).orElse(false);
	}

}
