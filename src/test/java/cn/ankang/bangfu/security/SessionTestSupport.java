package cn.ankang.bangfu.security;

import java.util.Map;

import cn.ankang.bangfu.ApiTestSupport;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What the tests of sign-in, sessions and accounts share: signing in for both tokens,
 * testers holding a token, and whether the endpoint accepts a token or refuses it with
 * 401. It adds no configuration to {@link ApiTestSupport}, so that its tests run in the
 * one cached context.
 */
abstract class SessionTestSupport extends ApiTestSupport {

	@LocalServerPort
	int port;

	Map<String, Object> loginTokens(String username) {
		return this.anonymous.document("""
				mutation($input: LoginInput!) { login(input: $input) { tokens { accessToken refreshToken } } }""")
			.variable("input", Map.of("username", username, "password", "the-right-password", "deviceName", "phone"))
			.execute()
			.path("login.tokens")
			.entity(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {
			})
			.get();
	}

	HttpGraphQlTester bearer(String token) {
		return this.anonymous.mutate().header("Authorization", "Bearer " + token).build();
	}

	WebTestClient.ResponseSpec post(String token) {
		return WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.build()
			.post()
			.uri("/graphql")
			.header("Authorization", "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query", "{ me { user { username } } }"))
			.exchange();
	}

	void assertAccepted(String token) {
		post(token).expectStatus().isOk().expectBody().jsonPath("$.data.me.user.username").exists();
	}

	void assertRefused(String token) {
		post(token).expectStatus()
			.isUnauthorized()
			.expectHeader()
			// that the token is not valid, and not why: the decoder's reasons are for the
			// logs
			.valueEquals("WWW-Authenticate", "Bearer realm=\"bangfu\", error=\"invalid_token\"")
			.expectBody()
			.jsonPath("$.errors[0].extensions.code")
			.isEqualTo("UNAUTHENTICATED");
	}

}
