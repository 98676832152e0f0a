package cn.ankang.bangfu.household;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.security.jurisdiction.Scope;
import cn.ankang.bangfu.shared.relay.ChildPages;
import cn.ankang.bangfu.shared.relay.PageRequest;
import cn.ankang.bangfu.shared.values.Rows;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of monitored households' own rows: the lists and pages of them, and the
 * household locked, registered, its head, risks and version changed. Their members,
 * incomes and measures are {@link MemberRepository}, {@link IncomeRepository} and
 * {@link MeasureRepository}.
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

	// Changes
	// ---------------------------------------------------------------------------------------------

	/**
	 * The household, locked for a change, as the user's own scope sees it (whether the
	 * user is responsible for it decides who may change it, whatever the application's
	 * filter).
	 */
	java.util.Optional<Household> lock(long key, Scope scope) {
		return this.jdbc
			.sql("select " + columns(scope) + " from household h where h.id = :key and "
					+ scope.villagePredicate("h.village_id") + " for update of h")
			.param("key", key)
			.params(scope.parameters())
			.query(HOUSEHOLD)
			.optional();
	}

	long insertHousehold(long village, String headName, String headIdNumber, @Nullable String headPhone,
			Household.Category category, List<RiskType> risks, java.time.LocalDate identifiedOn) {
		return this.jdbc
			.sql("""
					insert into household (village_id, head_name, head_id_number, head_phone, category, risk_types,
					                       identified_on, status)
					values (:village, :name, :idNumber, :phone, :category, cast(:risks as text[]), :identified, 'IDENTIFIED')
					returning id""")
			.param("village", village)
			.param("name", headName)
			.param("idNumber", headIdNumber)
			.param("phone", headPhone)
			.param("category", category.name())
			.param("risks", risks.stream().map(Enum::name).distinct().sorted().toArray(String[]::new))
			.param("identified", identifiedOn)
			.query(Long.class)
			.single();
	}

	/** Names the head on the household itself, as the national records keep it. */
	void setHead(long household, String name, String idNumber) {
		this.jdbc.sql("update household set head_name = :name, head_id_number = :id where id = :h")
			.param("h", household)
			.param("name", name)
			.param("id", idNumber)
			.update();
	}

	/**
	 * Adds risks to a household's, or takes them off, raising its version when they
	 * change.
	 */
	void changeRisks(long household, java.util.Collection<RiskType> add, java.util.Collection<RiskType> remove) {
		this.jdbc.sql("""
				update household h
				set risk_types = n.risks, version = version + 1
				from (select array(select distinct r from unnest(risk_types || cast(:add as text[])) r
				                   where r <> all(cast(:remove as text[])) order by r) as risks
				      from household where id = :h) n
				where h.id = :h and h.risk_types is distinct from n.risks""")
			.param("h", household)
			.param("add", add.stream().map(Enum::name).toArray(String[]::new))
			.param("remove", remove.stream().map(Enum::name).toArray(String[]::new))
			.update();
	}

	/**
	 * Raises the household's version, when it is still at {@code base} (any version when
	 * null); whether it was.
	 */
	boolean raiseVersion(long household, @Nullable Integer base) {
		return this.jdbc.sql("""
				update household set version = version + 1
				where id = :h and (cast(:base as integer) is null or version = :base)""")
			.param("h", household)
			.param("base", base)
			.update() == 1;
	}

}
