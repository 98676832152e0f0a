package cn.ankang.bangfu.security;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sessions through the real HTTP endpoint: refresh tokens rotate, a reused one ends the
 * session, an identical retry of a refresh whose answer was lost keeps it within its
 * grace; logging out, revoking a session and an admin ending a lost phone's sessions take
 * effect at once.
 */
class SessionApiTests extends SessionTestSupport {

	@Test
	void refreshRotatesAndAReusedTokenEndsTheSession() {
		String username = newUser("phone-owner");
		Map<String, Object> first = loginTokens(username);
		String firstRefresh = (String) first.get("refreshToken");
		var refreshed = refresh(firstRefresh);
		refreshed.path("refreshSession.userErrors").entityList(Object.class).hasSize(0);
		String secondRefresh = refreshed.path("refreshSession.tokens.refreshToken").entity(String.class).get();
		String secondAccess = refreshed.path("refreshSession.tokens.accessToken").entity(String.class).get();
		assertThat(secondRefresh).isNotEqualTo(firstRefresh);
		assertAccepted(secondAccess);
		var third = refresh(secondRefresh);
		String thirdRefresh = third.path("refreshSession.tokens.refreshToken").entity(String.class).get();
		String thirdAccess = third.path("refreshSession.tokens.accessToken").entity(String.class).get();
		// the first token again, after the token it was traded for was used: someone
		// holds a copy, so the whole session ends
		refresh(firstRefresh).path("refreshSession.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("REFRESH_TOKEN_REUSED");
		assertRefused(thirdAccess);
		refresh(thirdRefresh).path("refreshSession.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("INVALID_REFRESH_TOKEN");
		refresh("made-up").path("refreshSession.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("INVALID_REFRESH_TOKEN");
	}

	@Test
	void anIdenticalRetryOfARefreshWhoseAnswerWasLostKeepsTheSession() {
		Map<String, Object> signedIn = loginTokens(newUser("bad-link"));
		String first = (String) signedIn.get("refreshToken");
		String session = refreshedSession(first).get("session");
		// the answer was lost: the phone still holds the first token and sends it again
		Map<String, String> retried = refreshedSession(first);
		assertThat(retried.get("session")).isEqualTo(session);
		assertAccepted(retried.get("accessToken"));
		// and again, while the retry's answer is unused too
		Map<String, String> again = refreshedSession(first);
		assertThat(again.get("session")).isEqualTo(session);
		Map<String, String> next = refreshedSession(again.get("refreshToken"));
		assertThat(next.get("session")).isEqualTo(session);
		assertAccepted(next.get("accessToken"));
		// once the successor was used, the first token is reuse: the session ends
		refresh(first).path("refreshSession.userErrors[0].code").entity(String.class).isEqualTo("REFRESH_TOKEN_REUSED");
		assertRefused(next.get("accessToken"));
	}

	@Test
	void theTokensARetryReplacedAreSpentAndTheGraceEnds() {
		// the first answer was not lost after all, and its token shows up after the retry
		String first = (String) loginTokens(newUser("two-answers")).get("refreshToken");
		Map<String, String> lost = refreshedSession(first);
		Map<String, String> retried = refreshedSession(first);
		refresh(lost.get("refreshToken")).path("refreshSession.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("REFRESH_TOKEN_REUSED");
		assertRefused(retried.get("accessToken"));

		// a retry after the grace is reuse
		String late = (String) loginTokens(newUser("late-retry")).get("refreshToken");
		Map<String, String> unused = refreshedSession(late);
		this.jdbc.sql("update refresh_token set used_at = used_at - interval '61 seconds' where token_hash = :hash")
			.param("hash", cn.ankang.bangfu.shared.values.Digests.sha256(late))
			.update();
		refresh(late).path("refreshSession.userErrors[0].code").entity(String.class).isEqualTo("REFRESH_TOKEN_REUSED");
		assertRefused(unused.get("accessToken"));
	}

	@Test
	void loggingOutAndRevokingEndSessionsAtOnce() {
		String username = newUser("two-phones");
		String phone = (String) loginTokens(username).get("accessToken");
		Map<String, Object> tablet = loginTokens(username);
		String tabletAccess = (String) tablet.get("accessToken");
		String tabletSession = sqlString("""
				select s.id::text from app_session s join app_user u on u.id = s.user_id
				where u.username = '%s' order by s.created_at desc limit 1""".formatted(username));
		bearer(phone).document("{ mySessions { id current } }")
			.execute()
			.path("mySessions")
			.entityList(Object.class)
			.hasSize(2);
		bearer(phone).document(
				"mutation($id: ID!) { revokeSession(input: {sessionId: $id}) { session { revokedAt } userErrors { code } } }")
			.variable("id", tabletSession)
			.execute()
			.path("revokeSession.userErrors")
			.entityList(Object.class)
			.hasSize(0);
		assertRefused(tabletAccess);
		assertAccepted(phone);
		bearer(phone).document("mutation { logout { session { revokedAt } } }")
			.execute()
			.path("logout.session.revokedAt")
			.hasValue();
		assertRefused(phone);
		// someone else's session cannot be ended, and looks like none
		String other = (String) loginTokens(newUser("bystander")).get("accessToken");
		String leaderSession = sqlString("select s.id::text from app_session s join app_user u on u.id = s.user_id "
				+ "where u.username = 'demo-leader' and s.revoked_at is null limit 1");
		bearer(other).document("mutation($id: ID!) { revokeSession(input: {sessionId: $id}) { userErrors { code } } }")
			.variable("id", leaderSession)
			.execute()
			.path("revokeSession.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("NOT_FOUND");
	}

	@Test
	void anAdminEndsAllSessionsOfALostPhone() {
		String username = newUser("lost-phone");
		String access = (String) loginTokens(username).get("accessToken");
		as("demo-admin").document("mutation($id: ID!) { revokeUserSessions(input: {userId: $id}) { revokedCount } }")
			.variable("id", userId(username))
			.execute()
			.path("revokeUserSessions.revokedCount")
			.entity(Integer.class)
			.isEqualTo(1);
		assertRefused(access);
	}

	private org.springframework.graphql.test.tester.GraphQlTester.Response refresh(String token) {
		return this.anonymous.document("""
				mutation($t: String!) { refreshSession(input: {refreshToken: $t}) {
				  tokens { accessToken refreshToken } userErrors { code } } }""").variable("t", token).execute();
	}

	/** Refreshes, which must succeed: the new tokens and the session's id. */
	private Map<String, String> refreshedSession(String token) {
		Map<String, Object> tokens = this.anonymous.document("""
				mutation($t: String!) { refreshSession(input: {refreshToken: $t}) {
				  tokens { accessToken refreshToken session { id } } userErrors { code } } }""")
			.variable("t", token)
			.execute()
			.path("refreshSession.userErrors")
			.entityList(Object.class)
			.hasSize(0)
			.path("refreshSession.tokens")
			.entity(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {
			})
			.get();
		@SuppressWarnings("unchecked")
		Map<String, Object> session = (Map<String, Object>) tokens.get("session");
		return Map.of("accessToken", (String) tokens.get("accessToken"), "refreshToken",
				(String) tokens.get("refreshToken"), "session", (String) session.get("id"));
	}

}
