package cn.ankang.bangfu.shared.errors;

import java.util.Map;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.graphql.data.method.annotation.GraphQlExceptionHandler;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.ControllerAdvice;

import cn.ankang.bangfu.shared.values.Text;

/**
 * The one error policy: every exception a data fetcher throws becomes a GraphQL error
 * with a stable {@code extensions.code} and a message a person understands; internals go
 * to the log, never to the client.
 */
@ControllerAdvice
class GraphQlErrorPolicy {

	private static final Logger log = LoggerFactory.getLogger(GraphQlErrorPolicy.class);

	@GraphQlExceptionHandler
	GraphQLError handle(ApiException ex, DataFetchingEnvironment env) {
		return error(env, ex.code(), ex.getMessage(), ex.details());
	}

	@GraphQlExceptionHandler
	GraphQLError handle(AuthenticationException ex, DataFetchingEnvironment env) {
		ApiException unauthenticated = ApiException.unauthenticated();
		return error(env, unauthenticated.code(), unauthenticated.getMessage());
	}

	@GraphQlExceptionHandler
	GraphQLError handle(AccessDeniedException ex, DataFetchingEnvironment env) {
		return error(env, ErrorCode.FORBIDDEN, "Your roles do not allow this.");
	}

	@GraphQlExceptionHandler
	GraphQLError handle(ConstraintViolationException ex, DataFetchingEnvironment env) {
		String message = ex.getConstraintViolations()
			.stream()
			.map((violation) -> lastNode(violation.getPropertyPath().toString()) + " " + violation.getMessage())
			.sorted()
			.reduce((a, b) -> a + "; " + b)
			.orElse("invalid argument");
		return error(env, ErrorCode.INVALID_ARGUMENT, message);
	}

	@GraphQlExceptionHandler
	GraphQLError handle(Exception ex, DataFetchingEnvironment env) {
		// PostgreSQL holds no NUL in text: whatever path let one through, the statement
		// failed and its transaction rolled back, and the client is told why
		if (hasSqlState(ex, "22021") || hasSqlState(ex, "22P05")) {
			return error(env, ErrorCode.INVALID_ARGUMENT,
					"Text may not contain the NUL character (U+0000) or other bytes that are not UTF-8 text.");
		}
		// no connection within the pool's timeout, or a statement cancelled at its
		// timeout:
		// nothing was done, and the same request may be sent again shortly
		if (HttpErrors.unavailable(ex)) {
			log.warn("The database did not answer for {}: {}", env.getExecutionStepInfo().getPath(), ex.getMessage());
			return error(env, ErrorCode.SERVICE_UNAVAILABLE,
					"The database did not answer in time; nothing was done. Send the same request again shortly.",
					Map.of("retryAfterSeconds", HttpErrors.RETRY_AFTER_SECONDS));
		}
		log.error("Unexpected failure in {}", env.getExecutionStepInfo().getPath(), ex);
		return error(env, ErrorCode.INTERNAL, "Something went wrong on our side; it has been logged.");
	}

	private static boolean hasSqlState(Throwable ex, String state) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof java.sql.SQLException sql && state.equals(sql.getSQLState())) {
				return true;
			}
		}
		return false;
	}

	private static GraphQLError error(DataFetchingEnvironment env, ErrorCode code, String message) {
		return error(env, code, message, Map.of());
	}

	private static GraphQLError error(DataFetchingEnvironment env, ErrorCode code, String message,
			Map<String, Object> details) {
		Map<String, Object> extensions = new java.util.LinkedHashMap<>(details);
		extensions.put("code", code.name());
		return GraphqlErrorBuilder.newError(env)
			.errorType(code.errorType())
			.message(message)
			.extensions(extensions)
			.build();
	}

	private static String lastNode(String path) {
		int dot = path.lastIndexOf('.');
		return (dot < 0) ? path : path.substring(dot + 1);
	}

}
