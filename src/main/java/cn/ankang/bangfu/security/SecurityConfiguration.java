package cn.ankang.bangfu.security;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cn.ankang.bangfu.security.limits.Caller;
import cn.ankang.bangfu.shared.errors.Messages;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * HTTP security: the GraphQL endpoint is open at the HTTP level, because which fields
 * need a signed-in user is decided per field ({@link AuthenticationRequired}); a bearer
 * token, when sent, must be valid, or the request is answered 401 with a GraphQL-shaped
 * error. Tokens are HMAC-SHA256 JWTs checked for signature, issuer, audience and lifetime
 * by Spring Security's resource-server support, and then for a live session.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

	/**
	 * What the pages (dashboard, GraphiQL) may load and run: their own scripts and styles
	 * from this service, nothing inline but style attributes (GraphiQL sets them), no
	 * other site, no framing. A script someone slipped into a household's notes would
	 * find nothing to run it and nowhere to send what it read.
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
			+ "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
			+ "connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; "
			+ "frame-ancestors 'none'; form-action 'self'";

	/**
	 * The metrics for Prometheus count the whole programme, outside any jurisdiction:
	 * only the scraper, with the password of {@code bangfu.security.metrics-password}
	 * (HTTP Basic, user {@code prometheus}), reads them; without that password no one
	 * does. Health and info stay open to the load balancer.
	 */
	@Bean
	@Order(1)
	SecurityFilterChain metricsSecurity(HttpSecurity http, SecurityProperties properties, PasswordEncoder encoder)
			throws Exception {
		String password = properties.metricsPassword();
		// hashed at the first scrape, not at start: hashed cold, before the JIT, it took
		// a tenth of a second or more of every start (issue 23)
		SingletonSupplier<UserDetails> scraper = SingletonSupplier
			.of(() -> User.withUsername(METRICS_USER).password(encoder.encode(password)).roles("METRICS").build());
		UserDetailsService scrapers = (username) -> {
			if (password == null || password.isBlank() || !METRICS_USER.equals(username)) {
				throw new UsernameNotFoundException(username);
			}
			// a copy: Spring Security erases the credentials of what it is handed
			return User.withUserDetails(scraper.obtain()).build();
		};
		http.securityMatcher(EndpointRequest.to("prometheus"))
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.userDetailsService(scrapers)
			.httpBasic((basic) -> basic.realmName("bangfu-metrics"))
			.authorizeHttpRequests((requests) -> requests.anyRequest().hasRole("METRICS"));
		return http.build();
	}

	/** The user name Prometheus scrapes the metrics as. */
	static final String METRICS_USER = "prometheus";

	@Bean
	SecurityFilterChain apiSecurity(HttpSecurity http, SessionService sessions, Messages messages,
			@Value("${bangfu.cors.allowed-origins:}") List<String> allowedOrigins) throws Exception {
		AuthenticationEntryPoint entryPoint = unauthenticatedAnswer(messages);
		http.csrf((csrf) -> csrf.disable())
			// browsers on other sites may call the API only from the origins configured
			// (none by default)
			.cors((cors) -> cors.configurationSource(corsSource(allowedOrigins)))
			.headers((headers) -> headers
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
				.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.cacheControl((cache) -> cache.disable())
				.addHeaderWriter(SecurityConfiguration::noStoreUnlessSet))
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.oauth2ResourceServer((server) -> server.authenticationEntryPoint(entryPoint)
				.jwt((jwt) -> jwt.jwtAuthenticationConverter((token) -> authenticate(token, sessions))))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entryPoint));
		return http.build();
	}

	/**
	 * No cache, private or shared, keeps an answer unless the answer says it may: the GET
	 * queries' answers say so themselves ({@code shared.CacheableReads}: private, tagged,
	 * only to the signed-in user), and so may a static file; every other answer, POST and
	 * errors included, is {@code no-store}. Written when the answer is committed, so it
	 * sees what the answer set.
	 */
	static void noStoreUnlessSet(HttpServletRequest request, HttpServletResponse response) {
		if (!response.containsHeader(HttpHeaders.CACHE_CONTROL) && response.getStatus() != 304) {
			response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		}
	}

	static CorsConfigurationSource corsSource(List<String> allowedOrigins) {
		List<String> origins = allowedOrigins.stream()
			.map(String::strip)
			.filter((origin) -> !origin.isEmpty())
			.toList();
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		CorsConfiguration configuration = new CorsConfiguration();
		// with none configured the list is empty, not absent: a request from a page of
		// another site is then refused (403), not answered as if it came from ours
		configuration.setAllowedOrigins(origins);
		configuration.setAllowedMethods(List.of("GET", "POST", "HEAD", "PATCH"));
		configuration.setAllowedHeaders(List.of("Authorization", "Content-Type", "Content-Encoding", "Accept",
				"Accept-Language", "X-Request-Id", "Upload-Offset", "Upload-Length", "Tus-Resumable", "If-None-Match"));
		configuration.setExposedHeaders(List.of("X-Request-Id", "Upload-Offset", "Retry-After", "ETag"));
		// bearer tokens, no cookies: credentials are never needed
		configuration.setAllowCredentials(false);
		configuration.setMaxAge(Duration.ofHours(1));
		source.registerCorsConfiguration("/**", configuration);
		return source;
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	SecretKey jwtKey(SecurityProperties properties) {
		byte[] secret;
		if (properties.jwtSecret() != null && !properties.jwtSecret().isBlank()) {
			secret = Base64.getDecoder().decode(properties.jwtSecret().strip());
			if (secret.length < 32) {
				throw new IllegalStateException("bangfu.security.jwt-secret must hold at least 32 bytes (base64)");
			}
		}
		else if (properties.generateKeyIfMissing()) {
			secret = new byte[32];
			new SecureRandom().nextBytes(secret);
			log.warn("No bangfu.security.jwt-secret is set: generated a signing key for this run only. Tokens die "
					+ "with the process; set BANGFU_SECURITY_JWT_SECRET (32 random bytes, base64) to keep them.");
		}
		else {
			throw new IllegalStateException("Set bangfu.security.jwt-secret (BANGFU_SECURITY_JWT_SECRET): 32 or more "
					+ "random bytes, base64, e.g. from 'openssl rand -base64 32'.");
		}
		return new SecretKeySpec(secret, "HmacSHA256");
	}

	@Bean
	JwtEncoder jwtEncoder(SecretKey jwtKey) {
		return new NimbusJwtEncoder(new ImmutableSecret<>(jwtKey));
	}

	@Bean
	JwtDecoder jwtDecoder(SecretKey jwtKey, SecurityProperties properties) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(jwtKey).macAlgorithm(MacAlgorithm.HS256).build();
		OAuth2TokenValidator<Jwt> audience = new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
				(aud) -> aud != null && aud.contains(properties.audience()));
		OAuth2TokenValidator<Jwt> session = new JwtClaimValidator<String>("sid", (sid) -> sid != null);
		// no clock skew: both ends of a token's lifetime are this service's own clock,
		// so an expired token is expired the second it ends (the default accepts it for
		// another minute)
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(Duration.ZERO),
				new JwtIssuerValidator(properties.issuer()), audience, session));
		return decoder;
	}

	/** Each signed-in user's operations are paid from the user's own rate limit. */
	@Bean
	Caller rateLimitedCaller() {
		return () -> Auth.current().map(CurrentUser::userKey);
	}

	static CurrentUserAuthentication authenticate(Jwt token, SessionService sessions) {
		long userKey;
		UUID sessionId;
		try {
			userKey = Long.parseLong(token.getSubject());
			sessionId = UUID.fromString(token.getClaimAsString("sid"));
		}
		catch (RuntimeException ex) {
			throw new InvalidBearerTokenException("The access token names no user or session.");
		}
		CurrentUser user = sessions.currentUser(userKey, sessionId)
			.orElseThrow(() -> new InvalidBearerTokenException("The session has ended. Sign in again."));
		return new CurrentUserAuthentication(user, token);
	}

	/**
	 * Answers a request with a bad token 401 with {@code WWW-Authenticate}, as RFC 6750
	 * asks, and a body a GraphQL client can read. The header says only that the token is
	 * not valid: why a token failed to decode is for the logs, not for whoever holds it.
	 */
	private static AuthenticationEntryPoint unauthenticatedAnswer(Messages messages) {
		return (request, response, exception) -> {
			boolean tokenSent = request.getHeader(HttpHeaders.AUTHORIZATION) != null;
			log.debug("Refused a request's bearer token: {}", exception.getMessage());
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE,
					tokenSent ? "Bearer realm=\"bangfu\", error=\"invalid_token\"" : "Bearer realm=\"bangfu\"");
			String message = messages.localize(Messages.of(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE)),
					"UNAUTHENTICATED", List.of(),
					"The access token is not valid: sign in again or refresh the session.");
			response.setStatus(HttpStatus.UNAUTHORIZED.value());
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			// the message comes from our own catalogue: no quotes or backslashes to
			// escape
			response.getWriter()
				.write("{\"errors\":[{\"message\":\"" + message
						+ "\",\"extensions\":{\"code\":\"UNAUTHENTICATED\"}}]}");
		};
	}

}
