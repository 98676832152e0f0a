package cn.ankang.bangfu.security.audit;

import java.util.List;

import org.jspecify.annotations.Nullable;

import jakarta.servlet.http.HttpServletRequest;

import cn.ankang.bangfu.security.CurrentUser;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The audit trail of the HTTP paths beside GraphQL (imports, downloads): what the GraphQL
 * interceptors record of a mutation or a read of personal data, written here by the
 * endpoint that did it, into the same append-only table.
 */
@Component
public class HttpAudit {

	private final AuditRepository repository;

	HttpAudit(AuditRepository repository) {
		this.repository = repository;
	}

	/** A change made over HTTP, e.g. an import committed. */
	@Transactional
	public void mutation(CurrentUser user, String operation, List<String> targets, @Nullable String address) {
		write("MUTATION", user, operation, targets, address);
	}

	/** Personal data read over HTTP, unmasked. */
	@Transactional
	public void personalRead(CurrentUser user, String operation, List<String> targets, @Nullable String address) {
		write("PERSONAL_READ", user, operation, targets, address);
	}

	private void write(String kind, CurrentUser user, String operation, List<String> targets,
			@Nullable String address) {
		List<String> roles = user.grants().stream().map((grant) -> grant.role().name()).distinct().toList();
		HttpServletRequest request = request();
		this.repository.insert(kind, operation, user.userKey(), user.username(), roles, user.sessionId(),
				(address != null || request == null) ? address : request.getRemoteAddr(),
				(request != null) ? request.getMethod() + " " + request.getRequestURI() : null, targets);
	}

	/**
	 * The request being served, whose method and path say which way in; null on a thread
	 * that serves none (an import checked in the background).
	 */
	private static @Nullable HttpServletRequest request() {
		return (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)
				? attributes.getRequest() : null;
	}

}
