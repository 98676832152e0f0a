package cn.ankang.bangfu.shared.graphql;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.SchemaReport;

/**
 * Holds the service to its contract: at start-up Spring's schema-mapping inspection
 * checks every field of {@code schema/} against the controllers and records, and the
 * service refuses to start when a field, argument or registration is unmapped or a
 * nullness promise cannot be kept. A schema that lies to clients is a bug found at
 * start-up, not in production.
 */
@Configuration(proxyBeanMethods = false)
public class SchemaContract {

	private final AtomicReference<@Nullable SchemaReport> report = new AtomicReference<>();

	@Bean
	GraphQlSourceBuilderCustomizer schemaContractCheck() {
		return (builder) -> builder.inspectSchemaMappings((report) -> {
			this.report.set(report);
			List<String> problems = problems(report);
			if (!problems.isEmpty()) {
				throw new IllegalStateException("The schema in schema/ and the code disagree: " + problems);
			}
		});
	}

	/** The report of the last inspection, or null before the schema was built. */
	public @Nullable SchemaReport report() {
		return this.report.get();
	}

	/**
	 * What in a report breaks the contract; skipped types (e.g. scalars' own classes) do
	 * not.
	 */
	public static List<String> problems(SchemaReport report) {
		List<String> problems = new ArrayList<>();
		if (!report.unmappedFields().isEmpty()) {
			problems.add("unmapped fields " + report.unmappedFields());
		}
		if (!report.unmappedArguments().isEmpty()) {
			problems.add("unmapped arguments " + report.unmappedArguments());
		}
		if (!report.unmappedRegistrations().isEmpty()) {
			problems.add("unmapped registrations " + report.unmappedRegistrations());
		}
		if (!report.fieldNullnessErrors().isEmpty()) {
			problems.add("field nullness errors " + report.fieldNullnessErrors());
		}
		if (!report.argumentNullnessErrors().isEmpty()) {
			problems.add("argument nullness errors " + report.argumentNullnessErrors());
		}
		return problems;
	}

}
