package cn.ankang.bangfu.security;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cn.ankang.bangfu.shared.Messages;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
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
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
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
// scheduling: the rate limits' buckets are swept out of the database when full again
@Configuration(proxyBeanMethods = false)
@org.springframework.scheduling.annotation.EnableScheduling
class SecurityConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

	@Bean
	SecurityFilterChain apiSecurity(HttpSecurity http, SessionService sessions, Messages messages,
			@Value("${bangfu.cors.allowed-origins:}") List<String> allowedOrigins) throws Exception {
		AuthenticationEntryPoint entryPoint = unauthenticatedAnswer(messages);
		http.csrf((csrf) -> csrf.disable())
			// browsers on other sites may call the API only from the origins configured
			// (none by default)
			.cors((cors) -> cors.configurationSource(corsSource(allowedOrigins)))
			.headers((headers) -> headers
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.oauth2ResourceServer((server) -> server.authenticationEntryPoint(entryPoint)
				.jwt((jwt) -> jwt.jwtAuthenticationConverter((token) -> authenticate(token, sessions))))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entryPoint));
		return http.build();
	}

	private static CorsConfigurationSource corsSource(List<String> allowedOrigins) {
		List<String> origins = allowedOrigins.stream()
			.map(String::strip)
			.filter((origin) -> !origin.isEmpty())
			.toList();
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		if (origins.isEmpty()) {
			return source;
		}
		CorsConfiguration configuration = new CorsConfiguration();
		configuration.setAllowedOrigins(origins);
		configuration.setAllowedMethods(List.of("GET", "POST", "HEAD", "PATCH"));
		configuration.setAllowedHeaders(List.of("Authorization", "Content-Type", "Content-Encoding", "Accept",
				"Accept-Language", "X-Request-Id", "Upload-Offset", "Upload-Length", "Tus-Resumable"));
		configuration.setExposedHeaders(List.of("X-Request-Id", "Upload-Offset", "Retry-After"));
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
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
				JwtValidators.createDefaultWithIssuer(properties.issuer()), audience, session));
		return decoder;
	}

	@Bean
	RateLimits rateLimits(javax.sql.DataSource dataSource) {
		return new RateLimits(dataSource);
	}

	@Bean
	LoginThrottle loginThrottle(RateLimits buckets, SecurityProperties properties) {
		SecurityProperties.LoginThrottleProperties settings = properties.loginThrottle();
		LoginThrottle.Limits account = new LoginThrottle.Limits(settings.freeFailures(), settings.maxFailures(),
				settings.lockout());
		// one address may be a whole village office: ten times the room of one account
		LoginThrottle.Limits address = new LoginThrottle.Limits(settings.freeFailures() * 10,
				settings.maxFailures() * 10, settings.lockout());
		return new LoginThrottle(buckets, account, address);
	}

	private static CurrentUserAuthentication authenticate(Jwt token, SessionService sessions) {
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
	 * Answers a request with a bad token as Spring Security does (401 with
	 * {@code WWW-Authenticate}), with a body a GraphQL client can read.
	 */
	private static AuthenticationEntryPoint unauthenticatedAnswer(Messages messages) {
		BearerTokenAuthenticationEntryPoint standard = new BearerTokenAuthenticationEntryPoint();
		return (request, response, exception) -> {
			standard.commence(request, response, exception);
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
