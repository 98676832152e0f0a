package cn.ankang.bangfu.monitoring;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the tasks that records outside the case workflow open and close: recording a
 * measure's result ({@link MeasureResultTasks}) and rectifying a supervision problem
 * ({@link ProblemTasks}).
 */
@Repository
class MeasureAndProblemTaskRepository {

	private final JdbcClient jdbc;

	MeasureAndProblemTaskRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A task for the village's cadres to record a measure's result. */
	void createForMeasure(long measure, long household, long village, LocalDate dueOn) {
		this.jdbc.sql("""
				insert into task (kind, assignee_role, measure_id, household_id, village_id, town_id, county_id, due_on)
				select 'RECORD_MEASURE_RESULT', 'CADRE', :measure, :household, v.id, v.town_id, t.county_id, :due
				from village v join town t on t.id = v.town_id
				where v.id = :village
				  and not exists (select 1 from task where measure_id = :measure and status = 'OPEN')""")
			.param("measure", measure)
			.param("household", household)
			.param("village", village)
			.param("due", dueOn)
			.update();
	}

	/** Closes the task that waited for the measure's result, if one did. */
	void closeForMeasure(long measure, long userKey) {
		this.jdbc.sql("""
				update task set status = 'DONE', closed_at = now(), closed_by = :user
				where measure_id = :measure and status = 'OPEN'""")
			.param("measure", measure)
			.param("user", userKey)
			.update();
	}

	/**
	 * A task to rectify a supervision problem, for those where it was found: the
	 * village's cadres, else the town's officers, else the county's; none while one is
	 * open.
	 */
	void createForProblem(long problem, long county, @Nullable Long town, @Nullable Long village, LocalDate dueOn) {
		this.jdbc.sql("""
				insert into task (kind, assignee_role, supervision_problem_id, village_id, town_id, county_id, due_on)
				select 'RECTIFY_PROBLEM',
				       case when cast(:village as bigint) is not null then 'CADRE'
				            when cast(:town as bigint) is not null then 'TOWN_OFFICER' else 'COUNTY_OFFICER' end,
				       :problem, :village, :town, :county, :due
				where not exists (select 1 from task where supervision_problem_id = :problem and status = 'OPEN')""")
			.param("problem", problem)
			.param("village", village)
			.param("town", town)
			.param("county", county)
			.param("due", dueOn)
			.update();
	}

	/** Moves the open task of rectifying the problem, if there is one, to the day. */
	void moveDueForProblem(long problem, LocalDate dueOn) {
		this.jdbc.sql("""
				update task set due_on = :due
				where supervision_problem_id = :problem and status = 'OPEN' and due_on <> :due""")
			.param("problem", problem)
			.param("due", dueOn)
			.update();
	}

	/** Closes the task that waited for the problem's rectification, if one did. */
	void closeForProblem(long problem, long userKey) {
		this.jdbc.sql("""
				update task set status = 'DONE', closed_at = now(), closed_by = :user
				where supervision_problem_id = :problem and status = 'OPEN'""")
			.param("problem", problem)
			.param("user", userKey)
			.update();
	}

}
