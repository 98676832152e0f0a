package cn.ankang.bangfu.security.audit;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.security.Account;
import cn.ankang.bangfu.security.AccountService;
import cn.ankang.bangfu.security.Auth;
import cn.ankang.bangfu.security.CurrentUser;
import cn.ankang.bangfu.security.Role;
import cn.ankang.bangfu.shared.relay.Connection;
import cn.ankang.bangfu.shared.relay.PageRequest;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes and reads the append-only audit trail.
 * <p>
 * Public for the subscriptions' later work ({@code security.LiveSessions}), whose trails
 * are written here as a request's are; reading the trail stays with this package.
 */
@Service
@Transactional
public class AuditService {

	private final AuditRepository repository;

	private final AccountService accounts;

	AuditService(AuditRepository repository, AccountService accounts) {
		this.repository = repository;
		this.accounts = accounts;
	}

	/**
	 * Writes what a request's trail holds: a row for a mutation, a row for unmasked
	 * personal reads.
	 */
	public void record(AuditTrail trail, Optional<CurrentUser> user, @Nullable String address) {
		Long userKey = user.map(CurrentUser::userKey).orElse(trail.actorKey());
		String username = user.map(CurrentUser::username).orElse(null);
		List<String> roles = user
			.map((current) -> current.grants().stream().map((grant) -> grant.role().name()).distinct().toList())
			.orElse(List.of());
		if (user.isEmpty() && userKey != null) {
			Account account = this.accounts.accountsByKeys(List.of(userKey)).get(userKey);
			username = (account != null) ? account.username() : null;
			roles = this.accounts.grantsOf(List.of(userKey))
				.getOrDefault(userKey, List.of())
				.stream()
				.map((grant) -> grant.role().name())
				.distinct()
				.toList();
		}
		Object session = user.map(CurrentUser::sessionId).orElse(null);
		if (trail.mutation()) {
			this.repository.insert("MUTATION", trail.operation(), userKey, username, roles, session, address,
					trail.path(), trail.targets());
		}
		List<String> reads = trail.personalReads();
		if (!reads.isEmpty()) {
			this.repository.insert("PERSONAL_READ", trail.operation(), userKey, username, roles, session, address,
					trail.path(), reads);
		}
	}

	/** A page of audit events, newest first; admins only. */
	@Transactional(readOnly = true)
	Connection<AuditEvent> events(AuditEventFilter filter, PageRequest page, boolean countTotal) {
		Auth.requireRole(Role.ADMIN);
		List<AuditEvent> rows = this.repository.events(filter, page);
		return Connection.of(rows, page, AuditRepository::cursor, countTotal ? this.repository.count(filter) : 0);
	}

	/**
	 * Narrows the audit trail.
	 */
	record AuditEventFilter(@Nullable String username, @Nullable String kind, @Nullable String operation,
			@Nullable String targetId, @Nullable OffsetDateTime occurredFrom, @Nullable OffsetDateTime occurredBefore) {

		static final AuditEventFilter NONE = new AuditEventFilter(null, null, null, null, null, null);

	}

}
