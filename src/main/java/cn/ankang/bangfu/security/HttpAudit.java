package cn.ankang.bangfu.security;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

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
		this.repository.insert(kind, operation, user.userKey(), user.username(), roles, user.sessionId(), address,
				targets);
	}

}
