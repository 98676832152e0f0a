package cn.ankang.bangfu.monitoring;

import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.household.Household;
import cn.ankang.bangfu.household.RiskType;
import cn.ankang.bangfu.security.jurisdiction.Scope;
import cn.ankang.bangfu.shared.values.Rows;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of monitoring cases: reading them in the user's scope, opening them (in a batch
 * for departments' warnings) and moving them on; their steps are
 * {@link CaseStepRepository}'s, their households' {@link CaseHouseholdRepository}'s.
 */
@Repository
class CaseRepository {

	private static final RowMapper<MonitoringCase> CASE = (rs, n) -> new MonitoringCase(rs.getLong("id"),
			rs.getLong("household_id"), rs.getLong("village_id"), Rows.enumOf(rs, "state", CaseState.class),
			Rows.enumOf(rs, "source", MonitoringCase.Source.class), Rows.enumList(rs, "risk_types", RiskType.class),
			Rows.date(rs, "identified_on"), Rows.dateOrNull(rs, "included_on"), Rows.dateOrNull(rs, "eliminated_on"),
			Rows.timestamp(rs, "state_since"), rs.getInt("version"), rs.getBoolean("responsible"));

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

}
