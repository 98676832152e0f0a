package cn.ankang.bangfu.figure;

import java.time.OffsetDateTime;
import java.util.List;

import cn.ankang.bangfu.security.jurisdiction.Scope;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the visits: how many were made, what they found of the three guarantees and
 * drinking water, and which households under monitoring they reached. The definitions of
 * a monitored household and of a visit that counts are the unvisited lists' too
 * ({@link UnvisitedRepository}), so that the lists add up to the coverage figure.
 */
@Repository
class VisitFigureRepository {

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

	private final JdbcClient jdbc;

	// the client on the figures' database, the one their transactions are on
	VisitFigureRepository(@Qualifier(FigureDatabase.JDBC_CLIENT) JdbcClient jdbc) {
		this.jdbc = jdbc;
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
		return FigureSql.villageAreas(query, filter, "vi.village_id")
			.params(scope.parameters())
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
		return FigureSql.villageAreas(query, filter, "g.village_id")
			.params(scope.parameters())
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
		return FigureSql.villageAreas(query, filter, "h.village_id")
			.params(scope.parameters())
			.run(this.jdbc, groupBy, FigureRows.VisitCoverageRow.class);
	}

}
