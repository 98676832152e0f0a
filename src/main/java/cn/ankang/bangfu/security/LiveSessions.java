package cn.ankang.bangfu.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

import graphql.GraphQLContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cn.ankang.bangfu.security.audit.AuditService;
import cn.ankang.bangfu.security.audit.AuditTrail;
import cn.ankang.bangfu.security.limits.ClientAddressInterceptor;
import cn.ankang.bangfu.shared.errors.ApiException;
import cn.ankang.bangfu.shared.errors.ErrorCode;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.stereotype.Component;

/**
 * The signed-in user of a long-lived operation (a subscription), for work done later on
 * other threads, each time as that user: checked, loaded again, and audited as a request
 * of its own would be.
 */
@Component
public class LiveSessions {

	private static final Logger log = LoggerFactory.getLogger(LiveSessions.class);

	private final SessionService sessions;

	private final AuditService audit;

	private final Clock clock;

	LiveSessions(SessionService sessions, AuditService audit, Clock clock) {
		this.sessions = sessions;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * The user the current operation runs as.
	 * @param context the operation's GraphQL context, for the client's address
	 * @throws ApiException {@code UNAUTHENTICATED} when no one is signed in
	 */
	public LiveSession capture(GraphQLContext context) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (!(authentication instanceof CurrentUserAuthentication signedIn)) {
			throw ApiException.unauthenticated();
		}
		return new LiveSession(signedIn, context.get(ClientAddressInterceptor.KEY));
	}

	/**
	 * A signed-in user, to act as later.
	 */
	public final class LiveSession {

		private final CurrentUserAuthentication authentication;

		private final @Nullable String address;

		LiveSession(CurrentUserAuthentication authentication, @Nullable String address) {
			this.authentication = authentication;
			this.address = address;
		}

		public CurrentUser user() {
			return this.authentication.getPrincipal();
		}

		/** When the access token the user signed in with stops being accepted. */
		public Instant expiresAt() {
			Instant expiresAt = this.authentication.getCredentials().getExpiresAt();
			return (expiresAt != null) ? expiresAt : Instant.MAX;
		}

		/**
		 * Runs work as the user, loaded again, with an audit trail of its own that is
		 * written as a request's would be, under the operation's name.
		 * @throws ApiException {@code UNAUTHENTICATED} when the token has expired or the
		 * session has ended
		 */
		public <T> T run(String operation, Function<AuditTrail, T> work) {
			CurrentUser user = current().orElseThrow(LiveSession::ended);
			SecurityContext previous = SecurityContextHolder.getContext();
			SecurityContextHolder.setContext(
					new SecurityContextImpl(new CurrentUserAuthentication(user, this.authentication.getCredentials())));
			try {
				AuditTrail trail = AuditTrail.ofSubscription(operation, user);
				T result = work.apply(trail);
				if (trail.hasPersonalReads()) {
					try {
						LiveSessions.this.audit.record(trail, Optional.of(user), this.address);
					}
					catch (org.springframework.dao.DataAccessException
							| org.springframework.transaction.TransactionException ex) {
						log.warn("Could not write the audit trail of {}: {}", operation, ex.getMessage());
					}
				}
				return result;
			}
			finally {
				SecurityContextHolder.setContext(previous);
			}
		}

		/** Whether the token is still accepted and the session still lives. */
		public boolean alive() {
			return current().isPresent();
		}

		private Optional<CurrentUser> current() {
			if (!LiveSessions.this.clock.instant().isBefore(expiresAt())) {
				return Optional.empty();
			}
			CurrentUser user = user();
			return LiveSessions.this.sessions.currentUser(user.userKey(), user.sessionId());
		}

		private static ApiException ended() {
			return new ApiException(ErrorCode.UNAUTHENTICATED,
					"The access token has expired or its session has ended: subscribe again with a fresh token.");
		}

	}

}
