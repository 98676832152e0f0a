package cn.ankang.bangfu.security.jurisdiction;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.security.CurrentUser;
import cn.ankang.bangfu.security.Role;
import cn.ankang.bangfu.security.RoleGrant;

/**
 * The part of the programme's records a user may see: households and visits in whole
 * cities, counties or towns, in the villages where the user's cadre is posted today, and
 * the visits of the user's own cadre or of a managed unit's cadres. The same scope is
 * written into each transaction for PostgreSQL's row-level security, and turned into SQL
 * predicates for the application's own filter; either alone keeps rows out.
 *
 * @param all whether every village is in scope
 * @param cityKeys cities in scope
 * @param countyKeys counties in scope
 * @param townKeys towns in scope
 * @param cadreKey the user's cadre, whose postings in force on {@code today} and own
 * visits are in scope
 * @param unitKeys units whose cadres' visits are in scope
 * @param today the day postings are judged on
 */
public record Scope(boolean all, List<Long> cityKeys, List<Long> countyKeys, List<Long> townKeys,
		@Nullable Long cadreKey, List<Long> unitKeys, LocalDate today) {

	/** Nothing in scope: an anonymous request, or a user without roles. */
	public static Scope none(LocalDate today) {
		return new Scope(false, List.of(), List.of(), List.of(), null, List.of(), today);
	}

	/**
	 * The scope of a user's roles. Admins and developers see every village's households,
	 * with personal data masked; unit managers see no households, only their cadres'
	 * visits.
	 */
	static Scope of(CurrentUser user, LocalDate today) {
		boolean all = user.has(Role.ADMIN) || user.has(Role.DEVELOPER);
		Long cadre = (user.has(Role.FIRST_SECRETARY) || user.has(Role.TEAM_MEMBER)) ? user.cadreKey() : null;
		return new Scope(all, keys(user, Role.CITY_LEADER, RoleGrant::cityKey),
				keys(user, Role.COUNTY_OFFICER, RoleGrant::countyKey),
				keys(user, Role.TOWN_OFFICER, RoleGrant::townKey), cadre,
				keys(user, Role.UNIT_MANAGER, RoleGrant::unitKey), today);
	}

	/**
	 * A predicate that holds for rows whose village (the column given) is in scope. Bind
	 * {@link #parameters()}.
	 */
	public String villagePredicate(String villageColumn) {
		// one sub-select per kind of grant, each read by index from the areas named: on
		// a generic plan, one that joined every village to its town and county and then
		// tested the grants row by row read the whole province for each statement. The
		// grants beyond a city's are those of responsibility. A city's towns and villages
		// are found from its counties by index (the "offset 0" keeps each lateral
		// sub-select a loop of its own): on a generic plan the planner cannot tell how
		// many cities are asked and joined every village of the data set by hash, 6.8 ms
		// a statement for a city leader at 10× and growing with it, against 1 ms.
		return """
				(:scope_all
				 or %1$s in (select sv.id from county sc
				             cross join lateral (select st.id from town st where st.county_id = sc.id offset 0) st
				             cross join lateral (select sv.id from village sv where sv.town_id = st.id offset 0) sv
				             where sc.city_id = any(string_to_array(:scope_cities, ',')::bigint[]))
				 or %2$s)""".formatted(villageColumn, responsiblePredicate(villageColumn));
	}

	/**
	 * A predicate that holds for rows whose village the user is responsible for: the
	 * villages of the user's postings, and the user's towns and counties. City leaders,
	 * admins and developers see households, but not their personal data. Bind
	 * {@link #parameters()}.
	 */
	public String responsiblePredicate(String villageColumn) {
		return """
				(%1$s in (select rv.id from village rv
				          where rv.town_id = any(string_to_array(:scope_towns, ',')::bigint[]))
				 or %1$s in (select rv.id from town rt
				             cross join lateral (select rv.id from village rv where rv.town_id = rt.id offset 0) rv
				             where rt.county_id = any(string_to_array(:scope_counties, ',')::bigint[]))
				 or %1$s in (select rp.village_id from posting rp
				             where rp.cadre_id = cast(:scope_cadre as bigint) and rp.started_on <= :scope_today
				               and (rp.ended_on is null or rp.ended_on >= :scope_today)))""".formatted(villageColumn);
	}

	/**
	 * A predicate for rows tied to a county and, when more local, a town and a village
	 * (projects): the county, town or village is in scope. Bind {@link #parameters()}.
	 */
	public String areaPredicate(String countyColumn, String townColumn, String villageColumn) {
		return """
				(:scope_all
				 or %1$s in (select ac.id from county ac
				             where ac.city_id = any(string_to_array(:scope_cities, ',')::bigint[])
				                or ac.id = any(string_to_array(:scope_counties, ',')::bigint[]))
				 or %2$s = any(string_to_array(:scope_towns, ',')::bigint[])
				 or %3$s in (select ap.village_id from posting ap
				             where ap.cadre_id = cast(:scope_cadre as bigint) and ap.started_on <= :scope_today
				               and (ap.ended_on is null or ap.ended_on >= :scope_today)))""".formatted(countyColumn,
				townColumn, villageColumn);
	}

	/**
	 * A predicate for rows placed by village or, without one, by town or county alone
	 * (tasks, department warnings): in scope where the village is; without a village,
	 * where the town or county lies whole in the user's cities, counties or towns. Bind
	 * {@link #parameters()}.
	 */
	public String placePredicate(String villageColumn, String townColumn, String countyColumn) {
		return """
				(%1$s
				 or (%2$s is null
				     and (%3$s = any(string_to_array(:scope_towns, ',')::bigint[])
				          or %3$s in (select pt.id from town pt
				                      where pt.county_id = any(string_to_array(:scope_counties, ',')::bigint[]))
				          or %3$s in (select pt.id from county pc
				                      cross join lateral (select pt.id from town pt where pt.county_id = pc.id offset 0) pt
				                      where pc.city_id = any(string_to_array(:scope_cities, ',')::bigint[]))
				          or %4$s in (select pc.id from county pc
				                      where pc.city_id = any(string_to_array(:scope_cities, ',')::bigint[])
				                         or pc.id = any(string_to_array(:scope_counties, ',')::bigint[])))))"""
			.formatted(villagePredicate(villageColumn), villageColumn, townColumn, countyColumn);
	}

	/**
	 * A predicate for visits: in a village in scope, or made by the user's own cadre or a
	 * managed unit's cadres.
	 */
	public String visitPredicate(String villageColumn, String cadreColumn) {
		return """
				(%1$s
				 or %2$s = cast(:scope_cadre as bigint)
				 or %2$s in (select sk.id from cadre sk where sk.dispatching_unit_id = any(string_to_array(:scope_units, ',')::bigint[])))"""
			.formatted(villagePredicate(villageColumn), cadreColumn);
	}

	/**
	 * Like {@link #villagePredicate}, written so that an index on the column serves it:
	 * the villages in scope are computed once (an init plan) and the rows found by
	 * {@code = any(...)}, instead of each row being tested against the scope. For figures
	 * over large tables. Bind {@link #parameters()}.
	 */
	public String villageIndexPredicate(String villageColumn) {
		return this.all ? "true" : "%s = any(array(select iv.id from village iv where %s))".formatted(villageColumn,
				villagePredicate("iv.id"));
	}

	/**
	 * Like {@link #visitPredicate}, written so that an index serves it where the scope is
	 * villages alone. Bind {@link #parameters()}.
	 */
	public String visitIndexPredicate(String villageColumn, String cadreColumn) {
		if (this.all) {
			return "true";
		}
		List<String> parts = new java.util.ArrayList<>(List.of(villageIndexPredicate(villageColumn)));
		if (this.cadreKey != null) {
			parts.add("%s = cast(:scope_cadre as bigint)".formatted(cadreColumn));
		}
		if (!this.unitKeys.isEmpty()) {
			parts.add(
					"%s in (select uk.id from cadre uk where uk.dispatching_unit_id = any(string_to_array(:scope_units, ',')::bigint[]))"
						.formatted(cadreColumn));
		}
		return "(" + String.join(" or ", parts) + ")";
	}

	/** The named parameters the predicates use. */
	public Map<String, @Nullable Object> parameters() {
		Map<String, @Nullable Object> parameters = new HashMap<>();
		parameters.put("scope_all", this.all);
		parameters.put("scope_cities", joined(this.cityKeys));
		parameters.put("scope_counties", joined(this.countyKeys));
		parameters.put("scope_towns", joined(this.townKeys));
		parameters.put("scope_cadre", this.cadreKey);
		parameters.put("scope_units", joined(this.unitKeys));
		parameters.put("scope_today", this.today);
		return parameters;
	}

	static String joined(List<Long> keys) {
		return keys.stream().map(String::valueOf).collect(Collectors.joining(","));
	}

	private static List<Long> keys(CurrentUser user, Role role, java.util.function.Function<RoleGrant, Long> key) {
		return user.grants().stream().filter((grant) -> grant.role() == role).map(key).toList();
	}

}
