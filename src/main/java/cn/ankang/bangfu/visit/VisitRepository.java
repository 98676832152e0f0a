package cn.ankang.bangfu.visit;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.household.RiskType;
import cn.ankang.bangfu.security.jurisdiction.Scope;
import cn.ankang.bangfu.shared.relay.ChildPages;
import cn.ankang.bangfu.shared.relay.PageRequest;
import cn.ankang.bangfu.shared.values.Rows;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of visits. Visits are listed newest first; the keyset is (occurred_at, id),
 * both descending.
 */
@Repository
class VisitRepository {

	static final String VISIT_LIST = "visits";

	private static final RowMapper<Visit> VISIT = (rs, n) -> new Visit(rs.getObject("id", UUID.class),
			rs.getLong("cadre_id"), rs.getLong("village_id"), Rows.longOrNull(rs, "household_id"),
			Rows.enumOf(rs, "kind", Visit.Kind.class), Rows.timestamp(rs, "occurred_at"), rs.getString("notes"),
			new Visit.Findings(Rows.booleanOrNull(rs, "schooling_secure"),
					Rows.booleanOrNull(rs, "medical_care_secure"), Rows.booleanOrNull(rs, "housing_safe"),
					Rows.booleanOrNull(rs, "drinking_water_safe"),
					Rows.enumOrNull(rs, "income_change", Visit.IncomeChange.class),
					Rows.enumList(rs, "new_risk_types", RiskType.class)),
			rs.getBoolean("personal_visible"), fromPhone(rs), rs.getInt("version"),
			rs.getObject("first_version_id", UUID.class), rs.getObject("replaced_by", UUID.class),
			Rows.textList(rs, "photo_sha256s"));

	private static final String VISIT_FILTER = """
			from visit v
			where (cast(:countyCode as text) is null or v.village_id in (
			        select vi.id from village vi join town t on t.id = vi.town_id join county c on c.id = t.county_id
			        where c.code = :countyCode))
			  and (cast(:townCode as text) is null or v.village_id in (
			        select vi.id from village vi join town t on t.id = vi.town_id where t.code = :townCode))
			  and (cast(:villageCode as text) is null or v.village_id = (select id from village where code = :villageCode))
			  and (cast(:cadre as bigint) is null or v.cadre_id = :cadre)
			  and (cast(:household as bigint) is null or v.household_id = :household)
			  and (cast(:kind as text) is null or v.kind = :kind)
			  and (cast(:from as timestamptz) is null or v.occurred_at >= :from)
			  and (cast(:before as timestamptz) is null or v.occurred_at < :before)
			  and v.replaced_by is null
			  and %s
			""";

	private static final String AFTER = "(v.occurred_at, v.id) < (:afterAt, :afterId)";

	/** How many of each household's newest visits {@code visit_newest} keeps (V41). */
	static final int NEWEST_KEPT = 4;

	/**
	 * Households' first pages of visits from the copies of their newest that
	 * {@code visit_newest} keeps: one index, where reading {@code visit} newest first
	 * walks back through every month for a household visited less often than the page
	 * asks. The same rows: a household's visits all carry its village (the foreign key on
	 * household and village), so whoever sees the household sees every visit of it, and
	 * its newest of all are its newest in scope.
	 */
	private static final String NEWEST_OF_HOUSEHOLDS = """
			select v.*, v.household_id as page_parent
			from (select v.*,
			             row_number() over (partition by v.household_id order by v.occurred_at desc, v.id desc) as place
			      from visit_newest v
			      where v.household_id = any(cast(:%s as bigint[]))) v
			where v.place <= :%s
			""".formatted(ChildPages.PARENTS_PARAM, ChildPages.LIMIT_PARAM);

	private final JdbcClient jdbc;

	VisitRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<Visit> visits(VisitFilter filter, @Nullable Long cadreKey, @Nullable Long householdKey, PageRequest page,
			Scope scope) {
		Keyset after = after(page);
		return this.jdbc
			.sql("select " + columns(scope) + " " + filter(scope)
					+ """
							  and (cast(:afterAt as timestamptz) is null or (v.occurred_at, v.id) < (:afterAt, cast(:afterId as uuid)))
							order by v.occurred_at desc, v.id desc
							limit :limit
							""")
			.params(filterParams(filter, cadreKey, householdKey))
			.params(scope.parameters())
			.param("afterAt", (after != null) ? after.occurredAt() : null)
			.param("afterId", (after != null) ? after.id() : null)
			.param("limit", page.fetchSize())
			.query(VISIT)
			.list();
	}

	int countVisits(VisitFilter filter, @Nullable Long cadreKey, @Nullable Long householdKey, Scope scope) {
		return this.jdbc.sql("select count(*) " + filter(scope))
			.params(filterParams(filter, cadreKey, householdKey))
			.params(scope.parameters())
			.query(Integer.class)
			.single();
	}

	List<Visit> visitsByKeys(Collection<UUID> keys, Scope scope) {
		return this.jdbc
			.sql("select " + columns(scope) + " from visit v where v.id in (:keys) and "
					+ scope.visitPredicate("v.village_id", "v.cadre_id"))
			.param("keys", keys)
			.params(scope.parameters())
			.query(VISIT)
			.list();
	}

	/**
	 * A page of visits per parent, where {@code parentColumn} is {@code household_id} or
	 * {@code cadre_id}: each parent's newest first, read from the index on (parent,
	 * occurred_at desc, id desc) from the cursor on.
	 */
	List<ChildPages.Row<Visit>> visitsOf(String parentColumn, Collection<Long> parentKeys, PageRequest page,
			Scope scope) {
		Keyset after = after(page);
		// The page is read under row-level security alone, and the service's own scope
		// predicate (the same set) and the masking flag are applied to the page's rows:
		// inside, PostgreSQL copies them into the scan of every monthly partition, which
		// cost more planning and worse plans than the page itself (a per-partition filter
		// on the newest-first index instead of the household's).
		String pageSql = newestKept(parentColumn, page, after) ? NEWEST_OF_HOUSEHOLDS
				: new ChildPages("visit", "v", "v." + parentColumn, "v.replaced_by is null",
						"v.occurred_at desc, v.id desc")
					.pageSql("v.*", (after != null) ? AFTER : "true");
		String sql = "select v.*, " + scope.responsiblePredicate("v.village_id") + " as personal_visible from ("
				+ pageSql + ") v where " + scope.visitPredicate("v.village_id", "v.cadre_id")
				+ " order by v.page_parent, v.occurred_at desc, v.id desc";
		return this.jdbc.sql(sql)
			.params(ChildPages.parameters(parentKeys, page))
			.params(scope.parameters())
			.param("afterAt", (after != null) ? after.occurredAt() : null)
			.param("afterId", (after != null) ? after.id() : null)
			.query(ChildPages.rows(VISIT))
			.list();
	}

	/**
	 * Whether the page is each household's newest visits, no more than
	 * {@code visit_newest} keeps (V41): the phone's village page, three a household.
	 */
	private static boolean newestKept(String parentColumn, PageRequest page, @Nullable Keyset after) {
		return "household_id".equals(parentColumn) && after == null && page.fetchSize() <= NEWEST_KEPT;
	}

	/**
	 * How many visits each parent has, by parent key; parents without any are left out.
	 */
	Map<Long, Integer> countVisitsOf(String parentColumn, Collection<Long> parentKeys, Scope scope) {
		return ChildPages.totals(this.jdbc.sql(visitsOf(parentColumn, scope).countSql())
			.param(ChildPages.PARENTS_PARAM, ChildPages.keys(parentKeys))
			.params(scope.parameters()));
	}

	private static ChildPages visitsOf(String parentColumn, Scope scope) {
		return new ChildPages("visit", "v", "v." + parentColumn,
				"v.replaced_by is null and " + scope.visitPredicate("v.village_id", "v.cadre_id"),
				"v.occurred_at desc, v.id desc");
	}

	private static Visit.@Nullable FromPhone fromPhone(java.sql.ResultSet rs) throws java.sql.SQLException {
		OffsetDateTime received = rs.getObject("received_at", OffsetDateTime.class);
		if (received == null) {
			return null;
		}
		Visit.Location location = null;
		java.math.BigDecimal latitude = rs.getBigDecimal("latitude");
		if (latitude != null) {
			java.math.BigDecimal accuracy = rs.getBigDecimal("accuracy_m");
			location = new Visit.Location(latitude.doubleValue(), rs.getBigDecimal("longitude").doubleValue(),
					(accuracy != null) ? accuracy.doubleValue() : null, rs.getString("location_provider"),
					Rows.booleanOrNull(rs, "location_mocked"));
		}
		java.sql.Array flags = rs.getArray("review_flags");
		return new Visit.FromPhone(rs.getObject("recorded_at", OffsetDateTime.class), received,
				Rows.intOrNull(rs, "clock_skew_seconds"), location, Rows.intOrNull(rs, "distance_m"),
				(flags != null) ? List.of((String[]) flags.getArray()) : List.of());
	}

	/**
	 * The visit's columns, and whether the user is responsible for its village and so
	 * sees its health data.
	 */
	private static String columns(Scope scope) {
		return "v.*, " + scope.responsiblePredicate("v.village_id") + " as personal_visible";
	}

	private static String filter(Scope scope) {
		return VISIT_FILTER.formatted(scope.visitPredicate("v.village_id", "v.cadre_id"));
	}

	/** Every version of these visits (by the first version's id), the first first. */
	List<Visit> versionsOf(Collection<UUID> chains, Scope scope) {
		return this.jdbc
			.sql("select " + columns(scope) + " from visit v where v.chain_id in (:chains) and "
					+ scope.visitPredicate("v.village_id", "v.cadre_id") + " order by v.version")
			.param("chains", chains)
			.params(scope.parameters())
			.query(VISIT)
			.list();
	}

	static String cursor(Visit visit) {
		return PageRequest.cursor(VISIT_LIST, visit.occurredAt().toInstant(), visit.key());
	}

	private static @Nullable Keyset after(PageRequest page) {
		return page.after(VISIT_LIST, 2,
				(key) -> new Keyset(OffsetDateTime.parse(key.get(0)), UUID.fromString(key.get(1))));
	}

	private static Map<String, @Nullable Object> filterParams(VisitFilter filter, @Nullable Long cadreKey,
			@Nullable Long householdKey) {
		Map<String, @Nullable Object> params = new HashMap<>();
		params.put("countyCode", filter.countyCode());
		params.put("townCode", filter.townCode());
		params.put("villageCode", filter.villageCode());
		params.put("cadre", cadreKey);
		params.put("household", householdKey);
		params.put("kind", (filter.kind() != null) ? filter.kind().name() : null);
		params.put("from", filter.occurredFrom());
		params.put("before", filter.occurredBefore());
		return params;
	}

	private record Keyset(OffsetDateTime occurredAt, UUID id) {
	}

}
