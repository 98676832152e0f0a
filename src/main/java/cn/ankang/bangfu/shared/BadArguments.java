package cn.ankang.bangfu.shared;

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
 * The HTTP endpoints beside GraphQL (downloads, imports, photos) refuse a parameter that
 * is missing or does not read (a day that does not exist, {@code 2023-02-30}) as GraphQL
 * refuses a bad argument: {@code INVALID_ARGUMENT}, naming the parameter, in the
 * request's language; never a value adjusted to one that reads.
 */
@RestControllerAdvice
class BadArguments {

	private final Messages messages;

	private final JsonMapper json;

	BadArguments(Messages messages, JsonMapper json) {
		this.messages = messages;
		this.json = json;
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
