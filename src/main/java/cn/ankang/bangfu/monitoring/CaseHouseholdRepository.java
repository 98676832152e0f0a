package cn.ankang.bangfu.monitoring;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.household.RiskType;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL the workflow runs on a case's household: where it is and whether the user's
 * cadre is posted there, the locks that make its steps, openings and warnings take turns,
 * and the status its case's steps give it.
 */
@Repository
class CaseHouseholdRepository {

	private final JdbcClient jdbc;

	CaseHouseholdRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Whether the cadre is posted in the village on the day. */
	boolean posted(@Nullable Long cadre, long village, LocalDate today) {
		return cadre != null && this.jdbc.sql("""
				select exists (select 1 from posting p
				               where p.cadre_id = :cadre and p.village_id = :village
				                 and p.started_on <= :today and (p.ended_on is null or p.ended_on >= :today))""")
			.param("cadre", cadre)
			.param("village", village)
			.param("today", today)
			.query(Boolean.class)
			.single();
	}

	/**
	 * Where a household is, and whether the cadre is posted there on the day. Locks the
	 * household: steps, openings and warnings for one household take their turns. Like
	 * every lock on a household the workflow takes, {@code for no key update}, which lets
	 * other requests insert visits and measures that name the household (foreign keys
	 * take key-share locks) and changes no key.
	 */
	Optional<Area> areaOf(long household, @Nullable Long cadre, LocalDate today) {
		return this.jdbc.sql("""
				select h.id, h.village_id, v.town_id, t.county_id, h.status,
				       exists (select 1 from posting p
				               where p.cadre_id = cast(:cadre as bigint) and p.village_id = h.village_id
				                 and p.started_on <= :today and (p.ended_on is null or p.ended_on >= :today)) as posted
				from household h join village v on v.id = h.village_id join town t on t.id = v.town_id
				where h.id = :household
				for no key update of h""")
			.param("household", household)
			.param("cadre", cadre)
			.param("today", today)
			.query((rs, n) -> new Area(rs.getLong("id"), rs.getLong("village_id"), rs.getLong("town_id"),
					rs.getLong("county_id"), rs.getBoolean("posted")))
			.optional();
	}

	/**
	 * Locks the households, in key order so that two batches never wait on each other in
	 * a circle.
	 */
	void lockHouseholds(Collection<Long> households) {
		this.jdbc.sql("select id from household where id = any(:ids) order by id for no key update")
			.param("ids", households.toArray(Long[]::new))
			.query(Long.class)
			.list();
	}

	/**
	 * A household found and verified not to be monitored: one known only from its
	 * inclusion is not included; one monitored before stays as it was.
	 */
	void dismissHousehold(long household) {
		this.jdbc
			.sql("update household set status = 'NOT_INCLUDED', version = version + 1 "
					+ "where id = :household and status = 'IDENTIFIED'")
			.param("household", household)
			.update();
	}

	/**
	 * Brings the household's own status in line with a confirmed case: monitored from the
	 * inclusion, eliminated from the elimination.
	 */
	void confirmHousehold(long household, long caseKey, CaseState state, LocalDate on, List<RiskType> risks) {
		this.jdbc
			.sql("""
					update household
					set status = case when :eliminated then 'RISK_ELIMINATED' else 'MONITORING' end,
					    risk_eliminated_on = case when :eliminated then :on end,
					    identified_on = least(identified_on, :on),
					    risk_types = array(select distinct r from unnest(risk_types || cast(:risks as text[])) r order by r),
					    category = coalesce((select c.category from monitoring_case c where c.id = :case), category),
					    version = version + 1
					where id = :household""")
			.param("household", household)
			.param("case", caseKey)
			.param("eliminated", state == CaseState.RISK_ELIMINATED)
			.param("on", on)
			.param("risks", risks.stream().map(Enum::name).toArray(String[]::new))
			.update();
	}

	/**
	 * Where a household lives and whether the user's cadre is posted there.
	 *
	 * @param household the household
	 * @param village its village
	 * @param town the village's town
	 * @param county the town's county
	 * @param posted whether the user's cadre is posted in the village today
	 */
	record Area(long household, long village, long town, long county, boolean posted) {
	}

}
