package cn.ankang.bangfu.security;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Set;

import cn.ankang.bangfu.ApiTestSupport;

/**
 * What the jurisdiction tests share: the villages a user should see, computed in SQL from
 * the grants and postings, independently of the service. It adds no configuration to
 * {@link ApiTestSupport}, so that its tests run in the one cached context (and their
 * row-level-security-only subclasses in one other).
 */
abstract class JurisdictionTestSupport extends ApiTestSupport {

	/**
	 * The villages whose households a user should see, from the grants and postings
	 * alone.
	 */
	Set<Long> visibleVillages(String username) {
		LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
		return new HashSet<>(this.jdbc
			.sql("""
					select v.id from village v join town t on t.id = v.town_id join county c on c.id = t.county_id
					where exists (select 1 from role_grant g join app_user u on u.id = g.user_id
					              where u.username = :u and (g.role in ('ADMIN', 'DEVELOPER') or g.city_id = c.city_id
					                    or g.county_id = c.id or g.town_id = t.id))
					union
					select p.village_id from posting p join app_user u on u.cadre_id = p.cadre_id
					where u.username = :u and p.started_on <= :today and (p.ended_on is null or p.ended_on >= :today)
					  and exists (select 1 from role_grant g where g.user_id = u.id and g.role in ('FIRST_SECRETARY', 'TEAM_MEMBER'))""")
			.param("u", username)
			.param("today", today)
			.query(Long.class)
			.list());
	}

}
