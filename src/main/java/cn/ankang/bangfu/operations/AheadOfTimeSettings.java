package cn.ankang.bangfu.operations;

import java.util.ArrayList;
import java.util.List;

import org.springframework.aot.AotDetector;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * A start on the code Spring AOT generated ({@code -Dspring.aot.enabled=true}, a jar
 * built with {@code -Paot}) refuses the settings that would have made other beans than
 * the ones fixed when the jar was built, and says which, instead of starting a service
 * that silently does something else: under AOT a setting that decides whether a bean
 * exists is read at build time, not at start. The {@code aot} profile of {@code pom.xml}
 * builds for a PostgreSQL server of your own ({@code spring.datasource.url}), no read
 * replica, and the actuator on the service's port. Anything else starts without
 * {@code -Dspring.aot.enabled=true}, as usual. Registered in
 * {@code META-INF/spring.factories}: it must run before the application context exists.
 */
public class AheadOfTimeSettings implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		if (!AotDetector.useGeneratedArtifacts()) {
			return;
		}
		List<String> problems = problems(event.getEnvironment());
		if (!problems.isEmpty()) {
			throw new IllegalStateException("This jar's ahead-of-time code (-Dspring.aot.enabled=true) was built for "
					+ "a PostgreSQL server of your own, no read replica and the actuator on the service's port, but "
					+ String.join("; ", problems) + ". Start without -Dspring.aot.enabled=true.");
		}
	}

	static List<String> problems(ConfigurableEnvironment environment) {
		List<String> problems = new ArrayList<>();
		if (environment.getProperty("spring.datasource.url", "").isBlank()) {
			problems.add("spring.datasource.url (SPRING_DATASOURCE_URL) is not set, which asks for the embedded "
					+ "PostgreSQL");
		}
		if (!environment.getProperty("bangfu.datasource.replica.url", "").isBlank()) {
			problems.add("bangfu.datasource.replica.url asks for a read replica");
		}
		String management = environment.getProperty("management.server.port", "");
		if (!management.isBlank() && !management.equals(environment.getProperty("server.port", "8080"))) {
			problems
				.add("management.server.port asks for the actuator on a port of its own (the prod profile " + "does)");
		}
		return problems;
	}

}
