package cn.ankang.bangfu.leader;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.values.Rows;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of leaders and their liaisons.
 */
@Repository
class LeaderRepository {

	private static final RowMapper<Leader> LEADER = (rs, n) -> new Leader(rs.getLong("id"), rs.getString("name"),
			rs.getString("title"), rs.getInt("version"));

	private static final RowMapper<LeaderLiaison> LIAISON = (rs, n) -> new LeaderLiaison(rs.getLong("id"),
			rs.getLong("leader_id"), rs.getLong("county_id"), Rows.longOrNull(rs, "village_id"),
			Rows.date(rs, "started_on"), Rows.dateOrNull(rs, "ended_on"), rs.getInt("version"));

	private final JdbcClient jdbc;

	LeaderRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<LeaderLiaison> liaisons(@Nullable String countyCode, @Nullable LocalDate activeOn) {
		return this.jdbc.sql("""
				select l.* from leader_liaison l
				join county c on c.id = l.county_id
				where (cast(:countyCode as text) is null or c.code = :countyCode)
				  and (cast(:activeOn as date) is null
				       or (l.started_on <= :activeOn and (l.ended_on is null or l.ended_on >= :activeOn)))
				order by c.code, l.id
				""").param("countyCode", countyCode).param("activeOn", activeOn).query(LIAISON).list();
	}

	List<LeaderLiaison> liaisonsByKeys(Collection<Long> keys) {
		return this.jdbc.sql("select * from leader_liaison where id in (:keys)")
			.param("keys", keys)
			.query(LIAISON)
			.list();
	}

	List<LeaderLiaison> liaisonsOfLeaders(Collection<Long> leaderKeys) {
		return this.jdbc.sql("select * from leader_liaison where leader_id in (:keys) order by started_on, id")
			.param("keys", leaderKeys)
			.query(LIAISON)
			.list();
	}

	List<LeaderLiaison> liaisonsOfCounties(Collection<Long> countyKeys) {
		return this.jdbc.sql("select * from leader_liaison where county_id in (:keys) order by started_on, id")
			.param("keys", countyKeys)
			.query(LIAISON)
			.list();
	}

	List<Leader> leadersByKeys(Collection<Long> keys) {
		return this.jdbc.sql("select * from leader where id in (:keys)").param("keys", keys).query(LEADER).list();
	}

	long insertLeader(String name, String title) {
		return this.jdbc.sql("insert into leader (name, title) values (:name, :title) returning id")
			.param("name", name)
			.param("title", title)
			.query(Long.class)
			.single();
	}

	/** Whether the leader liaises with the county on any day from {@code from} on. */
	boolean liaisesFrom(long leaderKey, long countyKey, LocalDate from) {
		return this.jdbc
			.sql("""
					select exists (select 1 from leader_liaison
					               where leader_id = :leader and county_id = :county and (ended_on is null or ended_on >= :from))""")
			.param("leader", leaderKey)
			.param("county", countyKey)
			.param("from", from)
			.query(Boolean.class)
			.single();
	}

	long insertLiaison(long leaderKey, long countyKey, @Nullable Long villageKey, LocalDate startedOn) {
		return this.jdbc.sql("""
				insert into leader_liaison (leader_id, county_id, village_id, started_on)
				values (:leader, :county, :village, :started) returning id""")
			.param("leader", leaderKey)
			.param("county", countyKey)
			.param("village", villageKey)
			.param("started", startedOn)
			.query(Long.class)
			.single();
	}

	/** Ends the liaison if it is still at the version; whether it was. */
	boolean endLiaison(long key, int baseVersion, LocalDate endedOn) {
		return this.jdbc.sql("""
				update leader_liaison set ended_on = :ended, version = version + 1
				where id = :key and version = :base""")
			.param("key", key)
			.param("base", baseVersion)
			.param("ended", endedOn)
			.update() == 1;
	}

}
