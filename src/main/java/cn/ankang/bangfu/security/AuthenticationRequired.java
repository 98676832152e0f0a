package cn.ankang.bangfu.security;

import java.util.Set;

import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;

import cn.ankang.bangfu.shared.errors.ApiException;

import org.springframework.stereotype.Component;

/**
 * Every root field but signing in needs a signed-in user: one rule, applied before any of
 * the field's code runs, so that no new field can be forgotten. What each user may see
 * within is decided below, by the services.
 */
@Component
class AuthenticationRequired extends SimplePerformantInstrumentation {

	/** The fields open to everyone: how one gets a session in the first place. */
	static final Set<String> OPEN_FIELDS = Set.of("login", "refreshSession");

	private final SchemaAccess schemaAccess;

	AuthenticationRequired(SchemaAccess schemaAccess) {
		this.schemaAccess = schemaAccess;
	}

	/** Introspection reads the schema itself, for whom {@link SchemaAccess} allows. */
	private DataFetcher<?> introspection(DataFetcher<?> dataFetcher) {
		return (environment) -> {
			this.schemaAccess.require();
			return dataFetcher.get(environment);
		};
	}

	@Override
	public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher,
			InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
		if (parameters.getExecutionStepInfo().getPath().getLevel() != 1) {
			return dataFetcher;
		}
		String field = parameters.getExecutionStepInfo().getFieldDefinition().getName();
		if (OPEN_FIELDS.contains(field) || field.equals("__typename")) {
			return dataFetcher;
		}
		if (field.startsWith("__")) {
			return introspection(dataFetcher);
		}
		return (environment) -> {
			if (Auth.current().isEmpty()) {
				throw ApiException.unauthenticated();
			}
			return dataFetcher.get(environment);
		};
	}

}
