package cn.ankang.bangfu.view;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.figure.FigureAnswers;
import cn.ankang.bangfu.security.audit.AuditTrail;
import cn.ankang.bangfu.shared.errors.ErrorCode;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.graphql.ExecutionGraphQlResponse;
import org.springframework.graphql.ExecutionGraphQlService;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.support.DefaultExecutionGraphQlRequest;
import org.springframework.stereotype.Component;

/**
 * Runs a view's document through the same GraphQL engine as any request, on the calling
 * thread and so as the signed-in user: the same fields, limits, jurisdiction and error
 * codes.
 */
@Component
class ViewRunner {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	// looked up when first needed: the engine is built from the controllers, and through
	// the
	// node loaders one of them needs this
	private final ObjectProvider<ExecutionGraphQlService> graphQl;

	ViewRunner(ObjectProvider<ExecutionGraphQlService> graphQl) {
		this.graphQl = graphQl;
	}

	/**
	 * Runs a document as the signed-in user.
	 * @param trail the audit trail of the request the run is part of: what the run reads
	 * of personal data is on its record
	 * @param fresh whether its figures are computed anew rather than answered as kept
	 * ({@link FigureAnswers})
	 */
	Result run(String document, Map<String, Object> variables, Locale locale, AuditTrail trail, boolean fresh) {
		DefaultExecutionGraphQlRequest request = new DefaultExecutionGraphQlRequest(document, null, variables, Map.of(),
				UUID.randomUUID().toString(), locale);
		request.configureExecutionInput((input, builder) -> builder.graphQLContext(trail.asContext())
			.graphQLContext(Map.of(FigureAnswers.FRESH, fresh))
			.build());
		ExecutionGraphQlResponse response = this.graphQl.getObject().execute(request).block(TIMEOUT);
		if (response == null) {
			throw new IllegalStateException("The GraphQL engine gave no answer");
		}
		List<Map<String, Object>> errors = new ArrayList<>();
		for (ResponseError error : response.getErrors()) {
			Map<String, Object> extensions = new LinkedHashMap<>(error.getExtensions());
			extensions.putIfAbsent("code", ErrorCode.of(error.getErrorType()).name());
			Map<String, Object> map = new LinkedHashMap<>();
			map.put("message", (error.getMessage() != null) ? error.getMessage() : "");
			if (!error.getParsedPath().isEmpty()) {
				map.put("path", error.getParsedPath());
			}
			map.put("extensions", extensions);
			errors.add(map);
		}
		return new Result(response.getData(), errors);
	}

	/** The first of a run's errors, code and message, for people. */
	static String firstError(List<Map<String, Object>> errors) {
		Map<String, Object> error = errors.get(0);
		return ((Map<?, ?>) error.get("extensions")).get("code") + ": " + error.get("message");
	}

	/**
	 * What a view answered.
	 *
	 * @param data the data, as the document shapes it
	 * @param errors the errors, each with a message and a code
	 */
	record Result(@Nullable Object data, List<Map<String, Object>> errors) {

		String firstError() {
			return ViewRunner.firstError(this.errors);
		}

	}

}
