package cn.ankang.bangfu.operations;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cn.ankang.bangfu.security.jurisdiction.ScopedTransactionManager;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The work waiting, as gauges: open tasks per role and how many are overdue
 * ({@code bangfu.tasks.open}, {@code bangfu.tasks.overdue}), photo uploads begun and not
 * finished ({@code bangfu.photos.uploads.pending}) and department warnings no household
 * was found for ({@code bangfu.warnings.unmatched}). Counted across all jurisdictions (as
 * the owner, outside row-level security), at most every ten seconds however often
 * Prometheus asks; a database that does not answer gives no value rather than a failed
 * scrape.
 */
@Component
class WorkloadMetrics implements MeterBinder {

	private static final Logger log = LoggerFactory.getLogger(WorkloadMetrics.class);

	private static final Duration FRESH = Duration.ofSeconds(10);

	private static final List<String> ROLES = List.of("CADRE", "TOWN_OFFICER", "COUNTY_OFFICER", "ADMIN");

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private volatile Map<String, Double> snapshot = Map.of();

	private volatile long takenAt;

	WorkloadMetrics(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.transactions = ScopedTransactionManager.upkeep(transactionManager);
		this.transactions.setReadOnly(true);
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (String role : ROLES) {
			Gauge.builder("bangfu.tasks.open", () -> value("open." + role))
				.description("Open tasks of the monitoring workflow, by the role that acts")
				.tag("role", role)
				.register(registry);
			Gauge.builder("bangfu.tasks.overdue", () -> value("overdue." + role))
				.description("Open tasks past their due date, by the role that acts")
				.tag("role", role)
				.register(registry);
		}
		Gauge.builder("bangfu.photos.uploads.pending", () -> value("photos"))
			.description("Photo uploads begun and not finished")
			.register(registry);
		Gauge.builder("bangfu.warnings.unmatched", () -> value("unmatched"))
			.description("Department warnings waiting to be matched to a household")
			.register(registry);
	}

	private double value(String key) {
		if (System.nanoTime() - this.takenAt > FRESH.toNanos()) {
			this.snapshot = take();
			this.takenAt = System.nanoTime();
		}
		return this.snapshot.getOrDefault(key, Double.NaN);
	}

	private Map<String, Double> take() {
		try {
			return this.transactions.execute((status) -> {
				Map<String, Double> values = new HashMap<>();
				for (String role : ROLES) {
					values.put("open." + role, 0.0);
					values.put("overdue." + role, 0.0);
				}
				this.jdbc.sql("""
						select assignee_role, count(*) as open, count(*) filter (where due_on < current_date) as overdue
						from task where status = 'OPEN' group by assignee_role""").query((rs) -> {
					values.put("open." + rs.getString("assignee_role"), rs.getDouble("open"));
					values.put("overdue." + rs.getString("assignee_role"), rs.getDouble("overdue"));
				});
				values.put("photos",
						this.jdbc.sql("select count(*) from photo_upload where completed_at is null")
							.query(Double.class)
							.single());
				values.put("unmatched",
						this.jdbc.sql("select count(*) from risk_warning where status = 'UNMATCHED'")
							.query(Double.class)
							.single());
				return values;
			});
		}
		catch (RuntimeException ex) {
			log.debug("Could not count the waiting work: {}", ex.getMessage());
			return Map.of();
		}
	}

}
