package cn.ankang.bangfu.shared.errors;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The HTTP endpoints beside GraphQL (downloads, imports, warnings, photos, the schema)
 * refuse as GraphQL does, in one place: an {@link ApiException} with its code, its
 * details and the HTTP status that code means; a parameter that is missing or does not
 * read (a day that does not exist, {@code 2023-02-30}) as {@code INVALID_ARGUMENT},
 * naming the parameter, never a value adjusted to one that reads. Always in the request's
 * language.
 */
@RestControllerAdvice
class HttpRefusals {

	private final Messages messages;

	private final JsonMapper json;

	HttpRefusals(Messages messages, JsonMapper json) {
		this.messages = messages;
		this.json = json;
	}

	@ExceptionHandler(ApiException.class)
	void refused(ApiException ex, HttpServletRequest request, HttpServletResponse response) throws IOException {
		int status = switch (ex.code()) {
			case UNAUTHENTICATED -> 401;
			case FORBIDDEN -> 403;
			case NOT_FOUND, INVALID_ID -> 404;
			case INVALID_STATE -> 409;
			case DOCUMENT_TOO_LARGE -> 413;
			default -> 400;
		};
		HttpErrors.write(response, status, ex.code(), ex.getMessage(),
				Messages.of(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE)), this.messages, this.json, ex.details());
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	void unreadable(MethodArgumentTypeMismatchException ex, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		String wanted = (ex.getRequiredType() == java.time.LocalDate.class) ? " (a day of the calendar, 2023-12-31)"
				: "";
		refuse("'%s' cannot be '%s'%s.".formatted(ex.getName(), ex.getValue(), wanted), request, response);
	}

	@ExceptionHandler(MissingServletRequestParameterException.class)
	void missing(MissingServletRequestParameterException ex, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		refuse("'%s' is required.".formatted(ex.getParameterName()), request, response);
	}

	private void refuse(String english, HttpServletRequest request, HttpServletResponse response) throws IOException {
		HttpErrors.write(response, 400, ErrorCode.INVALID_ARGUMENT, english,
				Messages.of(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE)), this.messages, this.json);
	}

}
