package cn.ankang.bangfu.figure;

import java.util.List;

import cn.ankang.bangfu.security.jurisdiction.Scope;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the supervision rounds (督导) and the problems they found, whose rows lie in
 * areas, zones and departments rather than in a village.
 */
@Repository
class SupervisionFigureRepository {

	private final JdbcClient jdbc;

	// the client on the figures' database, the one their transactions are on
	SupervisionFigureRepository(@Qualifier(FigureDatabase.JDBC_CLIENT) JdbcClient jdbc) {
		this.jdbc = jdbc;
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
		return FigureSql.areaParameters(query, filter)
			.params(scope.parameters())
			.params(FigureSql.period(period))
			.run(this.jdbc, groupBy, FigureRows.SupervisionRow.class);
	}

}
