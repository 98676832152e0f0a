package cn.ankang.bangfu.dashboard;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.ApiTestSupport;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The annual report page is served by the service without signing in, and all it loads
 * comes from the service itself; its figures need a signed-in user (the browser test,
 * {@link ReportPageBrowserTests}, reads them).
 */
class ReportPageTests extends ApiTestSupport {

	private static final Pattern LOADED = Pattern.compile("(?:src|href)=\"([^\"#]+)\"");

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Test
	void thePageAndAllItLoadsAreServedByTheServiceToAnyone() throws Exception {
		HttpResponse<String> page = get("/dashboard/report.html");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		assertThat(page.body()).contains("<html lang=\"zh-CN\">").contains("登录");
		Matcher loaded = LOADED.matcher(page.body());
		List<String> paths = new ArrayList<>();
		while (loaded.find()) {
			assertThat(loaded.group(1)).as("no other host").doesNotContain("//");
			paths.add(page.uri().resolve(loaded.group(1)).getPath());
		}
		assertThat(paths).contains("/dashboard/report.css", "/dashboard/session.js", "/dashboard/report.js");
		for (String path : paths) {
			HttpResponse<String> asset = get(path);
			assertThat(asset.statusCode()).as(path).isEqualTo(200);
			assertThat(asset.body()).as(path).doesNotContain("http://").doesNotContain("https://");
		}
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
