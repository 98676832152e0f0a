package cn.ankang.bangfu.security;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import cn.ankang.bangfu.shared.values.Digests;

import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

/**
 * Issues access tokens (JWTs signed by Spring Security's Nimbus encoder) and refresh
 * tokens (random, kept in the database only as their SHA-256).
 */
@Component
class TokenIssuer {

	private final JwtEncoder encoder;

	private final SecurityProperties properties;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	TokenIssuer(JwtEncoder encoder, SecurityProperties properties, Clock clock) {
		this.encoder = encoder;
		this.properties = properties;
		this.clock = clock;
	}

	/** An access token for the user in the session. */
	AccessToken accessToken(long userKey, String username, UUID sessionId) {
		Instant now = this.clock.instant();
		Instant expiresAt = now.plus(this.properties.accessTokenTtl());
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(this.properties.issuer())
			.audience(List.of(this.properties.audience()))
			.subject(Long.toString(userKey))
			.claim("sid", sessionId.toString())
			.claim("preferred_username", username)
			.issuedAt(now)
			.expiresAt(expiresAt)
			.build();
		String token = this.encoder
			.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
			.getTokenValue();
		return new AccessToken(token, expiresAt);
	}

	/** A new refresh token: 256 random bits, URL-safe. */
	String refreshToken() {
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * What the database keeps of a refresh token. A token of 256 random bits needs no
	 * slow hash: nobody can guess it, so a fast one-way digest is enough to make a stolen
	 * table useless.
	 */
	static byte[] hash(String refreshToken) {
		return Digests.sha256(refreshToken);
	}

	/**
	 * A signed access token and when it expires.
	 */
	record AccessToken(String value, Instant expiresAt) {
	}

}
