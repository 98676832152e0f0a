package cn.ankang.bangfu.database;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cn.ankang.bangfu.security.jurisdiction.ScopedTransactionManager;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes the time into {@code replica_heartbeat} on the primary while a read replica is
 * configured (V38), so that figures read on the replica can say how current they are: a
 * replica that shows a beat has replayed every record committed before it, however quiet
 * the programme is. Every instance beats; the last write wins, and any of them is true. A
 * beat that fails (the primary down) is retried at the next one; the replica's figures
 * then keep the last beat they saw as their {@code asOf}, which stays true.
 */
class ReplicaHeartbeat {

	private static final Logger log = LoggerFactory.getLogger(ReplicaHeartbeat.class);

	private final JdbcClient primary;

	private final TransactionTemplate transactions;

	private volatile boolean failing;

	ReplicaHeartbeat(JdbcClient primary, PlatformTransactionManager transactionManager) {
		this.primary = primary;
		this.transactions = ScopedTransactionManager.upkeep(transactionManager);
	}

	@Scheduled(initialDelayString = "PT0S", fixedDelayString = "${bangfu.datasource.replica.heartbeat-interval:PT1S}")
	void beat() {
		try {
			this.transactions.executeWithoutResult(
					(status) -> this.primary.sql("update replica_heartbeat set beat_at = clock_timestamp()").update());
			if (this.failing) {
				log.info("The replica's heartbeat is written again.");
				this.failing = false;
			}
		}
		catch (DataAccessException ex) {
			// once per outage, not once a second
			if (!this.failing) {
				log.warn("Could not write the replica's heartbeat; figures read on the replica keep the last one "
						+ "as their asOf until it is written again: {}", ex.getMessage());
				this.failing = true;
			}
		}
	}

}
