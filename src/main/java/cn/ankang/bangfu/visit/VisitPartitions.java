package cn.ankang.bangfu.visit;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cn.ankang.bangfu.security.jurisdiction.ScopedTransactionManager;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the monthly partitions of visits (V16) ahead of the calendar: the months from the
 * last one to {@value #MONTHS_AHEAD} ahead, and the month of every visit that waits in a
 * partition of the time outside the months (V40) because its month had none when it
 * arrived. Runs at start and then daily, through functions that run as the owner (V25); a
 * missed run costs nothing but a visit waiting outside its month a little longer.
 */
@Component
class VisitPartitions {

	static final int MONTHS_AHEAD = 3;

	private static final Logger log = LoggerFactory.getLogger(VisitPartitions.class);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	VisitPartitions(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.transactions = ScopedTransactionManager.upkeep(transactionManager);
	}

	@Scheduled(initialDelayString = "PT0S", fixedDelayString = "${bangfu.visit-partitions.interval:P1D}")
	void scheduled() {
		try {
			maintain(LocalDate.now(ZoneOffset.UTC));
		}
		catch (RuntimeException ex) {
			// visits still land in the partitions outside the months: nothing is refused
			// meanwhile (a month's partition is cut out under a lock that gives up after
			// 2 s)
			log.warn("Could not create the months' partitions of visits; the next run tries again", ex);
		}
	}

	/**
	 * Creates the partitions that are missing as of {@code today}.
	 * @return how many it created
	 */
	int maintain(LocalDate today) {
		Integer created = this.transactions.execute((status) -> {
			TreeSet<LocalDate> months = new TreeSet<>(
					this.jdbc.sql("select visit_months_waiting()").query(LocalDate.class).list());
			LocalDate month = today.withDayOfMonth(1);
			// last month too: phones offline at the turn of a month send its visits late
			for (int i = -1; i <= MONTHS_AHEAD; i++) {
				months.add(month.plusMonths(i));
			}
			int count = 0;
			// one month a call: each cuts its month out of the partition around it
			for (LocalDate each : List.copyOf(months)) {
				count += this.jdbc.sql("select visit_partitions_cover(:month, :month)")
					.param("month", each)
					.query(Integer.class)
					.single();
			}
			return count;
		});
		if (created != null && created > 0) {
			log.info("Created {} monthly partitions of visits.", created);
		}
		return (created != null) ? created : 0;
	}

}
