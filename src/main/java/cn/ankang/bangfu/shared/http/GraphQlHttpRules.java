package cn.ankang.bangfu.shared.http;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import cn.ankang.bangfu.shared.errors.ErrorCode;
import cn.ankang.bangfu.shared.errors.ErrorCodeInterceptor;
import cn.ankang.bangfu.shared.errors.HttpErrors;
import cn.ankang.bangfu.shared.errors.Messages;

/**
 * The GraphQL-over-HTTP rules the endpoint checks before anything reads the body: GET and
 * POST only (405 with {@code Allow}), an {@code Accept} that admits JSON or
 * {@code application/graphql-response+json} (406), and a JSON {@code Content-Type} for
 * POST (415), a body of at most {@code bangfu.http.max-unpacked-request-bytes} (413),
 * each answered as a coded JSON error.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class GraphQlHttpRules extends OncePerRequestFilter {

	static final MediaType GRAPHQL_RESPONSE = MediaType.parseMediaType("application/graphql-response+json");

	private final Messages messages;

	private final JsonMapper json;

	private final long maxBodyBytes;

	GraphQlHttpRules(Messages messages, JsonMapper json,
			@Value("${bangfu.http.max-unpacked-request-bytes:10485760}") long maxBodyBytes) {
		this.messages = messages;
		this.json = json;
		this.maxBodyBytes = maxBodyBytes;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"/graphql".equals(request.getRequestURI());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String method = request.getMethod();
		// OPTIONS stays for CORS preflights
		if (!List.of("GET", "POST", "OPTIONS").contains(method)) {
			response.setHeader(HttpHeaders.ALLOW, "GET, POST");
			refuse(request, response, 405, ErrorCode.METHOD_NOT_ALLOWED,
					"The GraphQL endpoint takes GET (queries) and POST; not " + method + ".");
			return;
		}
		if (!acceptable(request.getHeader(HttpHeaders.ACCEPT))) {
			refuse(request, response, 406, ErrorCode.NOT_ACCEPTABLE,
					"The GraphQL endpoint answers in application/json or application/graphql-response+json; "
							+ "the request's Accept admits neither.");
			return;
		}
		if ("POST".equals(method) && !json(request.getContentType())) {
			refuse(request, response, 415, ErrorCode.UNSUPPORTED_MEDIA_TYPE,
					"Send the request as Content-Type: application/json (UTF-8), not "
							+ ((request.getContentType() != null) ? request.getContentType() : "without one") + ".");
			return;
		}
		response = new StatusFromRequest(response);
		if ("POST".equals(method) && request.getHeader(HttpHeaders.CONTENT_ENCODING) == null) {
			// a body sent plain is bounded like a gzip body unpacked (GzipRequests): read
			// at
			// most one byte past the bound, whatever Content-Length claims
			byte[] body = request.getInputStream()
				.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, this.maxBodyBytes + 1));
			if (body.length > this.maxBodyBytes) {
				refuse(request, response, 413, ErrorCode.DOCUMENT_TOO_LARGE,
						"The request is larger than %d bytes.".formatted(this.maxBodyBytes));
				return;
			}
			chain.doFilter(new GzipRequests.Unpacked(request, new GzipRequests.BytesInput(body)), response);
			return;
		}
		chain.doFilter(request, response);
	}

	private static boolean acceptable(String accept) {
		if (accept == null || accept.isBlank()) {
			return true;
		}
		try {
			return MediaType.parseMediaTypes(accept)
				.stream()
				.anyMatch((type) -> type.isCompatibleWith(MediaType.APPLICATION_JSON)
						|| type.isCompatibleWith(GRAPHQL_RESPONSE));
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

	private static boolean json(String contentType) {
		if (contentType == null) {
			return false;
		}
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			return type.isCompatibleWith(MediaType.APPLICATION_JSON) && !type.isWildcardSubtype();
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

	/**
	 * Turns the {@link ErrorCodeInterceptor#ErrorCodeInterceptor.STATUS} header into the
	 * answer's status, in place of the status set before it.
	 */
	private static final class StatusFromRequest extends HttpServletResponseWrapper {

		StatusFromRequest(HttpServletResponse response) {
			super(response);
		}

		@Override
		public void setHeader(String name, String value) {
			if (!status(name, value)) {
				super.setHeader(name, value);
			}
		}

		@Override
		public void addHeader(String name, String value) {
			if (!status(name, value)) {
				super.addHeader(name, value);
			}
		}

		private boolean status(String name, String value) {
			if (!ErrorCodeInterceptor.STATUS.equalsIgnoreCase(name)) {
				return false;
			}
			try {
				setStatus(Integer.parseInt(value));
			}
			catch (NumberFormatException ex) {
				// not ours to set: the answer keeps its status
			}
			return true;
		}

	}

	private void refuse(HttpServletRequest request, HttpServletResponse response, int status, ErrorCode code,
			String english) throws IOException {
		HttpErrors.write(response, status, code, english, Messages.of(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE)),
				this.messages, this.json);
	}

}
