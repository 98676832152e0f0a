package cn.ankang.bangfu.security.limits;

import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The token buckets of every rate limit, kept in PostgreSQL ({@code rate_limit_bucket})
 * so that all instances of the service count against the same ones. A bucket is read and
 * written under a lock on its row ({@code select ... for update}), in a transaction of
 * its own, as {@code bangfu_app} ({@link AppRoleConnections}): the limit is counted even
 * when the request it guards fails.
 */
class RateLimits implements TokenBuckets {

	private static final Logger logger = LoggerFactory.getLogger(RateLimits.class);

	private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	RateLimits(DataSource dataSource) {
		DataSource connections = new AppRoleConnections(pool(dataSource));
		this.jdbc = JdbcClient.create(connections);
		this.transactions = new TransactionTemplate(new DataSourceTransactionManager(connections));
		this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(connections)
			.primaryKeyMapper(PrimaryKeyMapper.STRING)
			.table("rate_limit_bucket")
			.idColumn("id")
			.stateColumn("state")
			.expiresAtColumn("expires_at")
			// a bucket that would be full again holds nothing worth keeping
			.expirationAfterWrite(
					ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
			.build();
	}

	/**
	 * A bucket's wait in whole seconds, rounded up and at least one: what Retry-After
	 * says.
	 */
	static long secondsToWait(long nanos) {
		return Math.max(1, java.util.concurrent.TimeUnit.NANOSECONDS
			.toSeconds(nanos + java.util.concurrent.TimeUnit.SECONDS.toNanos(1) - 1));
	}

	@Override
	public Bucket bucket(String key, Supplier<BucketConfiguration> configuration) {
		return this.buckets.builder().build(key, configuration);
	}

	/**
	 * Removes the buckets that are full again, a thousand at a time, as Bucket4j's own
	 * sweep would (its expiry is in epoch milliseconds), but in a transaction: Bucket4j's
	 * runs its delete outside one, where the service's login may not.
	 */
	@Scheduled(initialDelayString = "PT1M", fixedDelayString = "${bangfu.rate-limit.cleanup-interval:PT10M}")
	int removeExpired() {
		int removed = 0;
		int batch;
		do {
			batch = this.transactions.execute((status) -> this.jdbc.sql("""
					delete from rate_limit_bucket
					where id in (select id from rate_limit_bucket where expires_at < :now
					             limit 1000 for update skip locked)""")
				.param("now", System.currentTimeMillis())
				.update());
			removed += batch;
		}
		while (batch == 1000);
		if (removed > 0) {
			logger.debug("Removed {} full rate-limit buckets", removed);
		}
		return removed;
	}

	/**
	 * The pool under the statement-counting proxies: a limit's bookkeeping is not work
	 * the request asked for, and must not show in its statement count.
	 */
	private static DataSource pool(DataSource dataSource) {
		try {
			return dataSource.isWrapperFor(com.zaxxer.hikari.HikariDataSource.class)
					? dataSource.unwrap(com.zaxxer.hikari.HikariDataSource.class) : dataSource;
		}
		catch (SQLException ex) {
			return dataSource;
		}
	}

	/**
	 * The GraphQL rate limit: every user has a bucket of points that refills at a steady
	 * rate; an operation costs what the cost limit counts (a field one, a connection its
	 * fields times its {@code first}). Signed-out requests share one bucket per address.
	 *
	 * @param enabled whether GraphQL operations are limited at all
	 * @param points the bucket's size: the most points spent at once
	 * @param pointsPerSecond how fast a spent bucket fills again
	 */
	@ConfigurationProperties("bangfu.rate-limit")
	record Properties(@DefaultValue("true") boolean enabled, @DefaultValue("50000") long points,
			@DefaultValue("1000") long pointsPerSecond) {
	}

}
