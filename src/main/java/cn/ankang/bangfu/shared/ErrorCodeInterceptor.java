package cn.ankang.bangfu.shared;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import reactor.core.publisher.Mono;

import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;

/**
 * Gives a code to the errors graphql-java raises before any of our code runs (syntax,
 * validation, variable coercion), so that every error a client sees carries
 * {@code extensions.code}, as the error policy promises; and puts every error's message
 * in the language the client asks for ({@link Messages}).
 */
@Component
class ErrorCodeInterceptor implements WebGraphQlInterceptor {

	private final Messages messages;

	ErrorCodeInterceptor(Messages messages) {
		this.messages = messages;
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		Locale locale = Messages.of(request.getHeaders());
		request.configureExecutionInput(
				(input, builder) -> builder.graphQLContext(Map.of(Messages.LOCALE, locale)).build());
		return chain.next(request).map((response) -> withCodes(response, locale));
	}

	private WebGraphQlResponse withCodes(WebGraphQlResponse response, Locale locale) {
		List<GraphQLError> errors = response.getExecutionResult().getErrors();
		if (errors.isEmpty()) {
			return response;
		}
		List<GraphQLError> coded = errors.stream().map((error) -> localized(withCode(error), locale)).toList();
		return response.transform((builder) -> builder.errors(coded));
	}

	private GraphQLError localized(GraphQLError error, Locale locale) {
		String code = String.valueOf(error.getExtensions().get("code"));
		String message = this.messages.localize(locale, code, List.of(), error.getMessage());
		if (message.equals(error.getMessage())) {
			return error;
		}
		return GraphqlErrorBuilder.newError()
			.message(message)
			.locations(error.getLocations())
			.path(error.getPath())
			.errorType(error.getErrorType())
			.extensions(error.getExtensions())
			.build();
	}

	private static boolean hasCode(GraphQLError error) {
		return error.getExtensions() != null && error.getExtensions().containsKey("code");
	}

	private static GraphQLError withCode(GraphQLError error) {
		if (hasCode(error)) {
			return error;
		}
		Map<String, Object> extensions = new LinkedHashMap<>();
		if (error.getExtensions() != null) {
			extensions.putAll(error.getExtensions());
		}
		extensions.put("code", codeFor(error.getErrorType()).name());
		return GraphqlErrorBuilder.newError()
			.message(error.getMessage())
			.locations(error.getLocations())
			.path(error.getPath())
			.errorType(error.getErrorType())
			.extensions(extensions)
			.build();
	}

	private static ErrorCode codeFor(ErrorClassification classification) {
		if ("PersistedQueryNotFound".equals(classification.toString())) {
			return ErrorCode.PERSISTED_QUERY_NOT_FOUND;
		}
		if ("PersistedQueryIdInvalid".equals(classification.toString())) {
			return ErrorCode.INVALID_ARGUMENT;
		}
		if (classification == graphql.ErrorType.InvalidSyntax) {
			return ErrorCode.GRAPHQL_PARSE_FAILED;
		}
		if (classification == graphql.ErrorType.ValidationError
				|| classification == graphql.ErrorType.OperationNotSupported) {
			return ErrorCode.GRAPHQL_VALIDATION_FAILED;
		}
		if (classification == org.springframework.graphql.execution.ErrorType.BAD_REQUEST) {
			return ErrorCode.INVALID_ARGUMENT;
		}
		if (classification == org.springframework.graphql.execution.ErrorType.UNAUTHORIZED) {
			return ErrorCode.UNAUTHENTICATED;
		}
		if (classification == org.springframework.graphql.execution.ErrorType.FORBIDDEN) {
			return ErrorCode.FORBIDDEN;
		}
		if (classification == org.springframework.graphql.execution.ErrorType.NOT_FOUND) {
			return ErrorCode.NOT_FOUND;
		}
		return ErrorCode.INTERNAL;
	}

}
