package cn.ankang.bangfu.shared;

import java.time.Clock;
import java.time.ZoneId;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The programme's clock. "Today" (who is in post, which pairing is in force) is a date in
 * the programme's time zone, not the server's.
 */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

	@Bean
	Clock clock(@Value("${bangfu.time-zone:Asia/Shanghai}") ZoneId zone) {
		return Clock.system(zone);
	}

}
