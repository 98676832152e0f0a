package cn.ankang.bangfu.figure;

import java.time.Clock;
import java.time.OffsetDateTime;

import cn.ankang.bangfu.database.ReadReplica;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The moment the figures a transaction reads are current to, their {@code asOf}: every
 * record saved before it is counted. On the primary that is when the question is asked,
 * taken before the figures' snapshot. On a read replica it is the later of the last
 * heartbeat the replica has replayed (V38, written every second on the primary) and the
 * last transaction it replayed: a replica that lags, or has lost its primary, says so by
 * an older {@code asOf} instead of passing stale figures off as current. Costs one small
 * statement per figure query, on the replica only.
 */
@Component
class FigureFreshness {

	private final Clock clock;

	private final JdbcClient figures;

	private final boolean onReplica;

	FigureFreshness(Clock clock, @Qualifier(FigureDatabase.JDBC_CLIENT) JdbcClient figures, Environment environment) {
		this.clock = clock;
		this.figures = figures;
		this.onReplica = ReadReplica.configured(environment);
	}

	/** Within the figures' transaction, before their statements. */
	OffsetDateTime currentTo() {
		OffsetDateTime now = OffsetDateTime.now(this.clock);
		if (!this.onReplica) {
			return now;
		}
		// a "replica" that is no standby (pointed at the primary) is as current as it
		return this.figures.sql("""
				select case when pg_is_in_recovery()
				            then greatest((select beat_at from replica_heartbeat), pg_last_xact_replay_timestamp())
				       end""")
			.query(OffsetDateTime.class)
			.optional()
			.map((replayed) -> replayed.atZoneSameInstant(this.clock.getZone()).toOffsetDateTime())
			.orElse(now);
	}

}
