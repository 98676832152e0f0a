package cn.ankang.bangfu.figure;

import java.util.List;

import cn.ankang.bangfu.security.jurisdiction.Scope;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the villages and communities (村、社区) as such: their relocation communities,
 * legal advisers, plans and collective incomes.
 */
@Repository
class VillageFigureRepository {

	/**
	 * The collective income the report counts villages above (培育村集体经济收益10万元以上村): 100,000
	 * yuan, in fen.
	 */
	static final long VILLAGE_INCOME_THRESHOLD_FEN = 100_000L * 100;

	private final JdbcClient jdbc;

	// the client on the figures' database, the one their transactions are on
	VillageFigureRepository(@Qualifier(FigureDatabase.JDBC_CLIENT) JdbcClient jdbc) {
		this.jdbc = jdbc;
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
			.measure("collectiveIncome", FigureSql.yuan("sum(ci.income_fen)"))
			.measure("averageCollectiveIncome", "round(coalesce(avg(ci.income_fen), 0) / 100.0, 2)")
			.measure("villagesWithIncomeOver100k", "count(*) filter (where ci.income_fen >= :threshold)");
		return FigureSql.villageAreas(query, filter, "v.id")
			.params(scope.parameters())
			.params(FigureSql.period(period))
			.run(this.jdbc, groupBy, FigureRows.VillageRow.class);
	}

}
