package cn.ankang.bangfu.operations;

import java.util.List;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * A production run ({@code prod} profile) refuses to start without the settings it must
 * never make up: a database (else the embedded PostgreSQL of a newcomer's machine would
 * start) and the token signing key (else a generated one, which dies with the process).
 * It says which are missing, before anything starts. Registered in
 * {@code META-INF/spring.factories}: it must run before the application context exists.
 */
public class ProductionSettings implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

	/**
	 * The settings a production run needs, with the environment variables that set them.
	 */
	static final List<String[]> REQUIRED = List.of(new String[] { "spring.datasource.url", "SPRING_DATASOURCE_URL" },
			new String[] { "spring.datasource.username", "SPRING_DATASOURCE_USERNAME" },
			new String[] { "bangfu.security.jwt-secret", "BANGFU_SECURITY_JWT_SECRET" });

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		ConfigurableEnvironment environment = event.getEnvironment();
		if (!environment.acceptsProfiles(Profiles.of("prod"))) {
			return;
		}
		List<String> missing = REQUIRED.stream()
			.filter((setting) -> environment.getProperty(setting[0], "").isBlank())
			.map((setting) -> setting[0] + " (" + setting[1] + ")")
			.toList();
		if (!missing.isEmpty()) {
			throw new IllegalStateException("The production profile does not start without these settings: "
					+ String.join(", ", missing) + ". Nothing is generated or assumed in production.");
		}
	}

}
