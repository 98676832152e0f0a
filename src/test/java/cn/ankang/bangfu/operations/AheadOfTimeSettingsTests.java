package cn.ankang.bangfu.operations;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A start on the AOT-generated code names each setting that asks for beans other than the
 * ones the jar was built with.
 */
class AheadOfTimeSettingsTests {

	@Test
	void aServerOfYourOwnWithTheActuatorOnTheServicesPortIsWhatTheJarWasBuiltFor() {
		MockEnvironment environment = new MockEnvironment()
			.withProperty("spring.datasource.url", "jdbc:postgresql://db/bangfu")
			.withProperty("server.port", "9090")
			.withProperty("management.server.port", "9090");
		assertThat(AheadOfTimeSettings.problems(environment)).isEmpty();
	}

	@Test
	void theEmbeddedServerAReplicaOrAnActuatorPortOfItsOwnAreRefusedAndNamed() {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.datasource.url", " ")
			.withProperty("bangfu.datasource.replica.url", "jdbc:postgresql://standby/bangfu")
			.withProperty("management.server.port", "8081");
		assertThat(AheadOfTimeSettings.problems(environment)).hasSize(3)
			.anySatisfy((problem) -> assertThat(problem).contains("spring.datasource.url"))
			.anySatisfy((problem) -> assertThat(problem).contains("bangfu.datasource.replica.url"))
			.anySatisfy((problem) -> assertThat(problem).contains("management.server.port"));
	}

}
