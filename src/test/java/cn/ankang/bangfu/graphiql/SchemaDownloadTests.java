package cn.ankang.bangfu.graphiql;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;

import graphql.schema.GraphQLNamedType;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import org.junit.jupiter.api.Test;

import cn.ankang.bangfu.ApiTestSupport;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schema can be downloaded as SDL, for code generators and reviewers, by those who
 * may introspect it: outside the demo run, developers and admins. The demo run's home
 * page links it for anyone ({@code HomePageTests}).
 */
class SchemaDownloadTests extends ApiTestSupport {

	private static final Set<String> BUILT_IN = Set.of("String", "Int", "Float", "Boolean", "ID");

	@Autowired
	private GraphQlSource graphQlSource;

	@Test
	void aDeveloperGetsTheRunningSchemaAsSdlWithItsDescriptions() throws Exception {
		HttpResponse<String> answer = download(accessToken("demo-dev"));
		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/plain"));
		TypeDefinitionRegistry printed = new SchemaParser().parse(answer.body());
		for (GraphQLNamedType type : this.graphQlSource.schema().getAllTypesAsList()) {
			// the printer leaves out introspection's types and the built-in scalars
			if (!type.getName().startsWith("__") && !BUILT_IN.contains(type.getName())) {
				assertThat(printed.getType(type.getName())).as(type.getName()).isPresent();
			}
		}
		// the descriptions come with it: the contract is read, not only compiled against
		assertThat(answer.body()).contains("\"\"\"").contains("type MonitoringRow");
	}

	@Test
	void outsideTheDemoRunStrangersAndOtherUsersGetACodedRefusal() throws Exception {
		HttpResponse<String> anonymous = download(null);
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.body()).contains("\"code\":\"UNAUTHENTICATED\"").doesNotContain("type Query");
		HttpResponse<String> leader = download(accessToken("demo-leader"));
		assertThat(leader.statusCode()).isEqualTo(403);
		assertThat(leader.body()).contains("\"code\":\"FORBIDDEN\"").doesNotContain("type Query");
	}

	private HttpResponse<String> download(String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri("/graphql/schema"));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
