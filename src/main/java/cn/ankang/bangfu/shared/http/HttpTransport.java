package cn.ankang.bangfu.shared.http;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionResult;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.execution.preparsed.persisted.ApolloPersistedQuerySupport;
import graphql.execution.preparsed.persisted.InMemoryPersistedQueryCache;
import graphql.execution.preparsed.persisted.PersistedQuerySupport;
import graphql.language.OperationDefinition;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import cn.ankang.bangfu.shared.errors.ErrorCode;

/**
 * What phones need of HTTP beyond Spring's POST endpoint: automatic persisted queries as
 * Apollo clients send them (a bounded cache of documents by SHA-256), parsed documents
 * kept by their text, and queries by GET, whose answers the signed-in user's device may
 * keep ({@link CacheableReads}). Mutations are never run from a GET.
 */
@Configuration(proxyBeanMethods = false)
class HttpTransport {

	static final String VIA_GET = HttpTransport.class.getName() + ".get";

	/**
	 * Documents are parsed and validated once, then served from memory: by their text, or
	 * by their hash when they come as automatic persisted queries. Both caches keep the
	 * most used documents up to {@code max-entries} each; the one by text reports its
	 * hits and misses as the {@code cache.gets} metric of cache
	 * {@code graphql.documents}.
	 */
	@Bean
	GraphQlSourceBuilderCustomizer parsedDocuments(
			@Value("${bangfu.graphql.persisted-queries.max-entries:2000}") int maxEntries, MeterRegistry meters) {
		Map<Object, String> known = Caffeine.newBuilder().maximumSize(maxEntries).<Object, String>build().asMap();
		PreparsedDocumentProvider persisted = new ApolloPersistedQuerySupport(new InMemoryPersistedQueryCache(known));
		Cache<String, PreparsedDocumentEntry> byText = Caffeine.newBuilder()
			.maximumSize(maxEntries)
			.recordStats()
			.build();
		CaffeineCacheMetrics.monitor(meters, byText, "graphql.documents");
		PreparsedDocumentProvider documents = (input, parseAndValidate) -> {
			if (input.getExtensions().containsKey("persistedQuery")) {
				return persisted.getDocumentAsync(input, parseAndValidate);
			}
			// an entry holds the document and its validation errors, both the same for
			// every request that sends the text; a document the request limits refuse
			// throws, and is not kept
			return CompletableFuture
				.completedFuture(byText.get(input.getQuery(), (query) -> parseAndValidate.apply(input)));
		};
		return (builder) -> builder.configureGraphQl((graphQl) -> graphQl.preparsedDocumentProvider(documents));
	}

	// ahead of Spring's GraphQL route, which answers 405 to every method but POST on the
	// same path
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	RouterFunction<ServerResponse> graphQlOverGet(WebGraphQlHandler handler, JsonMapper json, CacheableReads reads,
			@Value("${spring.graphql.http.path:/graphql}") String path) {
		return RouterFunctions.route().GET(path, (request) -> get(request, handler, json, reads)).build();
	}

	@Bean
	SimplePerformantInstrumentation noMutationsOverGet() {
		return new SimplePerformantInstrumentation() {
			@Override
			public InstrumentationContext<ExecutionResult> beginExecuteOperation(
					InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
				boolean viaGet = Boolean.TRUE.equals(parameters.getExecutionContext().getGraphQLContext().get(VIA_GET));
				if (viaGet && parameters.getExecutionContext()
					.getOperationDefinition()
					.getOperation() != OperationDefinition.Operation.QUERY) {
					throw new graphql.execution.AbortExecutionException(List.of(graphql.GraphqlErrorBuilder.newError()
						.message("Only queries may be sent with GET; send mutations with POST.")
						.errorType(ErrorCode.MUTATION_OVER_GET.errorType())
						.extensions(Map.of("code", ErrorCode.MUTATION_OVER_GET.name()))
						.build()));
				}
				return SimpleInstrumentationContext.noOp();
			}
		};
	}

	private static ServerResponse get(ServerRequest request, WebGraphQlHandler handler, JsonMapper json,
			CacheableReads reads) {
		Map<String, Object> body = new HashMap<>();
		try {
			String query = request.param("query").orElse(null);
			Map<String, Object> extensions = parse(json, request.param("extensions").orElse(null));
			if (query == null && extensions.containsKey("persistedQuery")) {
				query = PersistedQuerySupport.PERSISTED_QUERY_MARKER;
			}
			if (query == null) {
				return error(HttpStatus.BAD_REQUEST, ErrorCode.GRAPHQL_PARSE_FAILED,
						"A GET request names its 'query'.");
			}
			body.put("query", query);
			request.param("operationName").ifPresent((name) -> body.put("operationName", name));
			body.put("variables", parse(json, request.param("variables").orElse(null)));
			body.put("extensions", extensions);
		}
		catch (RuntimeException ex) {
			return error(HttpStatus.BAD_REQUEST, ErrorCode.INVALID_ARGUMENT,
					"'variables' and 'extensions' must be JSON objects.");
		}
		URI uri = request.uri();
		WebGraphQlRequest graphQlRequest = new WebGraphQlRequest(uri, request.headers().asHttpHeaders(),
				new org.springframework.util.LinkedMultiValueMap<>(), request.remoteAddress().orElse(null),
				request.attributes(), body, UUID.randomUUID().toString(),
				request.headers()
					.acceptLanguage()
					.stream()
					.findFirst()
					.map((range) -> Locale.forLanguageTag(range.getRange()))
					.orElse(Locale.ROOT));
		graphQlRequest
			.configureExecutionInput((input, builder) -> builder.graphQLContext(Map.of(VIA_GET, Boolean.TRUE)).build());
		return ServerResponse.async(handler.handleRequest(graphQlRequest).map((response) -> {
			boolean mutation = response.getErrors()
				.stream()
				.anyMatch((error) -> ErrorCode.MUTATION_OVER_GET.name().equals(error.getExtensions().get("code")));
			return reads.answer(request, response, mutation ? HttpStatus.METHOD_NOT_ALLOWED : HttpStatus.OK);
		}).toFuture());
	}

	private static Map<String, Object> parse(JsonMapper json, String text) {
		if (text == null || text.isBlank()) {
			return Map.of();
		}
		return json.readValue(text, new TypeReference<Map<String, Object>>() {
		});
	}

	private static ServerResponse error(HttpStatus status, ErrorCode code, String message) {
		return ServerResponse.status(status)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("errors", List.of(Map.of("message", message, "extensions", Map.of("code", code.name())))));
	}

}
