package cn.ankang.bangfu.security;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.security.limits.LoginThrottle;
import cn.ankang.bangfu.shared.errors.UserError;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.function.SingletonSupplier;

/**
 * Signing in and out, and keeping phone sessions alive with rotating refresh tokens.
 */
@Service
@Transactional
class SessionService {

	private final AccountRepository accounts;

	private final SessionRepository sessions;

	private final TokenIssuer tokens;

	private final PasswordEncoder passwords;

	private final LoginThrottle throttle;

	private final SecurityProperties properties;

	private final Clock clock;

	private final TransactionTemplate transactions;

	// compared against when the username is unknown, so that a wrong name costs as long
	// as a wrong password; made at the first such sign-in, not at start, where hashing it
	// cold (before the JIT) took a tenth of a second of every start (issue 23)
	private final SingletonSupplier<String> unknownUserHash;

	SessionService(AccountRepository accounts, SessionRepository sessions, TokenIssuer tokens,
			PasswordEncoder passwords, LoginThrottle throttle, SecurityProperties properties, Clock clock,
			PlatformTransactionManager transactions) {
		this.accounts = accounts;
		this.sessions = sessions;
		this.tokens = tokens;
		this.passwords = passwords;
		this.throttle = throttle;
		this.properties = properties;
		this.clock = clock;
		this.transactions = new TransactionTemplate(transactions);
		this.unknownUserHash = SingletonSupplier.of(() -> passwords.encode("no such user " + UUID.randomUUID()));
	}

	/**
	 * Signs a user in from a device. Outside a transaction of its own: the throttle's
	 * buckets take a pooled connection each time they count, and a request must never
	 * hold two at once (with every connection held by a sign-in waiting for a second, the
	 * pool timed out); nor does the password's hash, a tenth of a second of work, keep
	 * one. The account is read, and the session written, in transactions of their own.
	 * @throws cn.ankang.bangfu.shared.errors.ApiException {@code TOO_MANY_ATTEMPTS} while
	 * throttled
	 */
	@Transactional(propagation = Propagation.NOT_SUPPORTED)
	Payloads.LoginPayload login(String username, String password, String deviceName, @Nullable String address) {
		String name = username.trim().toLowerCase(java.util.Locale.ROOT);
		this.throttle.check(name, address);
		Optional<AccountRepository.Credentials> credentials = Objects
			.requireNonNull(this.transactions.execute((status) -> this.accounts.credentials(name)));
		boolean matches = this.passwords.matches(password,
				credentials.map(AccountRepository.Credentials::passwordHash).orElseGet(this.unknownUserHash));
		if (credentials.isEmpty() || !matches || !credentials.get().enabled()) {
			this.throttle.failed(name, address);
			return new Payloads.LoginPayload(null, null, List
				.of(UserError.of("INVALID_CREDENTIALS", "The username or password is wrong.", "input", "password")));
		}
		this.throttle.succeeded(name);
		long userKey = credentials.get().userKey();
		// the user proved the password: a hash of an older kind is replaced by theirs
		String upgraded = this.passwords.upgradeEncoding(credentials.get().passwordHash())
				? this.passwords.encode(password) : null;
		String device = deviceName.isBlank() ? "unnamed device" : deviceName.strip();
		String shortDevice = device.substring(0, Math.min(device.length(), 100));
		return Objects.requireNonNull(this.transactions.execute((status) -> {
			if (upgraded != null) {
				this.accounts.actAs(userKey);
				this.accounts.updatePassword(userKey, upgraded);
			}
			UUID sessionId = UUID.randomUUID();
			this.sessions.insertSession(sessionId, userKey, shortDevice, address, sessionExpiry());
			Account account = this.accounts.accountsByKeys(List.of(userKey)).get(0);
			return new Payloads.LoginPayload(issue(account, sessionId), account, List.of());
		}));
	}

	/**
	 * Trades a refresh token for new tokens. A token presented a second time revokes its
	 * session, except for an identical retry within
	 * {@code bangfu.security.refresh-retry-grace} of its first use while the token that
	 * use handed out is still unused: the answer to the first may have been lost on the
	 * way, so the retry gets new tokens for the same session and the unused ones are
	 * spent. Once they were used, or after the grace, a copy of the token is evidently in
	 * other hands.
	 */
	Payloads.RefreshSessionPayload refresh(String refreshToken) {
		byte[] hash = TokenIssuer.hash(refreshToken);
		Optional<SessionRepository.TokenState> state = this.sessions.token(hash);
		if (state.isEmpty() || !state.get().sessionLive()) {
			return refreshError("INVALID_REFRESH_TOKEN", "The refresh token is not valid any more. Sign in again.");
		}
		UUID sessionId = state.get().sessionId();
		boolean spentNow = !state.get().used() && this.sessions.spend(hash);
		if (!spentNow && !this.sessions.takeBackUnusedSuccessor(hash, this.properties.refreshRetryGrace())) {
			this.sessions.revoke(sessionId, "REFRESH_TOKEN_REUSED");
			return refreshError("REFRESH_TOKEN_REUSED",
					"This refresh token was used before, so a copy may be in other hands: the session is ended. "
							+ "Sign in again.");
		}
		this.sessions.extend(sessionId, sessionExpiry());
		Session session = this.sessions.session(sessionId).orElseThrow();
		Account account = this.accounts.accountsByKeys(List.of(session.userKey())).get(0);
		SessionTokens tokens = issue(account, sessionId);
		this.sessions.replaced(hash, TokenIssuer.hash(tokens.refreshToken()));
		return new Payloads.RefreshSessionPayload(tokens, List.of());
	}

	/** Ends the session of the signed-in user's access token. */
	Payloads.LogoutPayload logout() {
		CurrentUser user = Auth.require();
		this.sessions.revoke(user.sessionId(), "LOGOUT");
		return new Payloads.LogoutPayload(this.sessions.session(user.sessionId()).orElseThrow());
	}

	/** Ends a session of the signed-in user's, or anyone's for an admin. */
	Payloads.RevokeSessionPayload revoke(String sessionId) {
		CurrentUser user = Auth.require();
		Optional<Session> session = parse(sessionId).flatMap(this.sessions::session)
			.filter((found) -> found.userKey() == user.userKey() || user.has(Role.ADMIN));
		if (session.isEmpty()) {
			return new Payloads.RevokeSessionPayload(null,
					List.of(UserError.of("NOT_FOUND", "You have no such session.", "input", "sessionId")));
		}
		this.sessions.revoke(session.get().key(),
				user.has(Role.ADMIN) && session.get().userKey() != user.userKey() ? "REVOKED_BY_ADMIN" : "REVOKED");
		return new Payloads.RevokeSessionPayload(this.sessions.session(session.get().key()).orElseThrow(), List.of());
	}

	/** Ends all sessions of a user; admins only. */
	Payloads.RevokeUserSessionsPayload revokeAllOf(long userKey) {
		Auth.requireRole(Role.ADMIN);
		if (this.accounts.accountsByKeys(List.of(userKey)).isEmpty()) {
			return new Payloads.RevokeUserSessionsPayload(0,
					List.of(UserError.of("NOT_FOUND", "There is no such user.", "input", "userId")));
		}
		return new Payloads.RevokeUserSessionsPayload(this.sessions.revokeAllOf(userKey, "REVOKED_BY_ADMIN"),
				List.of());
	}

	/** The signed-in user's sessions, newest first. */
	@Transactional(readOnly = true)
	List<Session> mySessions() {
		return this.sessions.sessionsOf(Auth.require().userKey());
	}

	@Transactional(readOnly = true)
	Optional<Session> session(UUID id) {
		return this.sessions.session(id);
	}

	/**
	 * The user behind an access token, if its session is still live and the account
	 * enabled.
	 */
	@Transactional(readOnly = true)
	Optional<CurrentUser> currentUser(long userKey, UUID sessionId) {
		return this.sessions.liveUser(sessionId, userKey);
	}

	private SessionTokens issue(Account account, UUID sessionId) {
		String refreshToken = this.tokens.refreshToken();
		this.sessions.insertToken(TokenIssuer.hash(refreshToken), sessionId);
		TokenIssuer.AccessToken access = this.tokens.accessToken(account.key(), account.username(), sessionId);
		Session session = this.sessions.session(sessionId).orElseThrow();
		return new SessionTokens(access.value(), access.expiresAt().atOffset(ZoneOffset.UTC), refreshToken,
				session.expiresAt(), session);
	}

	private OffsetDateTime sessionExpiry() {
		return OffsetDateTime.now(this.clock).plus(this.properties.sessionTtl());
	}

	private static Payloads.RefreshSessionPayload refreshError(String code, String message) {
		return new Payloads.RefreshSessionPayload(null, List.of(UserError.of(code, message, "input", "refreshToken")));
	}

	private static Optional<UUID> parse(String id) {
		try {
			return Optional.of(UUID.fromString(id));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
