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
 * The service's own address leads a person to its ways in, and a browser's icon request
 * finds one instead of logging a 404 on every page.
 */
class HomePageTests extends ApiTestSupport {

	private static final Pattern LINK = Pattern.compile("href=\"([^\"#]+)\"");

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

	@LocalServerPort
	private int port;

	@Test
	void theAddressAloneShowsTheWaysInEachOfWhichAnswers() throws Exception {
		HttpResponse<String> page = get("/", "text/html");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		assertThat(page.body()).contains("<html lang=\"zh-CN\">").contains("领导视图").contains("接口定义");
		List<String> links = new ArrayList<>();
		Matcher link = LINK.matcher(page.body());
		while (link.find()) {
			links.add(link.group(1));
		}
		assertThat(links).contains("/dashboard/", "/dashboard/report.html", "/graphiql/", "/graphql/schema",
				"/favicon.ico");
		for (String path : links) {
			// the schema is for developers and admins outside the demo run, as here
			// (SchemaDownloadTests)
			assertThat(get(path, "*/*").statusCode()).as(path).isEqualTo(path.equals("/graphql/schema") ? 401 : 200);
		}
	}

	@Test
	void theIconIsAnIconFile() throws Exception {
		HttpResponse<byte[]> icon = this.http.send(request("/favicon.ico", "*/*").build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(icon.statusCode()).isEqualTo(200);
		assertThat(icon.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("image/"));
		// the icon file header: reserved 0, type 1 (icon), then the image count
		assertThat(icon.body()).startsWith(0, 0, 1, 0);
	}

	private HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
		return this.http.send(request(path, accept).build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest.Builder request(String path, String accept) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).header("Accept", accept);
	}

}
