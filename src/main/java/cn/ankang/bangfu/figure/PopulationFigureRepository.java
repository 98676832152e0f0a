package cn.ankang.bangfu.figure;

import java.util.List;

import cn.ankang.bangfu.security.jurisdiction.Scope;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the out-of-poverty population (脱贫人口), from its register: its households'
 * incomes, their work, microcredit, training and public-welfare jobs, and those moved to
 * relocation communities.
 */
@Repository
class PopulationFigureRepository {

	/** Households whose per-capita net income is below this (8,000 yuan) are watched. */
	static final long INCOME_THRESHOLD_FEN = 800_000;

	private final JdbcClient jdbc;

	// the client on the figures' database, the one their transactions are on
	PopulationFigureRepository(@Qualifier(FigureDatabase.JDBC_CLIENT) JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

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
		return FigureSql.villageAreas(query, filter, "y.village_id")
			.params(scope.parameters())
			.params(FigureSql.period(period))
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
		return FigureSql.villageAreas(query, filter, "e.village_id")
			.params(scope.parameters())
			.params(FigureSql.period(period))
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
			.measure("issued", FigureSql.yuan("sum(l.amount_fen)"))
			.measure("loansInPeriod", "count(*) filter (where l.issued_on >= :from)")
			.measure("issuedInPeriod", FigureSql.yuan("sum(l.amount_fen) filter (where l.issued_on >= :from)"))
			.measure("outstandingLoans", "count(*) filter (where %s > 0)".formatted(owed))
			.measure("outstandingBalance", FigureSql.yuan("sum(%s)".formatted(owed)))
			.measure("overdueLoans", "count(*) filter (where %s > 0 and l.due_on < :to)".formatted(owed))
			.measure("overdueBalance", FigureSql.yuan("sum(%s) filter (where l.due_on < :to)".formatted(owed)))
			.dimension(FigureDimension.YEAR, "extract(year from l.issued_on)::int", "''");
		return FigureSql.villageAreas(query, filter, "l.village_id")
			.params(scope.parameters())
			.params(FigureSql.period(period))
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
			.measure("yuluPlanSubsidy", FigureSql.yuan("sum(t.subsidy_fen) filter (where t.programme = 'YULU_PLAN')"))
			.measure("subsidy", FigureSql.yuan("sum(t.subsidy_fen)"))
			.dimension(FigureDimension.YEAR, "t.year", "''")
			.dimension(FigureDimension.TRAINING_PROGRAMME, "t.programme", "t.programme");
		return FigureSql.villageAreas(query, filter, "t.village_id")
			.params(scope.parameters())
			.params(FigureSql.period(period))
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
		return FigureSql.villageAreas(query, filter, "j.village_id")
			.params(scope.parameters())
			.params(FigureSql.period(period))
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
			.measure("supportAmount", FigureSql.yuan("sum(rs.amount)"));
		return FigureSql.villageAreas(query, filter, "eh.relocation_community_id")
			.params(scope.parameters())
			.params(FigureSql.period(period))
			.run(this.jdbc, groupBy, FigureRows.RelocationRow.class);
	}

}
