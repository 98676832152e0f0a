package cn.ankang.bangfu.figure;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.security.jurisdiction.Scope;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the lists of who was not visited: the households under monitoring that
 * {@code visitCoverageFigures} counts as not visited, with the same definitions
 * ({@link VisitFigureRepository#MONITORED_HOUSEHOLD},
 * {@link VisitFigureRepository#CURRENT_VISIT}, the area filters), each with its last
 * visit ever; and the villages none of whose such households was visited. Jurisdiction as
 * in the figures, plus row-level security on households and visits.
 */
@Repository
class UnvisitedRepository {

	static final String HOUSEHOLD_LIST = "unvisitedHouseholds";

	static final String VILLAGE_LIST = "unvisitedVillages";

	private final JdbcClient jdbc;

	UnvisitedRepository(@Qualifier(FigureDatabase.JDBC_CLIENT) JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A page of the households not visited since {@code since}, longest unvisited first:
	 * never visited first, then by their last visit, then by key; with how many there are
	 * over all pages, from the same statement.
	 */
	Page<HouseholdRow> households(Scope scope, FigureFilter filter, OffsetDateTime since, @Nullable After after,
			int limit) {
		Unvisited unvisited = Unvisited.of(scope, filter);
		String keyset = (after == null) ? "true"
				: (after.lastVisit() == null) ? "(u.last_visit is not null or u.id > :afterKey)"
						: "(u.last_visit > :afterVisit or (u.last_visit = :afterVisit and u.id > :afterKey))";
		return page(this.jdbc.sql("""
				with u as materialized (%s)
				select c.total, p.* from (select count(*)::int as total from u) c
				left join lateral (
				  select u.id, u.village_id, u.last_visit, uv.code as village_code, uv.name as village_name,
				         ut.name as town_name, uc.name as county_name
				  from u join village uv on uv.id = u.village_id join town ut on ut.id = uv.town_id
				  join county uc on uc.id = ut.county_id
				  where %s
				  order by u.last_visit nulls first, u.id
				  limit :limit) p on true
				order by p.last_visit nulls first, p.id""".formatted(unvisited.households(), keyset))
			.params(unvisited.parameters())
			.param("since", since)
			.param("afterVisit", (after != null) ? after.lastVisit() : null)
			.param("afterKey", (after != null) ? after.key() : null)
			.param("limit", limit)
			.query((rs, n) -> new Counted<>(rs.getInt("total"),
					(rs.getObject("id") == null) ? null : new HouseholdRow(rs.getLong("id"), rs.getLong("village_id"),
							rs.getObject("last_visit", OffsetDateTime.class), rs.getString("village_code"),
							rs.getString("village_name"), rs.getString("town_name"), rs.getString("county_name"))))
			.list());
	}

	/**
	 * A page of the villages with households under monitoring none of which was visited
	 * since {@code since}, longest unvisited first, then by division code; with how many
	 * there are over all pages.
	 */
	Page<VillageRow> villages(Scope scope, FigureFilter filter, OffsetDateTime since, @Nullable After after,
			int limit) {
		Unvisited unvisited = Unvisited.of(scope, filter);
		String keyset = (after == null) ? "true"
				: (after.lastVisit() == null) ? "(u.last_visit is not null or uv.code > :afterCode)"
						: "(u.last_visit > :afterVisit or (u.last_visit = :afterVisit and uv.code > :afterCode))";
		return page(this.jdbc.sql("""
				with u as materialized (%s)
				select c.total, p.* from (select count(*)::int as total from u) c
				left join lateral (
				  select u.village_id, u.households, u.last_visit, uv.code as village_code, uv.name as village_name,
				         ut.name as town_name, uc.name as county_name
				  from u join village uv on uv.id = u.village_id join town ut on ut.id = uv.town_id
				  join county uc on uc.id = ut.county_id
				  where %s
				  order by u.last_visit nulls first, uv.code
				  limit :limit) p on true
				order by p.last_visit nulls first, p.village_code""".formatted(unvisited.villages(), keyset))
			.params(unvisited.parameters())
			.param("since", since)
			.param("afterVisit", (after != null) ? after.lastVisit() : null)
			.param("afterCode", (after != null) ? after.code() : null)
			.param("limit", limit)
			.query((rs, n) -> new Counted<>(rs.getInt("total"), (rs.getObject("village_id") == null) ? null
					: new VillageRow(rs.getLong("village_id"), rs.getInt("households"),
							rs.getObject("last_visit", OffsetDateTime.class), rs.getString("village_code"),
							rs.getString("village_name"), rs.getString("town_name"), rs.getString("county_name"))))
			.list());
	}

	private static <R> Page<R> page(List<Counted<R>> rows) {
		List<R> items = new ArrayList<>(rows.size());
		for (Counted<R> row : rows) {
			if (row.row() != null) {
				items.add(row.row());
			}
		}
		return new Page<>(items, rows.isEmpty() ? 0 : rows.get(0).total());
	}

	/**
	 * The resident cadres in post on {@code on} in these villages, first secretaries
	 * first, then team leaders, then members, by name: their names and posts only.
	 */
	List<CadreRow> cadresInPost(Collection<Long> villageKeys, LocalDate on) {
		if (villageKeys.isEmpty()) {
			return List.of();
		}
		return this.jdbc
			.sql("""
					select po.village_id, k.name, po.role from posting po join cadre k on k.id = po.cadre_id
					where po.village_id in (:villages) and po.started_on <= :on and (po.ended_on is null or po.ended_on >= :on)
					order by po.village_id,
					         case po.role when 'FIRST_SECRETARY' then 0 when 'TEAM_LEADER' then 1 else 2 end, k.name, k.id""")
			.param("villages", villageKeys)
			.param("on", on)
			.query((rs, n) -> new CadreRow(rs.getLong("village_id"), rs.getString("name"), rs.getString("role")))
			.list();
	}

	/**
	 * What the lists select from: the households under monitoring in the asker's
	 * jurisdiction and the areas asked, each with its last visit ({@code last_visit},
	 * null when never).
	 */
	private record Unvisited(String monitored, Map<String, @Nullable Object> parameters) {

		static Unvisited of(Scope scope, FigureFilter filter) {
			FigureQuery areas = FigureSql.villageAreas(FigureQuery.of("", ""), filter, "h.village_id");
			Map<String, @Nullable Object> parameters = new HashMap<>(areas.parameters());
			parameters.putAll(scope.parameters());
			// each household's last visit from one pass over the visits the asker may see
			// (the row-level security on visits, written so that the village index serves
			// it), not from a probe of every monthly partition per household: ten times
			// faster over the demo city
			return new Unvisited("""
					select h.id, h.village_id, lv.last_visit
					from household h
					left join (select vi.household_id, max(vi.occurred_at) as last_visit from visit vi
					           where vi.household_id is not null and %s and %s
					           group by vi.household_id) lv on lv.household_id = h.id
					where %s and %s and %s""".formatted(VisitFigureRepository.CURRENT_VISIT,
					scope.visitIndexPredicate("vi.village_id", "vi.cadre_id"),
					VisitFigureRepository.MONITORED_HOUSEHOLD, scope.villageIndexPredicate("h.village_id"),
					areas.conditions()), parameters);
		}

		/** The households under monitoring not visited in the window. */
		String households() {
			return this.monitored + "\n  and (lv.last_visit is null or lv.last_visit < :since)";
		}

		/**
		 * The villages with households under monitoring none of which was visited in the
		 * window: their last visits, the latest of them, fell before it, or none was ever
		 * visited.
		 */
		String villages() {
			return """
					select m.village_id, count(*)::int as households, max(m.last_visit) as last_visit
					from (%s) m
					group by m.village_id
					having max(m.last_visit) is null or max(m.last_visit) < :since""".formatted(this.monitored);
		}

	}

	/**
	 * Where a page starts: after the item with this last visit (null: never visited) and
	 * key (a household's) or division code (a village's).
	 */
	record After(@Nullable OffsetDateTime lastVisit, long key, String code) {
	}

	record HouseholdRow(long householdKey, long villageKey, @Nullable OffsetDateTime lastVisit, String villageCode,
			String villageName, String townName, String countyName) {
	}

	record VillageRow(long villageKey, int households, @Nullable OffsetDateTime lastVisit, String villageCode,
			String villageName, String townName, String countyName) {
	}

	record CadreRow(long villageKey, String name, String role) {
	}

	/** A page's rows and how many rows there are over all pages. */
	record Page<R>(List<R> rows, int total) {
	}

	/** A row of a page (null when the page is empty) with the count over all pages. */
	private record Counted<R>(int total, @Nullable R row) {
	}

}
