package cn.ankang.bangfu.security.limits;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The buckets in the database and the sign-in throttle that counts in them, made here
 * from the limits' own settings, so that sign-in only uses the throttle and need not know
 * how it is built.
 */
// scheduling: the rate limits' buckets are swept out of the database when full again
// (the other scheduled upkeep of the service relies on it too)
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class LimitsConfiguration {

	@Bean
	RateLimits rateLimits(DataSource dataSource) {
		return new RateLimits(dataSource);
	}

	@Bean
	LoginThrottle loginThrottle(RateLimits buckets, LoginThrottle.Properties settings) {
		LoginThrottle.Limits account = new LoginThrottle.Limits(settings.freeFailures(), settings.maxFailures(),
				settings.lockout());
		// one address may be a whole village office: ten times the room of one account
		LoginThrottle.Limits address = new LoginThrottle.Limits(settings.freeFailures() * 10,
				settings.maxFailures() * 10, settings.lockout());
		return new LoginThrottle(buckets, account, address);
	}

}
