package cn.ankang.bangfu.security;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of sign-in and tokens. How failed sign-ins are throttled
 * ({@code bangfu.security.login-throttle}) is the limits' to read
 * ({@code limits.LoginThrottle.Properties}), so that they need nothing from here.
 *
 * @param jwtSecret the key that signs access tokens (HMAC-SHA256), base64, at least 32
 * bytes; keep it out of the repository
 * @param generateKeyIfMissing whether to make up a key at start-up when none is set (the
 * demo run does; tokens then die with the process)
 * @param issuer the {@code iss} of access tokens
 * @param audience the {@code aud} of access tokens
 * @param accessTokenTtl how long an access token is accepted
 * @param sessionTtl how long a session lives without being refreshed
 * @param refreshRetryGrace how long after a refresh token was spent an identical retry
 * (the answer lost on the way) still gets new tokens, as long as the ones the first
 * refresh handed out were not used; zero turns the grace off
 * @param metricsPassword the password Prometheus reads {@code /actuator/prometheus} with
 * (HTTP Basic, user {@code prometheus}); without one, no one reads the metrics
 */
@ConfigurationProperties("bangfu.security")
record SecurityProperties(@Nullable String jwtSecret, @DefaultValue("false") boolean generateKeyIfMissing,
		@DefaultValue("bangfu") String issuer, @DefaultValue("bangfu-api") String audience,
		@DefaultValue("15m") Duration accessTokenTtl, @DefaultValue("30d") Duration sessionTtl,
		@DefaultValue("60s") Duration refreshRetryGrace, @Nullable String metricsPassword) {

}
