package cn.ankang.client.session;

import java.time.Instant;
import java.time.OffsetDateTime;

import org.json.JSONObject;

/**
 * The tokens of a session: a short-lived access token sent with every request and a
 * one-time refresh token that buys the next pair.
 */
public final class Tokens {

	private final String accessToken;

	private final Instant accessTokenExpiresAt;

	private final String refreshToken;

	private final Instant refreshTokenExpiresAt;

	/**
	 * Tokens as the service issued them.
	 * @param accessToken the bearer token
	 * @param accessTokenExpiresAt when the service stops taking it
	 * @param refreshToken the one-time refresh token
	 * @param refreshTokenExpiresAt when the session ends unless refreshed
	 */
	public Tokens(String accessToken, Instant accessTokenExpiresAt, String refreshToken,
			Instant refreshTokenExpiresAt) {
		this.accessToken = accessToken;
		this.accessTokenExpiresAt = accessTokenExpiresAt;
		this.refreshToken = refreshToken;
		this.refreshTokenExpiresAt = refreshTokenExpiresAt;
	}

	/**
	 * Reads the {@code SessionTokens} of a GraphQL answer, or what {@link #toJson()}
	 * wrote.
	 * @param json the tokens
	 * @return the tokens
	 */
	public static Tokens fromJson(JSONObject json) {
		return new Tokens(json.getString("accessToken"), instant(json.getString("accessTokenExpiresAt")),
				json.getString("refreshToken"), instant(json.getString("refreshTokenExpiresAt")));
	}

	/**
	 * The tokens as JSON, in the shape {@link #fromJson(JSONObject)} reads.
	 * @return a new JSON object
	 */
	public JSONObject toJson() {
		return new JSONObject().put("accessToken", this.accessToken)
			.put("accessTokenExpiresAt", this.accessTokenExpiresAt.toString())
			.put("refreshToken", this.refreshToken)
			.put("refreshTokenExpiresAt", this.refreshTokenExpiresAt.toString());
	}

	/**
	 * The bearer token.
	 * @return the access token
	 */
	public String accessToken() {
		return this.accessToken;
	}

	/**
	 * When the access token expires.
	 * @return the instant
	 */
	public Instant accessTokenExpiresAt() {
		return this.accessTokenExpiresAt;
	}

	/**
	 * The one-time refresh token.
	 * @return the refresh token
	 */
	public String refreshToken() {
		return this.refreshToken;
	}

	/**
	 * When the session ends unless refreshed.
	 * @return the instant
	 */
	public Instant refreshTokenExpiresAt() {
		return this.refreshTokenExpiresAt;
	}

	private static Instant instant(String text) {
		return OffsetDateTime.parse(text).toInstant();
	}

	@Override
	public String toString() {
		// never the tokens themselves: they end up in logs
		return "Tokens[access until " + this.accessTokenExpiresAt + ", refresh until " + this.refreshTokenExpiresAt
				+ "]";
	}

}
