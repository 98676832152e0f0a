package cn.ankang.bangfu.figure;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.security.jurisdiction.Scope;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of each figure. A figure reads its own table and joins the areas only to group
 * by them: area filters are predicates on the row's village (or, for projects, county,
 * town and village) column, so that a city-wide count scans one table. Each takes its
 * jurisdiction predicate from {@link Scope}; households and visits are also behind
 * PostgreSQL's row-level security.
 */
@Repository
class FigureRepository {

	private static final String KEY_VILLAGES = """
			select kv.id from village kv join town kt on kt.id = kv.town_id join county kc on kc.id = kt.county_id
			where kv.key_designation is not null or kt.key_designation is not null or kc.key_designation is not null""";

	/**
	 * What an allocation ({@code f}) had spent by the period's last day: its spending up
	 * to that day when the day is past, else what it has spent (the sum its spending
	 * keeps, V21), without reading the spending.
	 */
	private static final String SPENT_AS_OF = """
			case when :past then (select coalesce(sum(s.amount_fen), 0) from project_spending s
			                      where s.project_id = f.project_id and s.source = f.source and s.spent_on <= :to)
			     else f.spent_fen end""";

	/**
	 * The status a project ({@code p}) had on the period's last day: that of its last
	 * step by then when the day is past (none when it had not entered the pipeline yet),
	 * else its status. Projects kept before steps were recorded have only their status.
	 */
	private static final String STATUS_AS_OF = """
			(case when not :past or not exists (select from project_step ps where ps.project_id = p.id) then p.status
			      else (select ps.to_status from project_step ps where ps.project_id = p.id and ps.occurred_on <= :to
			            order by ps.occurred_on desc, ps.id desc limit 1) end)""";

	/**
	 * The households under monitoring ({@code h}): those whose risk was eliminated, and
	 * those not (or not yet) included, are not.
	 */
	static final String MONITORED_HOUSEHOLD = "h.status = 'MONITORING'";

	/**
	 * The visits ({@code vi}) that count as visits: current versions only, a corrected
	 * visit counting once, at its corrected time.
	 */
	static final String CURRENT_VISIT = "vi.replaced_by is null";

	/**
	 * The collective income the report counts villages above (培育村集体经济收益10万元以上村): 100,000
	 * yuan, in fen.
	 */
	static final long VILLAGE_INCOME_THRESHOLD_FEN = 100_000L * 100;

	private final JdbcClient jdbc;

	// the client on the figures' database, the one their transactions are on
	FigureRepository(@Qualifier(FigureDatabase.JDBC_CLIENT) JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Monitored households count from their monitoring cases: a household is monitored by
	 * the end of the period when a case of it was confirmed by then (included), and
	 * counts once, by its latest such case: eliminated if that case's elimination was
	 * confirmed by then, new if its inclusion fell in the period. Cases still waiting for
	 * confirmation do not count.
	 */
	List<FigureRows.MonitoringRow> monitoring(Scope scope, FigureFilter filter, Period period,
			List<FigureDimension> groupBy) {
		// people are the households' member counts (kept by triggers, V11): no member
		// rows read
		FigureQuery query = FigureQuery.of("Monitoring", "monitoring_case c join household h on h.id = c.household_id")
			.where("c.included_on <= :to")
			.where("(c.superseded_on is null or c.superseded_on > :to)")
			.where(scope.villageIndexPredicate("c.village_id"))
			.measure("households", "count(*)")
			.measure("people", "coalesce(sum(h.member_count), 0)")
			.measure("newHouseholds", "count(*) filter (where c.included_on >= :from)")
			.measure("newPeople", "coalesce(sum(h.member_count) filter (where c.included_on >= :from), 0)")
			.measure("eliminatedHouseholds", "count(*) filter (where c.eliminated_on <= :to)")
			.measure("eliminatedPeople", "coalesce(sum(h.member_count) filter (where c.eliminated_on <= :to), 0)")
			.dimension(FigureDimension.CATEGORY, "h.category", "h.category")
			.multiplyingDimension(FigureDimension.RISK_TYPE, "rt.risk", "rt.risk",
					"cross join lateral unnest(c.risk_types) as rt(risk)")
			.dimension(FigureDimension.YEAR, "extract(year from c.included_on)::int", "''")
			.dimension(FigureDimension.MONTH, "to_char(c.included_on, 'YYYY-MM')", "''");
		return villageAreas(query, filter, "c.village_id").params(scope.parameters())
			.params(period(period))
			.run(this.jdbc, groupBy, FigureRows.MonitoringRow.class);
	}

	List<FigureRows.MeasureRow> measures(Scope scope, FigureFilter filter, Period period,
			List<FigureDimension> groupBy) {
		// a measure carries its household's village (V15): no household is looked up
		FigureQuery query = FigureQuery.of("Measure", "assistance_measure am")
			.where("am.started_on <= :to")
			.where(scope.villageIndexPredicate("am.village_id"))
			.measure("measures", "count(*)")
			.measure("newMeasures", "count(*) filter (where am.started_on >= :from)")
			.measure("households", "count(distinct am.household_id)")
			.dimension(FigureDimension.MEASURE_TYPE, "am.type", "am.type")
			.dimension(FigureDimension.YEAR, "extract(year from am.started_on)::int", "''")
			.dimension(FigureDimension.MONTH, "to_char(am.started_on, 'YYYY-MM')", "''");
		return villageAreas(query, filter, "am.village_id").params(scope.parameters())
			.params(period(period))
			.run(this.jdbc, groupBy, FigureRows.MeasureRow.class);
	}

	/**
	 * @param sources only these fund sources; all when null
	 * @param keyCountiesOnly only projects in key counties (the report's cut)
	 */
	List<FigureRows.FundRow> funds(Scope scope, FigureFilter filter, Period period, @Nullable List<String> sources,
			boolean keyCountiesOnly, List<FigureDimension> groupBy) {
		FigureQuery query = FigureQuery.of("Fund", """
				fund_allocation f join project p on p.id = f.project_id join county c on c.id = p.county_id
				cross join lateral (select %s as status) pst""".formatted(STATUS_AS_OF))
			.where("p.year between :fromYear and :toYear")
			.where(scope.areaPredicate("p.county_id", "p.town_id", "p.village_id"))
			.where("(cast(:sources as text) is null or f.source = any(string_to_array(:sources, ',')))")
			.where("(not :keyCountiesOnly or c.key_designation is not null)")
			.param("sources", (sources != null) ? String.join(",", sources) : null)
			.param("keyCountiesOnly", keyCountiesOnly)
			.measure("allocated", yuan("sum(f.planned_fen)"))
			.measure("spent", yuan("sum(%s)".formatted(SPENT_AS_OF)))
			.measure("projects", "count(distinct p.id)")
			.measure("keyCountyAllocated", yuan("sum(f.planned_fen) filter (where c.key_designation is not null)"))
			.dimension(FigureDimension.FUND_SOURCE, "f.source", "f.source")
			.dimension(FigureDimension.YEAR, "p.year", "''")
			.dimension(FigureDimension.INDUSTRY, "p.industry", "p.industry")
			.dimension(FigureDimension.CATEGORY, "p.category", "p.category")
			.dimension(FigureDimension.PROJECT_STATUS, "pst.status", "pst.status");
		return projectAreas(query, filter).params(scope.parameters())
			.params(period(period))
			.run(this.jdbc, groupBy, FigureRows.FundRow.class);
	}

	List<FigureRows.ProjectRow> projects(Scope scope, FigureFilter filter, Period period, @Nullable String status,
			List<FigureDimension> groupBy) {
		return projects(scope, filter, period, (status != null) ? List.of(status) : null, null, groupBy);
	}

	/**
	 * The projects of the period's years.
	 * @param statuses only projects in one of these statuses on the period's last day;
	 * all when null
	 * @param category only projects of this category; all when null
	 */
	List<FigureRows.ProjectRow> projects(Scope scope, FigureFilter filter, Period period,
			@Nullable List<String> statuses, @Nullable String category, List<FigureDimension> groupBy) {
		FigureQuery query = FigureQuery.of("Project", """
				project p
				cross join lateral (select coalesce(sum(%s), 0) as spent
				                    from fund_allocation f where f.project_id = p.id) pf
				cross join lateral (select %s as status) pst""".formatted(SPENT_AS_OF, STATUS_AS_OF))
			.where("p.year between :fromYear and :toYear")
			.where(scope.areaPredicate("p.county_id", "p.town_id", "p.village_id"))
			.where("(cast(:statuses as text) is null or pst.status = any(string_to_array(:statuses, ',')))")
			.where("(cast(:category as text) is null or p.category = :category)")
			.param("statuses", (statuses != null) ? String.join(",", statuses) : null)
			.param("category", category)
			.measure("projects", "count(*)")
			.measure("planned", yuan("sum(p.planned_fen)"))
			.measure("spent", yuan("sum(pf.spent)"))
			.measure("beneficiaryHouseholds", "coalesce(sum(p.beneficiary_households), 0)")
			.dimension(FigureDimension.PROJECT_STATUS, "pst.status", "pst.status")
			.dimension(FigureDimension.CATEGORY, "p.category", "p.category")
			.dimension(FigureDimension.INDUSTRY, "p.industry", "p.industry")
			.dimension(FigureDimension.YEAR, "p.year", "''");
		return projectAreas(query, filter).params(scope.parameters())
			.params(period(period))
			.run(this.jdbc, groupBy, FigureRows.ProjectRow.class);
	}

	/**
	 * The bodies that drive households, from their years in the period's years: a body
	 * counts in each year recorded for it; sums run over those years.
	 * @param kinds only bodies of these kinds; all when null
	 * @param drivingOnly only years in which a body linked people out of poverty
	 */
	List<FigureRows.EnterpriseRow> enterprises(Scope scope, FigureFilter filter, Period period,
			@Nullable List<String> kinds, boolean drivingOnly, List<FigureDimension> groupBy) {
		FigureQuery query = FigureQuery
			.of("Enterprise", "enterprise_year y join enterprise e on e.id = y.enterprise_id")
			.where("y.year between :fromYear and :toYear")
			.where(scope.placePredicate("e.village_id", "e.town_id", "e.county_id"))
			.where("(cast(:kinds as text) is null or e.kind = any(string_to_array(:kinds, ',')))")
			.where("(not :drivingOnly or y.linked_people > 0)")
			.param("kinds", (kinds != null) ? String.join(",", kinds) : null)
			.param("drivingOnly", drivingOnly)
			.measure("enterprises", "count(distinct e.id)")
			.measure("communityFactories", "count(distinct e.id) filter (where e.kind = 'COMMUNITY_FACTORY')")
			.measure("drivingEnterprises",
					"count(distinct e.id) filter (where e.kind <> 'COMMUNITY_FACTORY' and y.linked_people > 0)")
			.measure("linkedHouseholds", "coalesce(sum(y.linked_households), 0)")
			.measure("linkedPeople", "coalesce(sum(y.linked_people), 0)")
			.measure("workers", "coalesce(sum(y.workers), 0)")
			.measure("workersOutOfPoverty", "coalesce(sum(y.workers_out_of_poverty), 0)")
			.measure("workersFromMonitoredHouseholds", "coalesce(sum(y.workers_from_monitored), 0)")
			.dimension(FigureDimension.ENTERPRISE_KIND, "e.kind", "e.kind")
			.dimension(FigureDimension.INDUSTRY, "e.industry", "e.industry")
			.dimension(FigureDimension.YEAR, "y.year", "''")
			.multiplyingDimension(FigureDimension.DRIVING_MODE, "dm.mode", "dm.mode",
					"cross join lateral unnest(y.modes) as dm(mode)");
		return placedAreas(query, filter, "e").params(scope.parameters())
			.params(period(period))
			.run(this.jdbc, groupBy, FigureRows.EnterpriseRow.class);
	}

	List<FigureRows.CadreRow> cadres(Scope scope, FigureFilter filter, LocalDate on, List<FigureDimension> groupBy) {
		FigureQuery query = FigureQuery.of("Cadre", "posting po")
			.where("po.started_on <= :on and (po.ended_on is null or po.ended_on >= :on)")
			.where(scope.villageIndexPredicate("po.village_id"))
			.param("on", on)
			.measure("firstSecretaries", "count(*) filter (where po.role = 'FIRST_SECRETARY')")
			.measure("teamLeaders", "count(*) filter (where po.role = 'TEAM_LEADER')")
			.measure("teamMembers", "count(*) filter (where po.role = 'TEAM_MEMBER')")
			.measure("villages", "count(distinct po.village_id)")
			.dimension(FigureDimension.CADRE_ROLE, "po.role", "po.role")
			.dimension(FigureDimension.UNIT_LEVEL, "u.level", "u.level",
					"join cadre k on k.id = po.cadre_id join assistance_unit u on u.id = k.dispatching_unit_id");
		return villageAreas(query, filter, "po.village_id").params(scope.parameters())
			.run(this.jdbc, groupBy, FigureRows.CadreRow.class);
	}

	List<FigureRows.AssistanceUnitRow> assistanceUnits(Scope scope, FigureFilter filter, Period period,
			List<FigureDimension> groupBy) {
		// the areas narrow the pairings and the projects, inside the laterals. One row
		// per
		// unit and village it is paired with: a village paired with several units counts
		// once (the report's villages are villages, not pairings), and a unit's own
		// figures are taken from its first row only
		FigureQuery pairings = villageAreas(FigureQuery.of("", ""), filter, "up.village_id");
		FigureQuery projects = projectAreas(FigureQuery.of("", ""), filter);
		FigureQuery query = FigureQuery
			.of("AssistanceUnit",
					"""
							assistance_unit u
							join lateral (
							  select up.village_id, count(*) as pairings,
							    row_number() over (order by up.village_id) = 1 as first
							  from unit_pairing up
							  where up.unit_id = u.id and up.started_on <= :to and (up.ended_on is null or up.ended_on >= :to)
							    and %s and %s
							  group by up.village_id) pv on true
							cross join lateral (
							  select coalesce(sum(f.planned_fen), 0) as funds
							  from project p join fund_allocation f on f.project_id = p.id
							  where pv.first and p.implementing_unit_id = u.id and f.source = 'DESIGNATED_ASSISTANCE'
							    and p.year between :fromYear and :toYear and %s and %s) uf"""
						.formatted(scope.villagePredicate("up.village_id"), pairings.conditions(),
								scope.areaPredicate("p.county_id", "p.town_id", "p.village_id"), projects.conditions()))
			.measure("units", "count(distinct u.id)")
			.measure("pairings", "coalesce(sum(pv.pairings), 0)")
			.measure("villages", "count(distinct pv.village_id)")
			.measure("designatedFunds", yuan("sum(uf.funds)"))
			.dimension(FigureDimension.UNIT_LEVEL, "u.level", "u.level");
		return query.params(pairings.parameters())
			.params(scope.parameters())
			.params(period(period))
			.run(this.jdbc, groupBy, FigureRows.AssistanceUnitRow.class);
	}

	List<FigureRows.VisitRow> visits(Scope scope, FigureFilter filter, OffsetDateTime from, OffsetDateTime before,
			List<FigureDimension> groupBy) {
		FigureQuery query = FigureQuery.of("Visit", "visit vi")
			.where("vi.replaced_by is null")
			.where("vi.occurred_at >= :fromInstant and vi.occurred_at < :beforeInstant")
			.where(scope.visitIndexPredicate("vi.village_id", "vi.cadre_id"))
			.param("fromInstant", from)
			.param("beforeInstant", before)
			.measure("visits", "count(*)")
			.measure("households", "count(distinct vi.household_id)")
			.measure("cadres", "count(distinct vi.cadre_id)")
			.measure("flagged", "count(*) filter (where cardinality(vi.review_flags) > 0)")
			.dimension(FigureDimension.YEAR, "extract(year from vi.occurred_at at time zone 'Asia/Shanghai')::int",
					"''")
			.dimension(FigureDimension.MONTH, "to_char(vi.occurred_at at time zone 'Asia/Shanghai', 'YYYY-MM')", "''")
			.dimension(FigureDimension.VISIT_KIND, "vi.kind", "vi.kind")
			.dimension(FigureDimension.CADRE, "k.id", "k.name", "join cadre k on k.id = vi.cadre_id");
		return villageAreas(query, filter, "vi.village_id").params(scope.parameters())
			.run(this.jdbc, groupBy, FigureRows.VisitRow.class);
	}

	/**
	 * The three guarantees and drinking water as visits found them: per household visited
	 * in the period, each check as its last visit in the period that made it found it (a
	 * visit that did not check leaves the earlier finding standing).
	 */
	List<FigureRows.GuaranteeRow> guarantees(Scope scope, FigureFilter filter, OffsetDateTime from,
			OffsetDateTime before, List<FigureDimension> groupBy) {
		FigureQuery query = FigureQuery
			.of("Guarantee",
					"""
							(select vi.household_id,
							        (array_agg(vi.village_id order by vi.occurred_at desc))[1] as village_id,
							        (array_agg(vi.schooling_secure order by vi.occurred_at desc)
							           filter (where vi.schooling_secure is not null))[1] as schooling,
							        (array_agg(vi.medical_care_secure order by vi.occurred_at desc)
							           filter (where vi.medical_care_secure is not null))[1] as medical_care,
							        (array_agg(vi.housing_safe order by vi.occurred_at desc)
							           filter (where vi.housing_safe is not null))[1] as housing,
							        (array_agg(vi.drinking_water_safe order by vi.occurred_at desc)
							           filter (where vi.drinking_water_safe is not null))[1] as drinking_water
							 from visit vi
							 where %s and vi.household_id is not null
							   and vi.occurred_at >= :fromInstant and vi.occurred_at < :beforeInstant and %s
							 group by vi.household_id) g""".formatted(CURRENT_VISIT,
							scope.visitIndexPredicate("vi.village_id", "vi.cadre_id")))
			.param("fromInstant", from)
			.param("beforeInstant", before)
			.measure("households", "count(*)")
			.measure("schoolingChecked", "count(g.schooling)")
			.measure("schoolingSecure", "count(*) filter (where g.schooling)")
			.measure("medicalCareChecked", "count(g.medical_care)")
			.measure("medicalCareSecure", "count(*) filter (where g.medical_care)")
			.measure("housingChecked", "count(g.housing)")
			.measure("housingSafe", "count(*) filter (where g.housing)")
			.measure("drinkingWaterChecked", "count(g.drinking_water)")
			.measure("drinkingWaterSafe", "count(*) filter (where g.drinking_water)");
		return villageAreas(query, filter, "g.village_id").params(scope.parameters())
			.run(this.jdbc, groupBy, FigureRows.GuaranteeRow.class);
	}

	List<FigureRows.VisitCoverageRow> visitCoverage(Scope scope, FigureFilter filter, OffsetDateTime since,
			List<FigureDimension> groupBy) {
		FigureQuery query = FigureQuery
			.of("VisitCoverage",
					"""
							household h
							left join (select distinct vi.household_id from visit vi
							           where vi.occurred_at >= :since and %s) seen on seen.household_id = h.id"""
						.formatted(CURRENT_VISIT))
			.where(MONITORED_HOUSEHOLD)
			.where(scope.villageIndexPredicate("h.village_id"))
			.param("since", since)
			.measure("monitoredHouseholds", "count(*)")
			.measure("visitedHouseholds", "count(seen.household_id)")
			.measure("unvisitedHouseholds", "count(*) - count(seen.household_id)")
			.measure("unvisitedVillages",
					"count(distinct h.village_id) - count(distinct h.village_id) filter (where seen.household_id is not null)");
		return villageAreas(query, filter, "h.village_id").params(scope.parameters())
			.run(this.jdbc, groupBy, FigureRows.VisitCoverageRow.class);
	}

	/** Households whose per-capita net income is below this (8,000 yuan) are watched. */
	static final long INCOME_THRESHOLD_FEN = 800_000;

	/**
	 * The out-of-poverty population (脱贫人口): its household-years in the period's years,
	 * each with the same household's year before and its people in work.
	 */
	List<FigureRows.PopulationRow> population(Scope scope, FigureFilter filter, Period period,
			List<FigureDimension> groupBy) {
		// one row a household-year, which carries its people in work and the same
		// household's year before (V34): no other row is read but the relocated
		// households' keys, hashed once
		FigureQuery query = FigureQuery.of("Population", "exited_household_year y")
			.where("y.year between :fromYear and :toYear")
			.where(scope.villagePredicate("y.village_id"))
			.param("threshold", INCOME_THRESHOLD_FEN)
			.measure("households", "count(*)")
			.measure("people", "coalesce(sum(y.people), 0)")
			.measure("peopleInWork", "coalesce(sum(y.people_in_work), 0)")
			.measure("incomeFen", "coalesce(sum(y.per_capita_income_fen * y.people), 0)")
			.measure("previousPeople", "coalesce(sum(y.previous_people), 0)")
			.measure("previousIncomeFen", "coalesce(sum(y.previous_per_capita_income_fen * y.previous_people), 0)")
			.measure("householdsBelowThreshold", "count(*) filter (where y.per_capita_income_fen < :threshold)")
			.measure("householdsIncomeFell",
					"count(*) filter (where y.per_capita_income_fen < y.previous_per_capita_income_fen)")
			.measure("relocatedHouseholds",
					"count(*) filter (where y.household_id in (select rh.id from exited_household rh where rh.relocated))")
			.dimension(FigureDimension.YEAR, "y.year", "''");
		return villageAreas(query, filter, "y.village_id").params(scope.parameters())
			.params(period(period))
			.run(this.jdbc, groupBy, FigureRows.PopulationRow.class);
	}

	/** People out of poverty in work in the period's years, by where and how. */
	List<FigureRows.EmploymentRow> employment(Scope scope, FigureFilter filter, Period period,
			List<FigureDimension> groupBy) {
		FigureQuery query = FigureQuery.of("Employment", "exited_household_employment e")
			.where("e.year between :fromYear and :toYear")
			.where(scope.villagePredicate("e.village_id"))
			.measure("peopleInWork", "coalesce(sum(e.people), 0)")
			// a household once a year: one number for the pair counts apart faster than a
			// row
			.measure("households", "count(distinct e.household_id * 10000 + e.year)")
			.dimension(FigureDimension.YEAR, "e.year", "''")
			.dimension(FigureDimension.WORK_PLACE, "e.place", "e.place")
			.dimension(FigureDimension.WORK_KIND, "e.kind", "e.kind");
		return villageAreas(query, filter, "e.village_id").params(scope.parameters())
			.params(period(period))
			.run(this.jdbc, groupBy, FigureRows.EmploymentRow.class);
	}

	/**
	 * Microcredit issued by the period's last day, with what was repaid of it by then.
	 * Grouped by {@code YEAR}, the year of issue.
	 */
	List<FigureRows.MicrocreditRow> microcredit(Scope scope, FigureFilter filter, Period period,
			List<FigureDimension> groupBy) {
		// what was repaid by then: all that was, when the last repayment came by then;
		// nothing, before any; else the repayments by then, from the loan's index
		String owed = """
				(l.amount_fen - case when l.repaid_on <= :to then l.repaid_fen when l.repaid_on is null then 0
				                     else (select coalesce(sum(r.amount_fen), 0) from microcredit_repayment r
				                           where r.loan_id = l.id and r.repaid_on <= :to) end)""";
		FigureQuery query = FigureQuery.of("Microcredit", "microcredit_loan l")
			.where("l.issued_on <= :to")
			.where(scope.villagePredicate("l.village_id"))
			.measure("loans", "count(*)")
			.measure("issued", yuan("sum(l.amount_fen)"))
			.measure("loansInPeriod", "count(*) filter (where l.issued_on >= :from)")
			.measure("issuedInPeriod", yuan("sum(l.amount_fen) filter (where l.issued_on >= :from)"))
			.measure("outstandingLoans", "count(*) filter (where %s > 0)".formatted(owed))
			.measure("outstandingBalance", yuan("sum(%s)".formatted(owed)))
			.measure("overdueLoans", "count(*) filter (where %s > 0 and l.due_on < :to)".formatted(owed))
			.measure("overdueBalance", yuan("sum(%s) filter (where l.due_on < :to)".formatted(owed)))
			.dimension(FigureDimension.YEAR, "extract(year from l.issued_on)::int", "''");
		return villageAreas(query, filter, "l.village_id").params(scope.parameters())
			.params(period(period))
			.run(this.jdbc, groupBy, FigureRows.MicrocreditRow.class);
	}

	/**
	 * Training of people out of poverty in the period's years: a row per household,
	 * programme and year, with its people counted.
	 */
	List<FigureRows.TrainingRow> training(Scope scope, FigureFilter filter, Period period,
			List<FigureDimension> groupBy) {
		FigureQuery query = FigureQuery.of("Training", "exited_household_training t")
			.where("t.year between :fromYear and :toYear")
			.where(scope.villagePredicate("t.village_id"))
			.measure("peopleTrained", "coalesce(sum(t.people), 0)")
			// a household once a year, as in employment
			.measure("households", "count(distinct t.household_id * 10000 + t.year)")
			.measure("yuluPlanStudents", "coalesce(sum(t.people) filter (where t.programme = 'YULU_PLAN'), 0)")
			.measure("yuluPlanSubsidy", yuan("sum(t.subsidy_fen) filter (where t.programme = 'YULU_PLAN')"))
			.measure("subsidy", yuan("sum(t.subsidy_fen)"))
			.dimension(FigureDimension.YEAR, "t.year", "''")
			.dimension(FigureDimension.TRAINING_PROGRAMME, "t.programme", "t.programme");
		return villageAreas(query, filter, "t.village_id").params(scope.parameters())
			.params(period(period))
			.run(this.jdbc, groupBy, FigureRows.TrainingRow.class);
	}

	/** Public-welfare jobs held at any time in the period, by their village. */
	List<FigureRows.PublicWelfareJobRow> publicWelfareJobs(Scope scope, FigureFilter filter, Period period,
			List<FigureDimension> groupBy) {
		FigureQuery query = FigureQuery.of("PublicWelfareJob", "public_welfare_job j")
			.where("j.started_on <= :to and (j.ended_on is null or j.ended_on >= :from)")
			.where(scope.villagePredicate("j.village_id"))
			.measure("jobs", "count(*)")
			.measure("households", "count(distinct j.household_id)")
			.measure("jobsTakenUp", "count(*) filter (where j.started_on >= :from)")
			.measure("jobsHeldAtEnd", "count(*) filter (where j.ended_on is null or j.ended_on >= :to)")
			.dimension(FigureDimension.PUBLIC_WELFARE_JOB_KIND, "j.kind", "j.kind");
		return villageAreas(query, filter, "j.village_id").params(scope.parameters())
			.params(period(period))
			.run(this.jdbc, groupBy, FigureRows.PublicWelfareJobRow.class);
	}

	/**
	 * Registered households moved to relocation communities, as the register holds them
	 * now, each with its people in work and support in the period's years. The areas are
	 * the communities'; the jurisdiction the households' villages', as for the register.
	 */
	List<FigureRows.RelocationRow> relocation(Scope scope, FigureFilter filter, Period period,
			List<FigureDimension> groupBy) {
		// one row a household: its years' people in work (kept on the year from its work
		// rows, V34) and support summed in laterals that find at most one row each
		FigureQuery query = FigureQuery.of("Relocation", """
				exited_household eh
				cross join lateral (select coalesce(sum(y.people_in_work), 0) as in_work from exited_household_year y
				                    where y.household_id = eh.id and y.year between :fromYear and :toYear) w
				cross join lateral (select count(*) as records, coalesce(sum(s.amount_fen), 0) as amount
				                    from relocation_support s
				                    where s.household_id = eh.id and s.year between :fromYear and :toYear) rs""")
			.where("eh.relocation_community_id is not null")
			.where(scope.villagePredicate("eh.village_id"))
			.measure("communities", "count(distinct eh.relocation_community_id)")
			.measure("households", "count(*)")
			.measure("people", "coalesce(sum(eh.people), 0)")
			.measure("peopleInWork", "coalesce(sum(w.in_work), 0)")
			.measure("householdsSupported", "count(*) filter (where rs.records > 0)")
			.measure("supportAmount", yuan("sum(rs.amount)"));
		return villageAreas(query, filter, "eh.relocation_community_id").params(scope.parameters())
			.params(period(period))
			.run(this.jdbc, groupBy, FigureRows.RelocationRow.class);
	}

	/**
	 * Villages and communities (村、社区) and their own records: the legal adviser in post on
	 * the period's last day, a plan compiled in the period's years, the collective income
	 * of the period's last year. Each village counts once: every join finds at most one
	 * row for it.
	 */
	List<FigureRows.VillageRow> villages(Scope scope, FigureFilter filter, Period period,
			List<FigureDimension> groupBy) {
		FigureQuery query = FigureQuery.of("Village",
				"""
						village v
						left join relocation_community rc on rc.village_id = v.id
						left join village_collective_income ci on ci.village_id = v.id and ci.year = :toYear
						cross join lateral (
						  select exists (select from legal_adviser_posting la
						                 where la.village_id = v.id and la.started_on <= :to
						                   and (la.ended_on is null or la.ended_on >= :to)) as advised,
						         exists (select from village_plan vp
						                 where vp.village_id = v.id and vp.compiled_year between :fromYear and :toYear) as planned) g""")
			.where(scope.villageIndexPredicate("v.id"))
			.param("threshold", VILLAGE_INCOME_THRESHOLD_FEN)
			.measure("villages", "count(*)")
			.measure("communities", "count(*) filter (where v.kind = 'COMMUNITY')")
			.measure("relocationCommunities", "count(rc.village_id)")
			.measure("householdsMoved", "coalesce(sum(rc.households_moved), 0)")
			.measure("peopleMoved", "coalesce(sum(rc.people_moved), 0)")
			.measure("villagesWithLegalAdviser", "count(*) filter (where g.advised)")
			.measure("villagesWithPlanCompiled", "count(*) filter (where g.planned)")
			.measure("villagesWithIncomeRecorded", "count(ci.id)")
			.measure("collectiveIncome", yuan("sum(ci.income_fen)"))
			.measure("averageCollectiveIncome", "round(coalesce(avg(ci.income_fen), 0) / 100.0, 2)")
			.measure("villagesWithIncomeOver100k", "count(*) filter (where ci.income_fen >= :threshold)");
		return villageAreas(query, filter, "v.id").params(scope.parameters())
			.params(period(period))
			.run(this.jdbc, groupBy, FigureRows.VillageRow.class);
	}

	/**
	 * Supervision rounds and their problems, as one list of facts ({@code s}): a row per
	 * area or body a round covered (kind {@code C}), of the rounds that started in the
	 * period, and a row per problem found by the period's last day (kind {@code P}),
	 * whatever the round's year. Coverage counts distinct areas and bodies; problems
	 * count by the days they were found and closed. Rows lie where their county, town and
	 * village say; zones and departments in no county, in the scope of the round's city.
	 */
	List<FigureRows.SupervisionRow> supervision(Scope scope, FigureFilter filter, Period period,
			List<FigureDimension> groupBy) {
		FigureQuery query = FigureQuery.of("Supervision", """
				(select 'P' as kind, p.round_id, r.city_id, r.year, p.county_id, p.town_id, p.village_id,
				        null::text as zone, null::text as department, p.category, p.found_on, p.closed_on, p.deadline,
				        case when p.closed_on <= :to then 'CLOSED' when p.deadline < :to then 'OVERDUE'
				             else 'IN_TIME' end as rectification
				 from supervision_problem p join supervision_round r on r.id = p.round_id
				 where p.found_on <= :to
				 union all
				 select 'C', c.round_id, r.city_id, r.year, c.county_id, c.town_id, c.village_id, c.zone, c.department,
				        null, null, null, null, null
				 from supervision_coverage c join supervision_round r on r.id = c.round_id
				 where r.started_on between :from and :to) s""")
			.where("""
					(case when s.county_id is null
					      then :scope_all or s.city_id = any(string_to_array(:scope_cities, ',')::bigint[])
					      else %s end)""".formatted(scope.areaPredicate("s.county_id", "s.town_id", "s.village_id")))
			.where("(cast(:countyCode as text) is null or s.county_id = (select id from county where code = :countyCode))")
			.where("(cast(:townCode as text) is null or s.town_id = (select id from town where code = :townCode))")
			.where("(cast(:villageCode as text) is null or s.village_id = (select id from village where code = :villageCode))")
			.where("""
					(not :keyAreasOnly or s.county_id in (select id from county where key_designation is not null)
					 or s.town_id in (select id from town where key_designation is not null)
					 or s.village_id in (select id from village where key_designation is not null))""")
			.measure("rounds", "count(distinct s.round_id) filter (where s.kind = 'C')")
			.measure("counties", "count(distinct s.county_id) filter (where s.kind = 'C')")
			.measure("zones", "count(distinct s.zone)")
			.measure("towns", "count(distinct s.town_id) filter (where s.kind = 'C')")
			.measure("villages", "count(distinct s.village_id) filter (where s.kind = 'C')")
			.measure("departments", "count(distinct s.department)")
			.measure("problemsFound", "count(*) filter (where s.kind = 'P' and s.found_on >= :from)")
			.measure("problemsRectified", "count(*) filter (where s.kind = 'P' and s.closed_on between :from and :to)")
			.measure("problemsOpen",
					"count(*) filter (where s.kind = 'P' and (s.closed_on is null or s.closed_on > :to))")
			.measure("problemsOverdue",
					"""
							count(*) filter (where s.kind = 'P' and (s.closed_on is null or s.closed_on > :to) and s.deadline < :to)""")
			.dimension(FigureDimension.COUNTY, "gc.code", "gc.name", "left join county gc on gc.id = s.county_id")
			.dimension(FigureDimension.TOWN, "gt.code", "gt.name", "left join town gt on gt.id = s.town_id")
			.dimension(FigureDimension.VILLAGE, "gv.code", "gv.name", "left join village gv on gv.id = s.village_id")
			.dimension(FigureDimension.YEAR, "s.year", "''")
			.dimension(FigureDimension.PROBLEM_CATEGORY, "s.category", "s.category")
			// computed in the rows: a dimension's expression may hold no parameter, which
			// would make it differ from itself in the grouping sets
			.dimension(FigureDimension.RECTIFICATION, "s.rectification", "''");
		return areaParameters(query, filter).params(scope.parameters())
			.params(period(period))
			.run(this.jdbc, groupBy, FigureRows.SupervisionRow.class);
	}

	/**
	 * The area filters, as predicates on the row's village, and the area dimensions, each
	 * joining what it needs.
	 */
	static FigureQuery villageAreas(FigureQuery query, FigureFilter filter, String village) {
		return areaParameters(query, filter)
			.where("""
					(cast(:countyCode as text) is null or %s in (select fv.id from village fv join town ft on ft.id = fv.town_id
					                                             join county fc on fc.id = ft.county_id where fc.code = :countyCode))"""
				.formatted(village))
			.where("""
					(cast(:townCode as text) is null or %s in (select fv.id from village fv join town ft on ft.id = fv.town_id
					                                           where ft.code = :townCode))"""
				.formatted(village))
			.where("(cast(:villageCode as text) is null or %s = (select fv.id from village fv where fv.code = :villageCode))"
				.formatted(village))
			.where("(not :keyAreasOnly or %s in (%s))".formatted(village, KEY_VILLAGES))
			.dimension(FigureDimension.VILLAGE, "gv.code", "gv.name", "join village gv on gv.id = " + village)
			.dimension(FigureDimension.TOWN, "gt.code", "gt.name",
					"join village gtv on gtv.id = %s join town gt on gt.id = gtv.town_id".formatted(village))
			.dimension(FigureDimension.COUNTY, "gc.code", "gc.name", """
					join village gcv on gcv.id = %s join town gct on gct.id = gcv.town_id
					join county gc on gc.id = gct.county_id""".formatted(village));
	}

	/**
	 * The area filters and dimensions of projects, which lie in a county, town or
	 * village.
	 */
	private static FigureQuery projectAreas(FigureQuery query, FigureFilter filter) {
		return placedAreas(query, filter, "p");
	}

	/**
	 * The area filters and dimensions of rows that lie in a county, town or village
	 * (projects, bodies that drive households), by the alias of their table.
	 */
	private static FigureQuery placedAreas(FigureQuery query, FigureFilter filter, String alias) {
		return areaParameters(query, filter).where(
				"(cast(:countyCode as text) is null or %s.county_id = (select id from county where code = :countyCode))"
					.formatted(alias))
			.where("(cast(:townCode as text) is null or %s.town_id = (select id from town where code = :townCode))"
				.formatted(alias))
			.where("(cast(:villageCode as text) is null or %s.village_id = (select id from village where code = :villageCode))"
				.formatted(alias))
			.where("""
					(not :keyAreasOnly or %1$s.county_id in (select id from county where key_designation is not null)
					 or %1$s.town_id in (select id from town where key_designation is not null)
					 or %1$s.village_id in (select id from village where key_designation is not null))"""
				.formatted(alias))
			.dimension(FigureDimension.COUNTY, "gc.code", "gc.name",
					"join county gc on gc.id = %s.county_id".formatted(alias))
			.dimension(FigureDimension.TOWN, "gt.code", "gt.name",
					"left join town gt on gt.id = %s.town_id".formatted(alias))
			.dimension(FigureDimension.VILLAGE, "gv.code", "gv.name",
					"left join village gv on gv.id = %s.village_id".formatted(alias));
	}

	private static FigureQuery areaParameters(FigureQuery query, FigureFilter filter) {
		return query.param("countyCode", filter.countyCode())
			.param("townCode", filter.townCode())
			.param("villageCode", filter.villageCode())
			.param("keyAreasOnly", Boolean.TRUE.equals(filter.keyAreasOnly()));
	}

	private static Map<String, @Nullable Object> period(Period period) {
		return Map.of("from", period.from(), "to", period.to(), "fromYear", period.from().getYear(), "toYear",
				period.to().getYear(), "past", period.past());
	}

	/** A sum of fen as yuan with two decimals. */
	private static String yuan(String sumOfFen) {
		return "round(coalesce(%s, 0) / 100.0, 2)".formatted(sumOfFen);
	}

}
