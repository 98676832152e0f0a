package cn.ankang.bangfu.figure;

import java.time.LocalDate;
import java.util.List;

import cn.ankang.bangfu.security.jurisdiction.Scope;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the assistance figures: the households under monitoring and the measures
 * applied to them, and those who assist them, the resident cadres in post and the units
 * in designated assistance.
 */
@Repository
class AssistanceFigureRepository {

	private final JdbcClient jdbc;

	// the client on the figures' database, the one their transactions are on
	AssistanceFigureRepository(@Qualifier(FigureDatabase.JDBC_CLIENT) JdbcClient jdbc) {
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
		// people and category are the household's as they are now, which its cases carry
		// (kept by triggers, V11 and V39): no member or household rows read
		FigureQuery query = FigureQuery.of("Monitoring", "monitoring_case c")
			.where("c.included_on <= :to")
			.where("(c.superseded_on is null or c.superseded_on > :to)")
			.where(scope.villageIndexPredicate("c.village_id"))
			.measure("households", "count(*)")
			.measure("people", "coalesce(sum(c.household_member_count), 0)")
			.measure("newHouseholds", "count(*) filter (where c.included_on >= :from)")
			.measure("newPeople", "coalesce(sum(c.household_member_count) filter (where c.included_on >= :from), 0)")
			.measure("eliminatedHouseholds", "count(*) filter (where c.eliminated_on <= :to)")
			.measure("eliminatedPeople",
					"coalesce(sum(c.household_member_count) filter (where c.eliminated_on <= :to), 0)")
			.dimension(FigureDimension.CATEGORY, "c.household_category", "c.household_category")
			.multiplyingDimension(FigureDimension.RISK_TYPE, "rt.risk", "rt.risk",
					"cross join lateral unnest(c.risk_types) as rt(risk)")
			.dimension(FigureDimension.YEAR, "extract(year from c.included_on)::int", "''")
			.dimension(FigureDimension.MONTH, "to_char(c.included_on, 'YYYY-MM')", "''");
		return FigureSql.villageAreas(query, filter, "c.village_id")
			.params(scope.parameters())
			.params(FigureSql.period(period))
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
		return FigureSql.villageAreas(query, filter, "am.village_id")
			.params(scope.parameters())
			.params(FigureSql.period(period))
			.run(this.jdbc, groupBy, FigureRows.MeasureRow.class);
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
		return FigureSql.villageAreas(query, filter, "po.village_id")
			.params(scope.parameters())
			.run(this.jdbc, groupBy, FigureRows.CadreRow.class);
	}

	List<FigureRows.AssistanceUnitRow> assistanceUnits(Scope scope, FigureFilter filter, Period period,
			List<FigureDimension> groupBy) {
		// the areas narrow the pairings and the projects, inside the laterals. One row
		// per
		// unit and village it is paired with: a village paired with several units counts
		// once (the report's villages are villages, not pairings), and a unit's own
		// figures are taken from its first row only
		FigureQuery pairings = FigureSql.villageAreas(FigureQuery.of("", ""), filter, "up.village_id");
		FigureQuery projects = FigureSql.projectAreas(FigureQuery.of("", ""), filter);
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
			.measure("designatedFunds", FigureSql.yuan("sum(uf.funds)"))
			.dimension(FigureDimension.UNIT_LEVEL, "u.level", "u.level");
		return query.params(pairings.parameters())
			.params(scope.parameters())
			.params(FigureSql.period(period))
			.run(this.jdbc, groupBy, FigureRows.AssistanceUnitRow.class);
	}

}
