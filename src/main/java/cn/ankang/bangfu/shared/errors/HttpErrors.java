package cn.ankang.bangfu.shared.errors;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Every HTTP error the servlet container or Spring answers by itself (a body that is not
 * JSON, an unknown path, a method or media type the endpoint does not take, a failure
 * nothing else caught) is answered like a GraphQL error: JSON with a message for people
 * in the request's language and a stable {@code extensions.code}, never an HTML page, an
 * empty body or a stack trace.
 */
@Controller
public class HttpErrors implements ErrorController {

	private static final Logger log = LoggerFactory.getLogger(HttpErrors.class);

	private final Messages messages;

	private final JsonMapper json;

	HttpErrors(Messages messages, JsonMapper json) {
		this.messages = messages;
		this.json = json;
	}

	@RequestMapping("/error")
	void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		int status = (code instanceof Integer value) ? value : 500;
		Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
		if (unavailable(failure)) {
			// the database did not answer before anything was done: a retry will do
			log.warn("The database did not answer for {}: {}",
					request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI), failure.getMessage());
			response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
			write(response, 503, ErrorCode.SERVICE_UNAVAILABLE,
					"The database did not answer in time; nothing was done. Send the same request again shortly.",
					Messages.of(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE)), this.messages, this.json,
					Map.of("retryAfterSeconds", RETRY_AFTER_SECONDS));
			return;
		}
		if (status >= 500) {
			log.error("Unexpected failure answering {}", request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI),
					failure);
		}
		ErrorCode errorCode = codeOf(status);
		write(response, status, errorCode, englishFor(status),
				Messages.of(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE)), this.messages, this.json);
	}

	/** Seconds a client waits before it resends what found the database unavailable. */
	static final int RETRY_AFTER_SECONDS = 5;

	/**
	 * Whether the failure is the database not answering (no connection within the pool's
	 * timeout, a connection refused or broken, a statement cancelled at its timeout), as
	 * opposed to a fault of ours.
	 */
	static boolean unavailable(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof org.springframework.jdbc.CannotGetJdbcConnectionException
					|| cause instanceof org.springframework.transaction.CannotCreateTransactionException
					|| cause instanceof java.sql.SQLTransientConnectionException
					// a commit or rollback that could not reach the database: the
					// connection
					// broke under the transaction (its fate is the retry's to find out)
					|| cause instanceof org.springframework.transaction.TransactionSystemException) {
				return true;
			}
			if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null
			// 40001: a standby cancelled the query for a conflict with recovery (or a
			// serialization failure), 40P01: a deadlock broken by aborting this side:
			// the same request succeeds when sent again
					&& (sql.getSQLState().startsWith("08") || sql.getSQLState().equals("40001")
							|| sql.getSQLState().equals("40P01") || sql.getSQLState().equals("57014")
							|| sql.getSQLState().equals("57P01") || sql.getSQLState().equals("57P03"))) {
				return true;
			}
		}
		return false;
	}

	/** Writes a coded error as JSON, the shape every error of the service has. */
	public static void write(HttpServletResponse response, int status, ErrorCode code, String english, Locale locale,
			Messages messages, JsonMapper json) throws IOException {
		write(response, status, code, english, locale, messages, json, Map.of());
	}

	/** Like the other, with more in the extensions beside the code. */
	public static void write(HttpServletResponse response, int status, ErrorCode code, String english, Locale locale,
			Messages messages, JsonMapper json, Map<String, Object> details) throws IOException {
		if (response.isCommitted()) {
			return;
		}
		response.resetBuffer();
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		String message = messages.localize(locale, code.name(), List.of(), english);
		Map<String, Object> extensions = new java.util.LinkedHashMap<>(details);
		extensions.put("code", code.name());
		json.writeValue(response.getOutputStream(),
				Map.of("errors", List.of(Map.of("message", message, "extensions", extensions))));
	}

	static ErrorCode codeOf(int status) {
		return switch (status) {
			case 400 -> ErrorCode.INVALID_REQUEST;
			case 401 -> ErrorCode.UNAUTHENTICATED;
			case 403 -> ErrorCode.FORBIDDEN;
			case 404 -> ErrorCode.NOT_FOUND;
			case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
			case 406 -> ErrorCode.NOT_ACCEPTABLE;
			case 413 -> ErrorCode.DOCUMENT_TOO_LARGE;
			case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
			default -> (status < 500) ? ErrorCode.INVALID_REQUEST : ErrorCode.INTERNAL;
		};
	}

	static String englishFor(int status) {
		return switch (status) {
			case 400 -> "The request is not a GraphQL request: send JSON with a string 'query' (and 'variables' as an "
					+ "object, if any).";
			case 404 -> "There is nothing at this address.";
			case 405 -> "This address does not take that HTTP method.";
			case 406 -> "The request accepts no type this address answers in (application/json, "
					+ "application/graphql-response+json).";
			case 413 -> "The request is larger than the service accepts.";
			case 415 -> "The request's Content-Type is not one this address reads (application/json).";
			default -> (status < 500)
					? "The request cannot be served: HTTP " + status + " ("
							+ HttpStatus.valueOf(status).getReasonPhrase() + ")."
					: "Something went wrong on our side; it has been logged.";
		};
	}

}
