package cn.ankang.bangfu.operations;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id, so that a user's error report can be traced to the log lines
 * of that request: the caller's {@code X-Request-Id} when it looks like one (a proxy or
 * the phone made it), else a new one. It is in the log context ({@code requestId} in
 * every line, and in JSON logs), in the answer's {@code X-Request-Id} header, and in a
 * GraphQL answer's {@code extensions.requestId}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIdFilter extends OncePerRequestFilter {

	/** The header the id travels in, both ways. */
	public static final String HEADER = "X-Request-Id";

	static final String ATTRIBUTE = RequestIdFilter.class.getName();

	static final String MDC_KEY = "requestId";

	// ids from outside go into logs: letters, digits, dashes only, and not too long
	private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9-]{8,64}");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String given = request.getHeader(HEADER);
		String id = (given != null && ACCEPTABLE.matcher(given).matches()) ? given : UUID.randomUUID().toString();
		request.setAttribute(ATTRIBUTE, id);
		response.setHeader(HEADER, id);
		MDC.put(MDC_KEY, id);
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove(MDC_KEY);
		}
	}

}
