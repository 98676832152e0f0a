package cn.ankang.bangfu.security;

import java.time.OffsetDateTime;

/**
 * The tokens of a session as handed to the device.
 *
 * @param accessToken the signed JWT
 * @param accessTokenExpiresAt when it stops being accepted
 * @param refreshToken the one-time refresh token
 * @param refreshTokenExpiresAt when the session ends unless refreshed
 * @param session the session
 */
record SessionTokens(String accessToken, OffsetDateTime accessTokenExpiresAt, String refreshToken,
		OffsetDateTime refreshTokenExpiresAt, Session session) {
}
