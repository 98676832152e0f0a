package cn.ankang.bangfu.security;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import cn.ankang.bangfu.shared.errors.ApiException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlInterceptor;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.server.WebSocketSessionInfo;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;

/**
 * Signs in a GraphQL WebSocket connection (graphql-transport-ws): a browser cannot send
 * headers with a WebSocket, so the access token comes in {@code connection_init} as
 * {@code {"Authorization": "Bearer <access token>"}}, checked exactly as an HTTP
 * request's. A connection without a valid token of a live session is closed with 4401,
 * the protocol's code for it. Each operation sent on the connection then runs as that
 * user, who is loaded again for it: a revoked session or a removed role counts at once,
 * and once the token has expired the operations run signed out and are refused
 * {@code UNAUTHENTICATED} (reconnect with a fresh token).
 * <p>
 * First of the interceptors, so that the others (the audit trail) see the user.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class WebSocketAuthentication implements WebSocketGraphQlInterceptor {

	static final String AUTHENTICATION = WebSocketAuthentication.class.getName() + ".authentication";

	private static final Logger log = LoggerFactory.getLogger(WebSocketAuthentication.class);

	/**
	 * The key Spring Security's thread-local accessor (context propagation) restores the
	 * security context from.
	 */
	private static final String SECURITY_CONTEXT_KEY = SecurityContext.class.getName();

	private final JwtDecoder decoder;

	private final SessionService sessions;

	private final Clock clock;

	WebSocketAuthentication(JwtDecoder decoder, SessionService sessions, Clock clock) {
		this.decoder = decoder;
		this.sessions = sessions;
		this.clock = clock;
	}

	@Override
	public Mono<Object> handleConnectionInitialization(WebSocketSessionInfo info, Map<String, Object> payload) {
		String token = bearerToken(payload);
		if (token == null) {
			log.debug("Refused a WebSocket connection without a bearer token");
			return Mono.error(ApiException.unauthenticated());
		}
		CurrentUserAuthentication authentication;
		try {
			authentication = SecurityConfiguration.authenticate(this.decoder.decode(token), this.sessions);
		}
		catch (JwtException | AuthenticationException ex) {
			log.debug("Refused a WebSocket connection's bearer token: {}", ex.getMessage());
			return Mono.error(ApiException.unauthenticated());
		}
		info.getAttributes().put(AUTHENTICATION, authentication);
		// the client learns when to come back with a fresh token
		Map<String, Object> ack = new LinkedHashMap<>();
		Instant expiresAt = authentication.getCredentials().getExpiresAt();
		if (expiresAt != null) {
			ack.put("accessTokenExpiresAt", expiresAt.toString());
		}
		return Mono.just(ack);
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		if (!(request instanceof WebSocketGraphQlRequest webSocket)) {
			return chain.next(request);
		}
		CurrentUserAuthentication authentication = current(
				(CurrentUserAuthentication) webSocket.getSessionInfo().getAttributes().get(AUTHENTICATION));
		if (authentication == null) {
			// signed out: every field but sign-in refuses with UNAUTHENTICATED
			return chain.next(request);
		}
		SecurityContext context = new SecurityContextImpl(authentication);
		SecurityContext previous = SecurityContextHolder.getContext();
		SecurityContextHolder.setContext(context);
		try {
			// started here, while the user is on this thread: the interceptors after this
			// one and the check of the root fields (AuthenticationRequired) read the user
			// from it; the fields that run later, elsewhere, get the user from the
			// Reactor
			// context, which Spring for GraphQL restores thread-locals from
			Mono<WebGraphQlResponse> response = chain.next(request)
				.contextWrite(Context.of(SECURITY_CONTEXT_KEY, context))
				.cache();
			response.subscribe((done) -> {
			}, (failure) -> {
			});
			return response;
		}
		finally {
			SecurityContextHolder.setContext(previous);
		}
	}

	/**
	 * The connection's authentication, with the user as they are now; null once the token
	 * has expired or the session has ended.
	 */
	private @Nullable CurrentUserAuthentication current(@Nullable CurrentUserAuthentication authentication) {
		if (authentication == null) {
			return null;
		}
		Instant expiresAt = authentication.getCredentials().getExpiresAt();
		if (expiresAt != null && !this.clock.instant().isBefore(expiresAt)) {
			return null;
		}
		CurrentUser user = authentication.getPrincipal();
		return this.sessions.currentUser(user.userKey(), user.sessionId())
			.map((now) -> new CurrentUserAuthentication(now, authentication.getCredentials()))
			.orElse(null);
	}

	private static @Nullable String bearerToken(Map<String, Object> payload) {
		Object header = payload.get("Authorization");
		if (header == null) {
			header = payload.get("authorization");
		}
		if (header instanceof String value && value.regionMatches(true, 0, "Bearer ", 0, 7)
				&& !value.substring(7).isBlank()) {
			return value.substring(7).strip();
		}
		return null;
	}

}
