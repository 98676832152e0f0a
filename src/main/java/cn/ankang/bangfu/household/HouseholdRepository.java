package cn.ankang.bangfu.household;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.security.Scope;
import cn.ankang.bangfu.shared.ChildPages;
import cn.ankang.bangfu.shared.Gender;
import cn.ankang.bangfu.shared.PageRequest;
import cn.ankang.bangfu.shared.Rows;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of monitored households, their members, incomes and measures.
 */
@Repository
class HouseholdRepository {

	static final String HOUSEHOLD_LIST = "households";

	private static final RowMapper<Household> HOUSEHOLD = (rs, n) -> new Household(rs.getLong("id"),
			rs.getLong("village_id"), rs.getString("head_name"), rs.getString("head_id_number"),
			rs.getString("head_phone"), Rows.enumOf(rs, "category", Household.Category.class),
			Rows.enumList(rs, "risk_types", RiskType.class), Rows.date(rs, "identified_on"),
			Rows.enumOf(rs, "status", Household.Status.class), Rows.dateOrNull(rs, "risk_eliminated_on"),
			Rows.longOrNull(rs, "responsible_cadre_id"), rs.getInt("member_count"), rs.getBoolean("personal_visible"),
			rs.getInt("version"));

	private static final RowMapper<HouseholdMember> MEMBER = (rs, n) -> new HouseholdMember(rs.getLong("household_id"),
			rs.getString("name"), Rows.enumOf(rs, "relation", HouseholdMember.Relation.class),
			Rows.enumOf(rs, "gender", Gender.class), Rows.date(rs, "birth_date"), rs.getString("id_number"), false);

	private static final RowMapper<AnnualIncome> INCOME = (rs, n) -> new AnnualIncome(rs.getLong("household_id"),
			rs.getInt("year"), rs.getLong("per_capita_income_fen"));

	private static final RowMapper<AssistanceMeasure> MEASURE = (rs, n) -> new AssistanceMeasure(rs.getLong("id"),
			rs.getLong("household_id"), Rows.enumOf(rs, "type", AssistanceMeasure.Type.class),
			rs.getString("description"), Rows.date(rs, "started_on"), Rows.dateOrNull(rs, "ended_on"));

	private static String columns(Scope scope) {
		return "h.*, " + scope.responsiblePredicate("h.village_id") + " as personal_visible";
	}

	private static final String HOUSEHOLD_FILTER = """
			from household h
			where (cast(:countyCode as text) is null or h.village_id in (
			        select v.id from village v join town t on t.id = v.town_id join county c on c.id = t.county_id
			        where c.code = :countyCode))
			  and (cast(:townCode as text) is null or h.village_id in (
			        select v.id from village v join town t on t.id = v.town_id where t.code = :townCode))
			  and (cast(:villageCode as text) is null or h.village_id = (select id from village where code = :villageCode))
			  and (cast(:category as text) is null or h.category = :category)
			  and (cast(:status as text) is null or h.status = :status)
			  and (cast(:riskType as text) is null or h.risk_types @> array[cast(:riskType as text)])
			  and (cast(:cadre as bigint) is null or h.responsible_cadre_id = :cadre)
			  and (cast(:notVisitedInDays as integer) is null or not exists (
			        select 1 from visit vi where vi.household_id = h.id and vi.replaced_by is null
			          and vi.occurred_at >= now() - cast(:notVisitedInDays as integer) * interval '1 day'))
			  and %s
			""";

	private final JdbcClient jdbc;

	HouseholdRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<Household> households(HouseholdFilter filter, @Nullable Long cadreKey, PageRequest page, Scope scope) {
		return this.jdbc.sql("select " + columns(scope) + " " + filter(scope) + """
				  and (cast(:after as bigint) is null or h.id > :after)
				order by h.id
				limit :limit
				""")
			.params(filterParams(filter, cadreKey))
			.params(scope.parameters())
			.param("after", page.afterId(HOUSEHOLD_LIST))
			.param("limit", page.fetchSize())
			.query(HOUSEHOLD)
			.list();
	}

	int countHouseholds(HouseholdFilter filter, @Nullable Long cadreKey, Scope scope) {
		return this.jdbc.sql("select count(*) " + filter(scope))
			.params(filterParams(filter, cadreKey))
			.params(scope.parameters())
			.query(Integer.class)
			.single();
	}

	List<Household> householdsByKeys(Collection<Long> keys, Scope scope) {
		return this.jdbc
			.sql("select " + columns(scope) + " from household h where h.id in (:keys) and "
					+ scope.villagePredicate("h.village_id"))
			.param("keys", keys)
			.params(scope.parameters())
			.query(HOUSEHOLD)
			.list();
	}

	/**
	 * A page of households per village, by id, read from the index on (village_id, id).
	 */
	List<ChildPages.Row<Household>> householdsOfVillages(Collection<Long> villageKeys,
			Household.@Nullable Status status, PageRequest page, Scope scope) {
		Long after = page.afterId(HOUSEHOLD_LIST);
		return this.jdbc
			.sql(householdsOfVillages(scope).pageSql(columns(scope), (after != null) ? "h.id > :after" : "true"))
			.params(ChildPages.parameters(villageKeys, page))
			.params(scope.parameters())
			.param("status", (status != null) ? status.name() : null)
			.param("after", after)
			.query(ChildPages.rows(HOUSEHOLD))
			.list();
	}

	/**
	 * How many households each village has, by village key; villages without any are left
	 * out.
	 */
	Map<Long, Integer> countHouseholdsOfVillages(Collection<Long> villageKeys, Household.@Nullable Status status,
			Scope scope) {
		return ChildPages.totals(this.jdbc.sql(householdsOfVillages(scope).countSql())
			.param(ChildPages.PARENTS_PARAM, ChildPages.keys(villageKeys))
			.params(scope.parameters())
			.param("status", (status != null) ? status.name() : null));
	}

	private static ChildPages householdsOfVillages(Scope scope) {
		return new ChildPages("household", "h", "h.village_id",
				"(cast(:status as text) is null or h.status = :status) and " + scope.villagePredicate("h.village_id"),
				"h.id");
	}

	List<HouseholdMember> membersOf(Collection<Long> householdKeys) {
		return this.jdbc.sql("""
				select * from household_member
				where household_id in (:keys)
				order by household_id, relation <> 'HEAD', birth_date, id
				""").param("keys", householdKeys).query(MEMBER).list();
	}

	List<AnnualIncome> incomesOf(Collection<Long> householdKeys) {
		return this.jdbc.sql("select * from household_income where household_id in (:keys) order by household_id, year")
			.param("keys", householdKeys)
			.query(INCOME)
			.list();
	}

	List<AssistanceMeasure> measuresOf(Collection<Long> householdKeys) {
		return this.jdbc
			.sql("select * from assistance_measure where household_id in (:keys) order by household_id, started_on, id")
			.param("keys", householdKeys)
			.query(MEASURE)
			.list();
	}

	List<AssistanceMeasure> measuresByKeys(Collection<Long> keys, Scope scope) {
		return this.jdbc.sql("""
				select m.* from assistance_measure m join household h on h.id = m.household_id
				where m.id in (:keys) and """ + scope.villagePredicate("h.village_id"))
			.param("keys", keys)
			.params(scope.parameters())
			.query(MEASURE)
			.list();
	}

	private static String filter(Scope scope) {
		return HOUSEHOLD_FILTER.formatted(scope.villagePredicate("h.village_id"));
	}

	private static Map<String, @Nullable Object> filterParams(HouseholdFilter filter, @Nullable Long cadreKey) {
		Map<String, @Nullable Object> params = new HashMap<>();
		params.put("countyCode", filter.countyCode());
		params.put("notVisitedInDays", filter.notVisitedInDays());
		params.put("townCode", filter.townCode());
		params.put("villageCode", filter.villageCode());
		params.put("category", (filter.category() != null) ? filter.category().name() : null);
		params.put("status", (filter.status() != null) ? filter.status().name() : null);
		params.put("riskType", (filter.riskType() != null) ? filter.riskType().name() : null);
		params.put("cadre", cadreKey);
		return params;
	}

}
