package cn.ankang.bangfu.graphiql;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.ApiTestSupport;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our GraphiQL page and everything it names come from the service itself; the browser
 * test ({@link GraphiQlBrowserTests}) checks what a browser really fetches.
 */
class GraphiQlPageTests extends ApiTestSupport {

	private static final Pattern LOADED = Pattern.compile("(?:src|href)=\"([^\"#]+)\"");

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

	@LocalServerPort
	private int port;

	@Test
	void slashGraphiqlIsOurPageAndAllItLoadsIsServedByTheService() throws Exception {
		HttpResponse<String> page = get("/graphiql");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.uri().getPath()).isEqualTo("/graphiql/");
		assertThat(page.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		assertThat(page.body()).contains("<html lang=\"zh-CN\">").contains("登录 Sign in");
		Matcher loaded = LOADED.matcher(page.body());
		int count = 0;
		while (loaded.find()) {
			String reference = loaded.group(1);
			assertThat(reference).as("no other host").doesNotContain("//");
			String path = page.uri().resolve(reference).getPath();
			HttpResponse<String> asset = get(path);
			assertThat(asset.statusCode()).as(path).isEqualTo(200);
			if (path.startsWith("/graphiql/")) {
				// our own files name no other host (the libraries' comments may)
				assertThat(asset.body()).as(path).doesNotContain("http://").doesNotContain("https://");
			}
			count++;
		}
		// GraphiQL's script and style sheet, React, ReactDOM, and ours
		assertThat(count).isEqualTo(6);
		assertThat(get("/graphiql/operations/index.json").statusCode()).isEqualTo(200);
		assertThat(get("/graphiql/operations/Changes.graphql").body()).contains("query Changes");
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
