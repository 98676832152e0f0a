package cn.ankang.bangfu.monitoring;

import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.household.Household;
import cn.ankang.bangfu.household.RiskType;
import cn.ankang.bangfu.security.jurisdiction.Scope;
import cn.ankang.bangfu.shared.values.Rows;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of monitoring cases and their steps.
 */
@Repository
class CaseRepository {

	private static final RowMapper<MonitoringCase> CASE = (rs, n) -> new MonitoringCase(rs.getLong("id"),
			rs.getLong("household_id"), rs.getLong("village_id"), Rows.enumOf(rs, "state", CaseState.class),
			Rows.enumOf(rs, "source", MonitoringCase.Source.class), Rows.enumList(rs, "risk_types", RiskType.class),
			Rows.date(rs, "identified_on"), Rows.dateOrNull(rs, "included_on"), Rows.dateOrNull(rs, "eliminated_on"),
			Rows.timestamp(rs, "state_since"), rs.getInt("version"), rs.getBoolean("responsible"));

	private static final RowMapper<CaseStep> STEP = (rs, n) -> new CaseStep(rs.getObject("id", UUID.class),
			rs.getLong("case_id"), Rows.enumOf(rs, "action", CaseAction.class),
			Rows.enumOrNull(rs, "from_state", CaseState.class), Rows.enumOf(rs, "to_state", CaseState.class),
			Rows.date(rs, "occurred_on"), Rows.timestamp(rs, "recorded_at"), rs.getString("actor_name"),
			rs.getString("actor_role"), rs.getString("reason"),
			Rows.textList(rs, "visit_texts").stream().map(UUID::fromString).toList(),
			Rows.textList(rs, "photo_sha256s"), Rows.textList(rs, "documents"), Rows.dateOrNull(rs, "notice_from"),
			Rows.dateOrNull(rs, "notice_to"));

	private final JdbcClient jdbc;

	CaseRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	private static String select(Scope scope) {
		return "select c.*, %s as responsible from monitoring_case c where %s "
			.formatted(scope.responsiblePredicate("c.village_id"), scope.villagePredicate("c.village_id"));
	}

	Map<Long, MonitoringCase> casesByKeys(Collection<Long> keys, Scope scope) {
		Map<Long, MonitoringCase> result = new LinkedHashMap<>();
		if (keys.isEmpty()) {
			return result;
		}
		this.jdbc.sql(select(scope) + "and c.id = any(:keys)")
			.params(scope.parameters())
			.param("keys", keys.toArray(Long[]::new))
			.query(CASE)
			.list()
			.forEach((c) -> result.put(c.key(), c));
		return result;
	}

	List<MonitoringCase> casesOfHouseholds(Collection<Long> households, Scope scope) {
		return this.jdbc.sql(select(scope) + "and c.household_id = any(:keys) order by c.household_id, c.id")
			.params(scope.parameters())
			.param("keys", households.toArray(Long[]::new))
			.query(CASE)
			.list();
	}

	Optional<MonitoringCase> openCaseOf(long household, Scope scope) {
		return this.jdbc
			.sql(select(scope) + "and c.household_id = :household and c.state not in ('RISK_ELIMINATED', 'DISMISSED')")
			.params(scope.parameters())
			.param("household", household)
			.query(CASE)
			.optional();
	}

	/** Locks the case against concurrent steps, and reads it. */
	Optional<MonitoringCase> lock(long key, Scope scope) {
		return this.jdbc.sql(select(scope) + "and c.id = :key for update of c")
			.params(scope.parameters())
			.param("key", key)
			.query(CASE)
			.optional();
	}

	/**
	 * Where a household is, and whether the cadre is posted there on the day. Locks the
	 * household: steps, openings and warnings for one household take their turns.
	 */
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

	Optional<Area> areaOf(long household, @Nullable Long cadre, LocalDate today) {
		return this.jdbc.sql("""
				select h.id, h.village_id, v.town_id, t.county_id, h.status,
				       exists (select 1 from posting p
				               where p.cadre_id = cast(:cadre as bigint) and p.village_id = h.village_id
				                 and p.started_on <= :today and (p.ended_on is null or p.ended_on >= :today)) as posted
				from household h join village v on v.id = h.village_id join town t on t.id = v.town_id
				where h.id = :household
				for update of h""")
			.param("household", household)
			.param("cadre", cadre)
			.param("today", today)
			.query((rs, n) -> new Area(rs.getLong("id"), rs.getLong("village_id"), rs.getLong("town_id"),
					rs.getLong("county_id"), rs.getBoolean("posted")))
			.optional();
	}

	/**
	 * @param category the category the case proposes for the household, which its
	 * confirmation gives it; null to keep the household's
	 */
	long insertCase(long household, long village, MonitoringCase.Source source, List<RiskType> risks,
			LocalDate identifiedOn, Household.@Nullable Category category) {
		return this.jdbc
			.sql("""
					insert into monitoring_case (household_id, village_id, state, source, risk_types, identified_on, category)
					values (:household, :village, 'IDENTIFIED', :source, cast(:risks as text[]), :identified, :category)
					returning id""")
			.param("household", household)
			.param("village", village)
			.param("source", source.name())
			.param("risks", risks.stream().map(Enum::name).distinct().sorted().toArray(String[]::new))
			.param("identified", identifiedOn)
			.param("category", (category != null) ? category.name() : null)
			.query(Long.class)
			.single();
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
	 * Locks the households, in key order so that two batches never wait on each other in
	 * a circle.
	 */
	void lockHouseholds(Collection<Long> households) {
		this.jdbc.sql("select id from household where id = any(:ids) order by id for update")
			.param("ids", households.toArray(Long[]::new))
			.query(Long.class)
			.list();
	}

	/** The open cases of the households, by household. */
	Map<Long, MonitoringCase> openCasesOf(Collection<Long> households, Scope scope) {
		Map<Long, MonitoringCase> result = new LinkedHashMap<>();
		this.jdbc
			.sql(select(scope) + "and c.household_id = any(:keys) and c.state not in ('RISK_ELIMINATED', 'DISMISSED')")
			.params(scope.parameters())
			.param("keys", households.toArray(Long[]::new))
			.query(CASE)
			.list()
			.forEach((c) -> result.put(c.householdKey(), c));
		return result;
	}

	/**
	 * Opens one case per household on departments' warnings, each with its first step.
	 * @return the new cases' keys, by household
	 */
	Map<Long, Long> openOnWarnings(List<Opening> openings, LocalDate on, long userKey, String role) {
		Map<Long, Long> cases = new LinkedHashMap<>();
		if (openings.isEmpty()) {
			return cases;
		}
		this.jdbc
			.sql("""
					insert into monitoring_case (household_id, village_id, state, source, risk_types, identified_on)
					select x.household_id, x.village_id, 'IDENTIFIED', 'DEPARTMENT_WARNING', string_to_array(x.risks, ','), :on
					from unnest(cast(:households as bigint[]), cast(:villages as bigint[]), cast(:risks as text[]))
					     as x(household_id, village_id, risks)
					returning id, household_id""")
			.param("households", openings.stream().map(Opening::household).toArray(Long[]::new))
			.param("villages", openings.stream().map(Opening::village).toArray(Long[]::new))
			.param("risks", openings.stream().map(Opening::risks).toArray(String[]::new))
			.param("on", on)
			.query((rs, n) -> Map.entry(rs.getLong("household_id"), rs.getLong("id")))
			.list()
			.forEach((entry) -> cases.put(entry.getKey(), entry.getValue()));
		Map<Long, String> reasons = new LinkedHashMap<>();
		openings.forEach((opening) -> reasons.put(cases.get(opening.household()), opening.reason()));
		this.jdbc
			.sql("""
					insert into case_step (id, case_id, action, to_state, occurred_on, actor_user_id, actor_name, actor_role,
					                       reason)
					select gen_random_uuid(), x.case_id, 'OPEN', 'IDENTIFIED', :on, :user,
					       (select display_name from app_user where id = :user), :role, x.reason
					from unnest(cast(:cases as bigint[]), cast(:reasons as text[])) as x(case_id, reason)""")
			.param("cases", reasons.keySet().toArray(Long[]::new))
			.param("reasons", reasons.values().toArray(String[]::new))
			.param("on", on)
			.param("user", userKey)
			.param("role", role)
			.update();
		return cases;
	}

	/**
	 * A case to open on warnings.
	 *
	 * @param household the household
	 * @param village its village
	 * @param risks the risk types, comma-separated
	 * @param reason the first step's note
	 */
	record Opening(long household, long village, String risks, String reason) {
	}

	/** Adds risks to a case's, or takes them off. */
	void changeRisks(long caseKey, Collection<RiskType> add, Collection<RiskType> remove) {
		this.jdbc.sql("""
				update monitoring_case
				set risk_types = array(select distinct r from unnest(risk_types || cast(:add as text[])) r
				                       where r <> all(cast(:remove as text[])) order by r),
				    version = version + 1
				where id = :key""")
			.param("key", caseKey)
			.param("add", add.stream().map(Enum::name).toArray(String[]::new))
			.param("remove", remove.stream().map(Enum::name).toArray(String[]::new))
			.update();
	}

	/** Moves the case to a state; inclusion and elimination dates follow the state. */
	void move(long caseKey, CaseState to, LocalDate on) {
		this.jdbc.sql("""
				update monitoring_case
				set state = :state, version = version + 1, state_since = now(),
				    included_on = case when :included then coalesce(included_on, :on) end,
				    eliminated_on = case when :state = 'RISK_ELIMINATED' then :on end
				where id = :key""")
			.param("key", caseKey)
			.param("state", to.name())
			.param("included", to.isIncluded())
			.param("on", on)
			.update();
	}

	/**
	 * Marks the household's earlier confirmed cases as superseded by this one from the
	 * day: the figures then count the household by this case.
	 */
	void supersedeEarlier(long household, long caseKey, LocalDate on) {
		this.jdbc
			.sql("""
					update monitoring_case set superseded_on = :on
					where household_id = :household and id <> :case and included_on is not null and superseded_on is null""")
			.param("household", household)
			.param("case", caseKey)
			.param("on", on)
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

	void insertStep(NewStep step) {
		this.jdbc
			.sql("""
					insert into case_step (id, case_id, action, from_state, to_state, occurred_on, actor_user_id, actor_name,
					                       actor_role, reason, visit_ids, photo_sha256s, documents, notice_from, notice_to,
					                       content_hash)
					values (:id, :case, :action, :from, :to, :on, :user,
					        coalesce((select display_name from app_user where id = :user), 'system'), :role, :reason,
					        cast(:visits as uuid[]), cast(:photos as text[]), cast(:documents as text[]), :noticeFrom,
					        :noticeTo, :hash)""")
			.param("id", step.id())
			.param("case", step.caseKey())
			.param("action", step.action().name())
			.param("from", (step.from() != null) ? step.from().name() : null)
			.param("to", step.to().name())
			.param("on", step.occurredOn())
			.param("user", step.userKey())
			.param("role", step.role())
			.param("reason", step.reason())
			.param("visits", step.visitIds().stream().map(UUID::toString).toArray(String[]::new))
			.param("photos", step.photoHashes().toArray(String[]::new))
			.param("documents", step.documents().toArray(String[]::new))
			.param("noticeFrom", step.noticeFrom())
			.param("noticeTo", step.noticeTo())
			.param("hash", step.hash())
			.update();
	}

	/** A step already recorded under this id, with the case it moved and its digest. */
	Optional<Recorded> recorded(UUID id) {
		return this.jdbc.sql("select case_id, content_hash from case_step where id = :id")
			.param("id", id)
			.query((rs, n) -> new Recorded(rs.getLong("case_id"), rs.getBytes("content_hash")))
			.optional();
	}

	/** The latest day a step of the case was taken. */
	LocalDate lastStepOn(long caseKey) {
		return this.jdbc.sql("select max(occurred_on) from case_step where case_id = :key")
			.param("key", caseKey)
			.query(LocalDate.class)
			.optional()
			.orElse(LocalDate.MIN);
	}

	Map<Long, List<CaseStep>> stepsOf(Collection<Long> caseKeys) {
		Map<Long, List<CaseStep>> result = new LinkedHashMap<>();
		if (caseKeys.isEmpty()) {
			return result;
		}
		this.jdbc.sql(
				"select s.*, s.visit_ids::text[] as visit_texts from case_step s where s.case_id = any(:keys) order by s.case_id, s.recorded_at, s.occurred_on, s.id")
			.param("keys", caseKeys.toArray(Long[]::new))
			.query(STEP)
			.list()
			.forEach((step) -> result.computeIfAbsent(step.caseKey(), (k) -> new java.util.ArrayList<>()).add(step));
		return result;
	}

	/**
	 * Those of the visits that were not made to this household (any household, when null)
	 * or are not known at all.
	 */
	List<UUID> visitsNotOf(List<UUID> visits, @Nullable Long household) {
		if (visits.isEmpty()) {
			return List.of();
		}
		// a visit id no one made (or one outside the user's scope, which row-level
		// security hides) is as wrong as one made to another household
		return this.jdbc.sql("""
				select x.id from unnest(cast(:ids as uuid[])) as x(id)
				where not exists (select from visit v where v.id = x.id
				                  and (cast(:household as bigint) is null or v.household_id = :household))
				order by x.id""")
			.param("ids", visits.toArray(UUID[]::new))
			.param("household", household)
			.query(UUID.class)
			.list();
	}

	/**
	 * What the six-month rule looks at: since when the income has been stable (the
	 * inclusion, or the day after the last visit that found it falling), and the latest
	 * per-capita income recorded for the year or the one before.
	 */
	Stability stability(long household, LocalDate includedOn, int year) {
		return this.jdbc.sql("""
				select greatest(cast(:included as date),
				                (select max(vi.occurred_at)::date + 1 from visit vi
				                 where vi.household_id = :household and vi.income_change = 'FELL'
				                   and vi.replaced_by is null
				                   and not exists (select from visit_effect e
				                                   where e.visit_id = vi.chain_id and e.kind = 'INCOME_FALL_NOTED'
				                                     and e.reversed_at is not null))) as stable_since,
				       i.year, i.per_capita_income_fen
				from (select 1) one
				left join lateral (select year, per_capita_income_fen from household_income
				                   where household_id = :household and year between :year - 1 and :year
				                   order by year desc limit 1) i on true""")
			.param("household", household)
			.param("included", includedOn)
			.param("year", year)
			.query((rs, n) -> new Stability(Rows.date(rs, "stable_since"), Rows.intOrNull(rs, "year"),
					Rows.longOrNull(rs, "per_capita_income_fen")))
			.single();
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

	record Recorded(long caseKey, byte @Nullable [] hash) {
	}

	record Stability(LocalDate stableSince, @Nullable Integer incomeYear, @Nullable Long incomeFen) {
	}

	record NewStep(UUID id, long caseKey, CaseAction action, @Nullable CaseState from, CaseState to,
			LocalDate occurredOn, @Nullable Long userKey, String role, @Nullable String reason, List<UUID> visitIds,
			List<String> photoHashes, List<String> documents, @Nullable LocalDate noticeFrom,
			@Nullable LocalDate noticeTo, byte @Nullable [] hash) {
	}

}
