package cn.ankang.bangfu.figure;

import java.util.List;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.security.jurisdiction.Scope;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the funds, the projects they pay for and the bodies that drive households:
 * the figures of rows that lie in a county, town or village, not only in a village.
 */
@Repository
class ProjectFigureRepository {

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

	private final JdbcClient jdbc;

	// the client on the figures' database, the one their transactions are on
	ProjectFigureRepository(@Qualifier(FigureDatabase.JDBC_CLIENT) JdbcClient jdbc) {
		this.jdbc = jdbc;
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
			.measure("allocated", FigureSql.yuan("sum(f.planned_fen)"))
			.measure("spent", FigureSql.yuan("sum(%s)".formatted(SPENT_AS_OF)))
			.measure("projects", "count(distinct p.id)")
			.measure("keyCountyAllocated",
					FigureSql.yuan("sum(f.planned_fen) filter (where c.key_designation is not null)"))
			.dimension(FigureDimension.FUND_SOURCE, "f.source", "f.source")
			.dimension(FigureDimension.YEAR, "p.year", "''")
			.dimension(FigureDimension.INDUSTRY, "p.industry", "p.industry")
			.dimension(FigureDimension.CATEGORY, "p.category", "p.category")
			.dimension(FigureDimension.PROJECT_STATUS, "pst.status", "pst.status");
		return FigureSql.projectAreas(query, filter)
			.params(scope.parameters())
			.params(FigureSql.period(period))
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
			.measure("planned", FigureSql.yuan("sum(p.planned_fen)"))
			.measure("spent", FigureSql.yuan("sum(pf.spent)"))
			.measure("beneficiaryHouseholds", "coalesce(sum(p.beneficiary_households), 0)")
			.dimension(FigureDimension.PROJECT_STATUS, "pst.status", "pst.status")
			.dimension(FigureDimension.CATEGORY, "p.category", "p.category")
			.dimension(FigureDimension.INDUSTRY, "p.industry", "p.industry")
			.dimension(FigureDimension.YEAR, "p.year", "''");
		return FigureSql.projectAreas(query, filter)
			.params(scope.parameters())
			.params(FigureSql.period(period))
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
		return FigureSql.placedAreas(query, filter, "e")
			.params(scope.parameters())
			.params(FigureSql.period(period))
			.run(this.jdbc, groupBy, FigureRows.EnterpriseRow.class);
	}

}
