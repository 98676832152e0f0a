package cn.ankang.bangfu.shared;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.ApiTestSupport;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Error messages speak Chinese unless the client asks for English; codes are the same in
 * both.
 */
class ErrorLanguageTests extends ApiTestSupport {

	private static final String WRONG_PASSWORD = """
			mutation { login(input: {username: "demo-secretary", password: "wrong-password-1", deviceName: "t"}) {
			  userErrors { code message } } }""";

	@LocalServerPort
	private int port;

	@Test
	void errorsOfARequestAreInChineseByDefaultAndInEnglishWhenAsked() {
		message(this.anonymous, "{ me { user { username } } }").isEqualTo("请先登录，或刷新会话后重试。");
		message(speaking("en-US,en;q=0.9"), "{ me { user { username } } }").doesNotContainPattern("\\p{IsHan}")
			.isNotBlank();
		message(speaking("zh-CN,zh;q=0.9,en;q=0.5"), "{ me { user { username } } }").contains("登录");
		// a language the service does not speak: Chinese
		message(speaking("fr-FR"), "{ me { user { username } } }").contains("登录");
		// details a developer needs stay in the message
		message(this.graphQl, "{ villages(first: 1000) { totalCount } }").startsWith("请求参数有误：").contains("1000");
	}

	@Test
	void userErrorsOfMutationsFollowTheLanguageToo() {
		String username = newUser("language");
		String document = WRONG_PASSWORD.replace("demo-secretary", username);
		this.anonymous.document(document)
			.execute()
			.path("login.userErrors[0]")
			.entity(Map.class)
			.isEqualTo(Map.of("code", "INVALID_CREDENTIALS", "message", "用户名或密码错误。"));
		speaking("en").document(document)
			.execute()
			.path("login.userErrors[0].message")
			.entity(String.class)
			.isEqualTo("The username or password is wrong.");
	}

	@Test
	void answersOutsideGraphQlFollowTheLanguage() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		HttpResponse<String> chinese = http.send(HttpRequest.newBuilder(URI.create(base() + "/graphql"))
			.header("Authorization", "Bearer not-a-token")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ me { user { username } } }\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(chinese.statusCode()).isEqualTo(401);
		assertThat(chinese.body()).contains("\"code\":\"UNAUTHENTICATED\"").contains("请先登录");
		HttpResponse<String> english = http.send(HttpRequest.newBuilder(URI.create(base() + "/photos/uploads/x"))
			.method("HEAD", HttpRequest.BodyPublishers.noBody())
			.header("Authorization", "Bearer " + accessToken("demo-secretary"))
			.header("Accept-Language", "en")
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(english.statusCode()).isEqualTo(404);
		HttpResponse<String> photo = http.send(HttpRequest.newBuilder(URI.create(base() + "/photos/uploads/x"))
			.method("PATCH", HttpRequest.BodyPublishers.ofString("x"))
			.header("Authorization", "Bearer " + accessToken("demo-secretary"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(photo.body()).contains("\"code\":\"NOT_FOUND\"").contains("找不到");
	}

	private org.assertj.core.api.AbstractStringAssert<?> message(HttpGraphQlTester tester, String document) {
		String[] message = new String[1];
		tester.document(document).execute().errors().satisfy((errors) -> {
			assertThat(errors).hasSize(1);
			message[0] = errors.get(0).getMessage();
		});
		return assertThat(message[0]);
	}

	private HttpGraphQlTester speaking(String acceptLanguage) {
		return this.anonymous.mutate().header("Accept-Language", acceptLanguage).build();
	}

	private String base() {
		return "http://127.0.0.1:" + this.port;
	}

}
