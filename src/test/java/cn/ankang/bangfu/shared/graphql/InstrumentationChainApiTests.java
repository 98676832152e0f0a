package cn.ankang.bangfu.shared.graphql;

import java.util.List;

import graphql.execution.instrumentation.Instrumentation;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;

import cn.ankang.bangfu.ApiTestSupport;
import cn.ankang.bangfu.shared.graphql.InstrumentationChain.FieldHooks;

import static org.assertj.core.api.Assertions.assertThat;

/** The service's GraphQL engine runs its chain over every instrumentation bean. */
class InstrumentationChainApiTests extends ApiTestSupport {

	@Autowired
	GraphQlSource source;

	@Autowired
	List<Instrumentation> beans;

	@Test
	void chainsEveryInstrumentationOfTheService() {
		assertThat(this.source.graphQl().getInstrumentation()).isInstanceOfSatisfying(FieldHooks.class,
				(chain) -> assertThat(chain.getInstrumentations()).hasSize(this.beans.size())
					.containsExactlyInAnyOrderElementsOf(this.beans));
	}

}
