package cn.ankang.bangfu.leader;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.shared.Rows;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of leaders and their liaisons.
 */
@Repository
class LeaderRepository {

	private static final RowMapper<Leader> LEADER = (rs, n) -> new Leader(rs.getLong("id"), rs.getString("name"),
			rs.getString("title"));

	private static final RowMapper<LeaderLiaison> LIAISON = (rs, n) -> new LeaderLiaison(rs.getLong("id"),
			rs.getLong("leader_id"), rs.getLong("county_id"), Rows.longOrNull(rs, "village_id"),
			Rows.date(rs, "started_on"), Rows.dateOrNull(rs, "ended_on"));

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

}
