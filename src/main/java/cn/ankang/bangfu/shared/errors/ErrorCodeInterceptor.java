package cn.ankang.bangfu.shared.errors;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
public class ErrorCodeInterceptor implements WebGraphQlInterceptor {

	/**
	 * A response header, never sent, by which a GraphQL answer names the HTTP status it
	 * must carry instead of the one Spring for GraphQL gives it (this interceptor, for
	 * GraphQlHttpRules): headers are the one thing an interceptor can hand to HTTP.
	 */
	public static final String STATUS = "Bangfu-Http-Status";

	private final Messages messages;

	ErrorCodeInterceptor(Messages messages) {
		this.messages = messages;
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		Locale locale = Messages.of(request.getHeaders());
		request.configureExecutionInput(
				(input, builder) -> builder.graphQLContext(Map.of(Messages.LOCALE, locale)).build());
		return chain.next(request).map((response) -> withStatus(withCodes(response, locale)));
	}

	/**
	 * When a request produced nothing (no data, or only empty root fields) and every
	 * error says to come back later, HTTP says so too: 429 for a rate limit or a sign-in
	 * throttle, 503 for the database, each with {@code Retry-After}. Clients and proxies
	 * that only look at the status then back off as they should.
	 */
	private static WebGraphQlResponse withStatus(WebGraphQlResponse response) {
		List<GraphQLError> errors = response.getExecutionResult().getErrors();
		if (errors.isEmpty() || !nothingDone(response.getExecutionResult().getData())) {
			return response;
		}
		List<Object> codes = errors.stream().map((error) -> error.getExtensions().get("code")).distinct().toList();
		Integer status = (codes.size() != 1) ? null : switch (String.valueOf(codes.get(0))) {
			case "RATE_LIMITED", "TOO_MANY_ATTEMPTS" -> 429;
			case "SERVICE_UNAVAILABLE" -> 503;
			default -> null;
		};
		if (status == null) {
			return response;
		}
		response.getResponseHeaders().set(STATUS, String.valueOf(status));
		errors.stream()
			.map((error) -> error.getExtensions().get("retryAfterSeconds"))
			.filter(Number.class::isInstance)
			.map((seconds) -> ((Number) seconds).longValue())
			.max(Long::compare)
			.ifPresent((seconds) -> response.getResponseHeaders()
				.set(org.springframework.http.HttpHeaders.RETRY_AFTER, String.valueOf(seconds)));
		return response;
	}

	private static boolean nothingDone(Object data) {
		return data == null || (data instanceof Map<?, ?> roots && roots.values().stream().allMatch((v) -> v == null));
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
		Object argument = (error.getExtensions() != null) ? error.getExtensions().get(ApiException.ARGUMENT) : null;
		String message = this.messages.localize(locale, code,
				(argument instanceof String name) ? List.of(name) : List.of(), error.getMessage());
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
		extensions.put("code", ErrorCode.of(error.getErrorType()).name());
		return GraphqlErrorBuilder.newError()
			.message(error.getMessage())
			.locations(error.getLocations())
			.path(error.getPath())
			.errorType(error.getErrorType())
			.extensions(extensions)
			.build();
	}

}
