package cn.ankang.bangfu;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.boot.graphql.test.autoconfigure.tester.AutoConfigureHttpGraphQlTester;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The base of end-to-end tests over the demo data set: the whole service on a random
 * port, over a fresh PostgreSQL database holding the demo city ({@link TestDatabase}).
 * All such tests share one application context, and so one database, which is why they
 * only read or write rows of their own; expected values come from the report's figures or
 * from SQL written independently of the service's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "bangfu.demo.load=true", "bangfu.security.jwt-secret=" + EndToEndSupport.JWT_SECRET,
				"bangfu.security.metrics-password=" + EndToEndSupport.METRICS_PASSWORD,
				"bangfu.photos.directory=target/test-photos", "bangfu.live.min-interval=1s",
				"bangfu.live.session-check=1s", "bangfu.cors.allowed-origins=" + EndToEndSupport.ALLOWED_ORIGIN })
@AutoConfigureHttpGraphQlTester
@Import(StatementCounter.Configuration.class)
public abstract class ApiTestSupport extends EndToEndSupport {

	/** A tester signed in as the demo city leader, who may read everything. */
	protected HttpGraphQlTester graphQl;

	@BeforeEach
	void signInAsCityLeader() {
		this.graphQl = as("demo-leader");
	}

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabase database = TestDatabase.get();
		registry.add("spring.datasource.url", () -> database.url);
		// as in production: the service connects as a login that owns nothing, Flyway
		// migrates as the owner
		registry.add("spring.datasource.username", TestDatabase::serviceUsername);
		registry.add("spring.datasource.password", TestDatabase::servicePassword);
		registry.add("spring.flyway.url", () -> database.url);
		registry.add("spring.flyway.user", () -> database.username);
		registry.add("spring.flyway.password", () -> database.password);
	}

	/**
	 * Runs a document as the demo city leader that must fail with exactly one error of
	 * the given code, whose message is written for people.
	 */
	protected void assertError(String document, String code) {
		assertError(this.graphQl.document(document), code);
	}

}
