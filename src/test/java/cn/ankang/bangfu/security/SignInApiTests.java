package cn.ankang.bangfu.security;

import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

/**
 * Sign-in and tokens through the real HTTP endpoint: who signed in and what they may see,
 * the same answer for a wrong password and an unknown name, and forged or stale tokens
 * refused with 401.
 */
class SignInApiTests extends SessionTestSupport {

	@Test
	void signInAndSeeWhoYouAre() {
		var response = this.anonymous.document("""
				mutation($input: LoginInput!) { login(input: $input) {
				  tokens { accessToken refreshToken accessTokenExpiresAt session { deviceName current } }
				  user { username roles { role county { code } } } userErrors { code } } }""")
			.variable("input", Map.of("username", "demo-county", "password", "bangfu-demo", "deviceName", "红米 Note 12"))
			.execute();
		response.path("login.userErrors").entityList(Object.class).hasSize(0);
		response.path("login.user.roles[0].role").entity(String.class).isEqualTo("COUNTY_OFFICER");
		response.path("login.user.roles[0].county.code").entity(String.class).isEqualTo("610902");
		response.path("login.tokens.session.deviceName").entity(String.class).isEqualTo("红米 Note 12");
		String token = response.path("login.tokens.accessToken").entity(String.class).get();
		var me = bearer(token)
			.document("{ me { user { username displayName } session { deviceName current } postedVillages { code } } }")
			.execute();
		me.path("me.user.username").entity(String.class).isEqualTo("demo-county");
		me.path("me.session.current").entity(Boolean.class).isEqualTo(true);
		me.path("me.postedVillages").entityList(Object.class).hasSize(0);
	}

	@Test
	void aCadresJurisdictionIsTheVillagesOfItsPostings() {
		String village = sqlString("""
				select v.code from app_user u join posting p on p.cadre_id = u.cadre_id and p.ended_on is null
				join village v on v.id = p.village_id where u.username = 'demo-secretary'""");
		as("demo-secretary").document("{ me { user { cadre { id } roles { role } } postedVillages { code } } }")
			.execute()
			.path("me.postedVillages[0].code")
			.entity(String.class)
			.isEqualTo(village)
			.path("me.user.roles[0].role")
			.entity(String.class)
			.isEqualTo("FIRST_SECRETARY");
	}

	@Test
	void aWrongPasswordOrAnUnknownNameSaysTheSame() {
		for (String username : List.of("demo-dev", "nobody-at-all")) {
			this.anonymous.document(
					"""
							mutation($input: LoginInput!) { login(input: $input) { tokens { accessToken } userErrors { code field } } }""")
				.variable("input", Map.of("username", username, "password", "not the password", "deviceName", "t"))
				.execute()
				.path("login.tokens")
				.valueIsNull()
				.path("login.userErrors[0].code")
				.entity(String.class)
				.isEqualTo("INVALID_CREDENTIALS");
		}
	}

	@Test
	void forgedAndStaleTokensAreRefusedWith401() throws JOSEException {
		String user = sqlString("select id::text from app_user where username = 'demo-leader'");
		String session = sqlString("select s.id::text from app_session s join app_user u on u.id = s.user_id "
				+ "where u.username = 'demo-leader' and s.revoked_at is null limit 1");
		byte[] key = Base64.getDecoder().decode(JWT_SECRET);
		byte[] otherKey = Base64.getDecoder().decode("b3RoZXIta2V5LW90aGVyLWtleS1vdGhlci1rZXktMzJi");
		Instant now = Instant.now();
		assertAccepted(sign(claims(user, session, "bangfu", "bangfu-api", now.plusSeconds(600)), key));
		assertRefused(sign(claims(user, session, "bangfu", "bangfu-api", now.plusSeconds(600)), otherKey));
		assertRefused(new PlainJWT(claims(user, session, "bangfu", "bangfu-api", now.plusSeconds(600))).serialize());
		assertRefused(sign(claims(user, session, "bangfu", "bangfu-api", now.minusSeconds(120)), key));
		// expired is expired: no minute of grace for clocks that differ, as both ends of
		// a token's life are this service's own clock
		assertRefused(sign(claims(user, session, "bangfu", "bangfu-api", now.minusSeconds(2)), key));
		assertRefused(sign(claims(user, session, "someone-else", "bangfu-api", now.plusSeconds(600)), key));
		assertRefused(sign(claims(user, session, "bangfu", "another-api", now.plusSeconds(600)), key));
		assertRefused(
				sign(claims(user, UUID.randomUUID().toString(), "bangfu", "bangfu-api", now.plusSeconds(600)), key));
		assertRefused("not.a.token");
	}

	private static JWTClaimsSet claims(String user, String session, String issuer, String audience, Instant expires) {
		return new JWTClaimsSet.Builder().subject(user)
			.claim("sid", session)
			.issuer(issuer)
			.audience(audience)
			.issueTime(Date.from(expires.minusSeconds(900)))
			.expirationTime(Date.from(expires))
			.build();
	}

	private static String sign(JWTClaimsSet claims, byte[] key) throws JOSEException {
		SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
		jwt.sign(new MACSigner(key));
		return jwt.serialize();
	}

}
