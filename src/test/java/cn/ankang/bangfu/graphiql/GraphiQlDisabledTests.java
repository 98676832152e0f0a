package cn.ankang.bangfu.graphiql;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.ApiTestSupport;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code bangfu.graphiql.enabled=false} the page and every file under it answer 404,
 * while the API goes on as before.
 */
@TestPropertySource(properties = "bangfu.graphiql.enabled=false")
class GraphiQlDisabledTests extends ApiTestSupport {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Test
	void thePageAndItsFilesAnswer404() throws Exception {
		for (String path : List.of("/graphiql", "/graphiql/", "/graphiql/index.html", "/graphiql/graphiql.js",
				"/graphiql/graphiql.css", "/graphiql/operations/index.json", "/graphiql/operations/Changes.graphql")) {
			assertThat(get(path).statusCode()).as(path).isEqualTo(404);
		}
		this.graphQl.document("{ counties { code } }").execute().path("counties[0].code").hasValue();
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
