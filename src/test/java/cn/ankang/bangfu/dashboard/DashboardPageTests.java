package cn.ankang.bangfu.dashboard;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import graphql.parser.Parser;
import graphql.validation.ValidationError;
import graphql.validation.Validator;
import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.ApiTestSupport;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.execution.GraphQlSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard page and everything it loads come from the service itself: nothing from
 * another host, since the intranet it runs on has no internet.
 */
class DashboardPageTests extends ApiTestSupport {

	private static final Pattern LOADED = Pattern.compile("(?:src|href)=\"([^\"#]+)\"");

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

	@Autowired
	private GraphQlSource graphQlSource;

	@LocalServerPort
	private int port;

	@Test
	void thePageAndAllItLoadsAreServedByTheService() throws Exception {
		for (String path : List.of("/dashboard", "/dashboard/")) {
			HttpResponse<String> page = get(path);
			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(page.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
			assertThat(page.body()).contains("<html lang=\"zh-CN\">").contains("登录");
		}
		// what the page loads, resolved as a browser does against the address it ends up
		// at
		HttpResponse<String> page = get("/dashboard");
		assertThat(page.uri().getPath()).isEqualTo("/dashboard/");
		Matcher loaded = LOADED.matcher(page.body());
		int count = 0;
		while (loaded.find()) {
			String reference = loaded.group(1);
			assertThat(reference).as("no other host").doesNotContain("//");
			String path = page.uri().resolve(reference).getPath();
			HttpResponse<String> asset = get(path);
			assertThat(asset.statusCode()).as(path).isEqualTo(200);
			if (path.startsWith("/dashboard/")) {
				// our own files name no other host (a library's comments may)
				assertThat(asset.body()).as(path).doesNotContain("http://").doesNotContain("https://");
			}
			count++;
		}
		assertThat(count).isGreaterThanOrEqualTo(3);
		assertThat(get("/webjars/echarts/dist/echarts.min.js").body()).contains("echarts").hasSizeGreaterThan(500_000);
	}

	@Test
	void theDocumentsThePageSendsFitTheSchema() throws Exception {
		List<String> files = List.of("session.js", "dashboard.js", "builder.js", "live.js");
		// selections written once as constants and put into several documents, across the
		// scripts
		java.util.Map<String, String> selections = new java.util.HashMap<>();
		for (String file : files) {
			Matcher constants = Pattern.compile("const ([A-Z_]+) = `([^`$]+)`")
				.matcher(get("/dashboard/" + file).body());
			while (constants.find()) {
				selections.put(constants.group(1), constants.group(2));
			}
		}
		int count = 0;
		for (String file : files) {
			String script = get("/dashboard/" + file).body();
			for (java.util.Map.Entry<String, String> selection : selections.entrySet()) {
				script = script.replace("${" + selection.getKey() + "}", selection.getValue());
			}
			// documents sent through graphql() or post(), and those kept as constants
			Matcher documents = Pattern.compile(
					"(?:graphql|post)\\(\\s*[`']([^`']+)[`']|const [A-Z_]+ = `((?:query|subscription|mutation)[^`]+)`")
				.matcher(script);
			while (documents.find()) {
				String document = (documents.group(1) != null) ? documents.group(1) : documents.group(2);
				List<ValidationError> errors = new Validator().validateDocument(this.graphQlSource.schema(),
						Parser.parse(document), Locale.ENGLISH);
				assertThat(errors).as(file + ": " + document).isEmpty();
				count++;
			}
		}
		assertThat(count).isGreaterThanOrEqualTo(14);
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
