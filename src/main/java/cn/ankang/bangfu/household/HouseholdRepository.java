package cn.ankang.bangfu.household;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.security.jurisdiction.Scope;
import cn.ankang.bangfu.shared.relay.ChildPages;
import cn.ankang.bangfu.shared.values.Gender;
import cn.ankang.bangfu.shared.relay.PageRequest;
import cn.ankang.bangfu.shared.values.Rows;

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

	private static final RowMapper<HouseholdMember> MEMBER = (rs, n) -> new HouseholdMember(rs.getLong("id"),
			rs.getLong("household_id"), rs.getString("name"),
			Rows.enumOf(rs, "relation", HouseholdMember.Relation.class), Rows.enumOf(rs, "gender", Gender.class),
			Rows.date(rs, "birth_date"), rs.getString("id_number"),
			Rows.enumOf(rs, "status", HouseholdMember.Status.class), Rows.dateOrNull(rs, "left_on"), false);

	private static final RowMapper<AnnualIncome> INCOME = (rs, n) -> new AnnualIncome(rs.getLong("household_id"),
			rs.getInt("year"), rs.getLong("per_capita_income_fen"), Rows.longOrNull(rs, "wages_fen"),
			Rows.longOrNull(rs, "business_fen"), Rows.longOrNull(rs, "transfer_fen"),
			Rows.longOrNull(rs, "property_fen"), Rows.intOrNull(rs, "people"));

	private static final RowMapper<AssistanceMeasure> MEASURE = (rs, n) -> new AssistanceMeasure(rs.getLong("id"),
			rs.getLong("household_id"), Rows.enumOf(rs, "type", AssistanceMeasure.Type.class),
			rs.getString("description"), Rows.date(rs, "started_on"), Rows.dateOrNull(rs, "ended_on"),
			rs.getString("result"), Rows.dateOrNull(rs, "result_on"), rs.getBoolean("personal_visible"));

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

	/** The households' members present, or those who left, head first. */
	List<HouseholdMember> membersOf(Collection<Long> householdKeys, boolean present) {
		return this.jdbc.sql("""
				select * from household_member
				where household_id in (:keys) and (status = 'PRESENT') = :present
				order by household_id, relation <> 'HEAD', birth_date, id
				""").param("keys", householdKeys).param("present", present).query(MEMBER).list();
	}

	List<AnnualIncome> incomesOf(Collection<Long> householdKeys) {
		return this.jdbc.sql("select * from household_income where household_id in (:keys) order by household_id, year")
			.param("keys", householdKeys)
			.query(INCOME)
			.list();
	}

	List<AssistanceMeasure> measuresOf(Collection<Long> householdKeys, Scope scope) {
		return this.jdbc
			.sql("select m.*, %s as personal_visible from assistance_measure m where m.household_id in (:keys) "
				.formatted(scope.responsiblePredicate("m.village_id")) + "order by m.household_id, m.started_on, m.id")
			.param("keys", householdKeys)
			.params(scope.parameters())
			.query(MEASURE)
			.list();
	}

	List<AssistanceMeasure> measuresByKeys(Collection<Long> keys, Scope scope) {
		return this.jdbc
			.sql("""
					select m.*, %s as personal_visible from assistance_measure m join household h on h.id = m.household_id
					where m.id in (:keys) and """
				.formatted(scope.responsiblePredicate("m.village_id")) + scope.villagePredicate("h.village_id"))
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

	/**
	 * Whether a person other than the member holds the ID number, as a member or a head.
	 */
	boolean idNumberTaken(String idNumber, long exceptMember) {
		return this.jdbc.sql("""
				select exists (select 1 from household_member where id_number = :id and id <> :except)
				    or exists (select 1 from household where head_id_number = :id
				               and not exists (select 1 from household_member m
				                               where m.id = :except and m.household_id = household.id))""")
			.param("id", idNumber)
			.param("except", exceptMember)
			.query(Boolean.class)
			.single();
	}

	/**
	 * Of these ID numbers, those a person of the records holds, as a member or a head.
	 */
	List<String> idNumbersTaken(Collection<String> idNumbers) {
		return this.jdbc.sql("""
				select id_number from household_member where id_number = any(:ids)
				union
				select head_id_number from household where head_id_number = any(:ids)""")
			.param("ids", idNumbers.toArray(String[]::new))
			.query(String.class)
			.list();
	}

	long insertMember(long household, String name, HouseholdMember.Relation relation, Gender gender,
			java.time.LocalDate birthDate, @Nullable String idNumber) {
		return this.jdbc.sql("""
				insert into household_member (household_id, name, relation, gender, birth_date, id_number)
				values (:household, :name, :relation, :gender, :birth, :idNumber) returning id""")
			.param("household", household)
			.param("name", name)
			.param("relation", relation.name())
			.param("gender", gender.name())
			.param("birth", birthDate)
			.param("idNumber", idNumber)
			.query(Long.class)
			.single();
	}

	java.util.Optional<HouseholdMember> memberByKey(long key) {
		return this.jdbc.sql("select * from household_member where id = :key")
			.param("key", key)
			.query(MEMBER)
			.optional();
	}

	/** Whether the household has a head present other than the member. */
	boolean hasHeadBesides(long household, long member) {
		return this.jdbc.sql("""
				select exists (select 1 from household_member
				               where household_id = :h and relation = 'HEAD' and status = 'PRESENT' and id <> :m)""")
			.param("h", household)
			.param("m", member)
			.query(Boolean.class)
			.single();
	}

	void updateMember(long key, String name, HouseholdMember.Relation relation, Gender gender,
			java.time.LocalDate birthDate, @Nullable String idNumber) {
		this.jdbc.sql("""
				update household_member
				set name = :name, relation = :relation, gender = :gender, birth_date = :birth, id_number = :idNumber,
				    version = version + 1
				where id = :key""")
			.param("key", key)
			.param("name", name)
			.param("relation", relation.name())
			.param("gender", gender.name())
			.param("birth", birthDate)
			.param("idNumber", idNumber)
			.update();
	}

	void memberLeaves(long key, HouseholdMember.Status status, java.time.LocalDate on) {
		this.jdbc.sql("""
				update household_member set status = :status, left_on = :on, version = version + 1
				where id = :key and status = 'PRESENT'""")
			.param("key", key)
			.param("status", status.name())
			.param("on", on)
			.update();
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
	 * Raises the household's version, when it is still at {@code base} (any version when
	 * null); whether it was.
	 */
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

	boolean raiseVersion(long household, @Nullable Integer base) {
		return this.jdbc.sql("""
				update household set version = version + 1
				where id = :h and (cast(:base as integer) is null or version = :base)""")
			.param("h", household)
			.param("base", base)
			.update() == 1;
	}

	int presentMembers(long household) {
		return this.jdbc.sql("select count(*) from household_member where household_id = :h and status = 'PRESENT'")
			.param("h", household)
			.query(Integer.class)
			.single();
	}

	void upsertIncome(long household, int year, long wages, long business, long transfers, long property, int people) {
		this.jdbc.sql("""
				insert into household_income (household_id, year, per_capita_income_fen, wages_fen, business_fen,
				                              transfer_fen, property_fen, people)
				values (:h, :year, (:wages + :business + :transfers + :property) / :people, :wages, :business,
				        :transfers, :property, :people)
				on conflict (household_id, year) do update
				set per_capita_income_fen = excluded.per_capita_income_fen, wages_fen = excluded.wages_fen,
				    business_fen = excluded.business_fen, transfer_fen = excluded.transfer_fen,
				    property_fen = excluded.property_fen, people = excluded.people""")
			.param("h", household)
			.param("year", year)
			.param("wages", wages)
			.param("business", business)
			.param("transfers", transfers)
			.param("property", property)
			.param("people", people)
			.update();
	}

	long insertMeasure(long household, AssistanceMeasure.Type type, String description, java.time.LocalDate startedOn) {
		return this.jdbc.sql("""
				insert into assistance_measure (household_id, type, description, started_on)
				values (:h, :type, :description, :started) returning id""")
			.param("h", household)
			.param("type", type.name())
			.param("description", description)
			.param("started", startedOn)
			.query(Long.class)
			.single();
	}

	java.util.Optional<AssistanceMeasure> measureByKey(long key, Scope scope) {
		return this.jdbc
			.sql("select m.*, %s as personal_visible from assistance_measure m where m.id = :key"
				.formatted(scope.responsiblePredicate("m.village_id")))
			.param("key", key)
			.params(scope.parameters())
			.query(MEASURE)
			.optional();
	}

	void recordResult(long measure, String result, java.time.LocalDate on) {
		this.jdbc
			.sql("update assistance_measure set result = :result, result_on = :on, version = version + 1 "
					+ "where id = :m")
			.param("m", measure)
			.param("result", result)
			.param("on", on)
			.update();
	}

	void endMeasure(long measure, java.time.LocalDate on) {
		this.jdbc.sql("update assistance_measure set ended_on = :on, version = version + 1 where id = :m")
			.param("m", measure)
			.param("on", on)
			.update();
	}

}
