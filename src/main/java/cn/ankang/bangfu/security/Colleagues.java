package cn.ankang.bangfu.security;

import cn.ankang.bangfu.security.jurisdiction.Scope;
import cn.ankang.bangfu.security.jurisdiction.Jurisdiction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.ankang.bangfu.shared.errors.ApiException;
import cn.ankang.bangfu.shared.relay.GlobalId;
import cn.ankang.bangfu.shared.values.Labels;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * People to share a view with: accounts whose roles lie within the asker's jurisdiction,
 * found by name, each with their posts and nothing more (no username, phone or ID
 * number), so that a leader can name a colleague without reading the list of accounts,
 * which is for admins.
 */
@Service
class Colleagues {

	static final int DEFAULT_FIRST = 20;

	static final int MAX_FIRST = 50;

	private final JdbcClient jdbc;

	private final Jurisdiction jurisdiction;

	Colleagues(JdbcClient jdbc, Jurisdiction jurisdiction) {
		this.jdbc = jdbc;
		this.jurisdiction = jurisdiction;
	}

	@Transactional(readOnly = true)
	List<Colleague> find(String search, @org.jspecify.annotations.Nullable Integer first) {
		CurrentUser user = Auth.require();
		String text = search.strip();
		if (text.isEmpty() || text.length() > 50) {
			throw ApiException.invalidArgument("Search with 1 to 50 characters of a name.");
		}
		int limit = (first != null) ? first : DEFAULT_FIRST;
		if (limit < 1 || limit > MAX_FIRST) {
			throw ApiException.invalidArgument("'first' is 1 to %d, but was %d.".formatted(MAX_FIRST, limit));
		}
		Scope scope = this.jurisdiction.forQueries();
		// a grant is within the jurisdiction where its area is; a cadre's where a posting
		// in force is; a unit's manager for the unit's own manager and city leaders
		List<Map<String, Object>> rows = this.jdbc
			.sql("""
					with found as (
					    select u.id, u.display_name from app_user u
					    where u.enabled and u.id <> :me
					      and strpos(lower(u.display_name), lower(:search)) > 0
					      and (:scope_all
					           or exists (select from role_grant g
					                      where g.user_id = u.id
					                        and (g.city_id = any(string_to_array(:scope_cities, ',')::bigint[])
					                             or g.county_id in (select c.id from county c
					                                                where c.city_id = any(string_to_array(:scope_cities, ',')::bigint[])
					                                                   or c.id = any(string_to_array(:scope_counties, ',')::bigint[]))
					                             or g.town_id in (select t.id from town t join county c on c.id = t.county_id
					                                              where c.city_id = any(string_to_array(:scope_cities, ',')::bigint[])
					                                                 or c.id = any(string_to_array(:scope_counties, ',')::bigint[])
					                                                 or t.id = any(string_to_array(:scope_towns, ',')::bigint[]))
					                             or (g.unit_id is not null
					                                 and (g.unit_id = any(string_to_array(:scope_units, ',')::bigint[])
					                                      or cardinality(string_to_array(:scope_cities, ',')) > 0))))
					           or u.cadre_id in (select p.cadre_id from posting p
					                             where p.started_on <= :scope_today
					                               and (p.ended_on is null or p.ended_on >= :scope_today)
					                               and %s))
					    order by u.display_name, u.id
					    limit :limit)
					select f.id, f.display_name, g.role,
					       coalesce(ci.name, co.name, tc.name || t.name, au.name,
					                (select string_agg(pc.name || pt.name || pv.name, '、' order by pv.code)
					                 from app_user pu join posting pp on pp.cadre_id = pu.cadre_id
					                 join village pv on pv.id = pp.village_id join town pt on pt.id = pv.town_id
					                 join county pc on pc.id = pt.county_id
					                 where pu.id = f.id and pp.started_on <= :scope_today
					                   and (pp.ended_on is null or pp.ended_on >= :scope_today)), '') as area
					from found f left join role_grant g on g.user_id = f.id
					left join city ci on ci.id = g.city_id left join county co on co.id = g.county_id
					left join town t on t.id = g.town_id left join county tc on tc.id = t.county_id
					left join assistance_unit au on au.id = g.unit_id
					order by f.display_name, f.id, g.role"""
				.formatted(scope.villagePredicate("p.village_id")))
			.params(scope.parameters())
			.param("me", user.userKey())
			.param("search", text)
			.param("limit", limit)
			.query()
			.listOfRows();
		Map<Long, Colleague> colleagues = new LinkedHashMap<>();
		for (Map<String, Object> row : rows) {
			long key = ((Number) row.get("id")).longValue();
			Colleague colleague = colleagues.computeIfAbsent(key,
					(k) -> new Colleague(GlobalId.of("User", k), (String) row.get("display_name"), new ArrayList<>()));
			if (row.get("role") != null) {
				String area = (String) row.get("area");
				String role = Labels.of("role", (String) row.get("role"));
				colleague.posts().add(area.isEmpty() ? role : area + " " + role);
			}
		}
		return List.copyOf(colleagues.values());
	}

	/**
	 * Someone a view can be shared with.
	 *
	 * @param id their account's global id
	 * @param displayName the name shown to people
	 * @param posts their roles, each with its area or unit (汉滨区 县级干部)
	 */
	record Colleague(String id, String displayName, List<String> posts) {
	}

}
