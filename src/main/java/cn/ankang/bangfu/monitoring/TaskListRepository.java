package cn.ankang.bangfu.monitoring;

import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import cn.ankang.bangfu.security.jurisdiction.Scope;
import cn.ankang.bangfu.shared.relay.PageRequest;
import cn.ankang.bangfu.shared.values.Rows;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL that reads tasks: by key and by case, a user's queue with the overdue ones one
 * level below, an area's list, one task locked for its completion, and the postings that
 * say whose queue a village's tasks are in. Tasks are created, completed and closed by
 * {@link TaskRepository}.
 */
@Repository
class TaskListRepository {

	static final String MY_TASKS = "myTasks";

	static final String TASKS = "tasks";

	private static final RowMapper<Task> TASK = (rs, n) -> new Task(rs.getLong("id"),
			Rows.enumOf(rs, "kind", Task.Kind.class), Rows.enumOf(rs, "assignee_role", Task.Assignee.class),
			Rows.enumOf(rs, "status", Task.Status.class), Rows.longOrNull(rs, "case_id"),
			Rows.longOrNull(rs, "warning_id"), Rows.longOrNull(rs, "household_id"), Rows.longOrNull(rs, "village_id"),
			Rows.date(rs, "due_on"), rs.getString("redo_reason"), Rows.timestamp(rs, "created_at"),
			(rs.getObject("closed_at") != null) ? Rows.timestamp(rs, "closed_at") : null, rs.getBoolean("overdue"),
			rs.getBoolean("escalated"), Rows.longOrNull(rs, "measure_id"),
			Rows.longOrNull(rs, "supervision_problem_id"));

	private final JdbcClient jdbc;

	TaskListRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	private static String inScope(Scope scope) {
		return scope.placePredicate("t.village_id", "t.town_id", "t.county_id");
	}

	private static final String COLUMNS = "t.*, (t.status = 'OPEN' and t.due_on < :today) as overdue";

	Map<Long, Task> tasksByKeys(Collection<Long> keys, Scope scope) {
		Map<Long, Task> result = new LinkedHashMap<>();
		if (keys.isEmpty()) {
			return result;
		}
		this.jdbc
			.sql("select %s, false as escalated from task t where t.id = any(:keys) and %s".formatted(COLUMNS,
					inScope(scope)))
			.params(scope.parameters())
			.param("today", scope.today())
			.param("keys", keys.toArray(Long[]::new))
			.query(TASK)
			.list()
			.forEach((task) -> result.put(task.key(), task));
		return result;
	}

	List<Task> openTasksOfCases(Collection<Long> caseKeys, Scope scope) {
		return this.jdbc
			.sql("""
					select %s, false as escalated from task t
					where t.case_id = any(:keys) and t.status = 'OPEN' and %s order by t.due_on, t.id"""
				.formatted(COLUMNS, inScope(scope)))
			.params(scope.parameters())
			.param("today", scope.today())
			.param("keys", caseKeys.toArray(Long[]::new))
			.query(TASK)
			.list();
	}

	/**
	 * Open tasks of a user's queue: their own ({@code own}, a predicate) and the overdue
	 * ones one level below ({@code below}), oldest due first.
	 */
	List<Task> queue(String own, String below, Map<String, ?> params, LocalDate today, PageRequest page) {
		DueKey after = page.after(MY_TASKS, 2, DueKey::of);
		return this.jdbc
			.sql("""
					select %1$s, not (%2$s) as escalated from task t
					where t.status = 'OPEN' and ((%2$s) or (t.due_on < :today and %3$s))
					  and (cast(:afterDue as date) is null or (t.due_on, t.id) > (cast(:afterDue as date), cast(:afterId as bigint)))
					order by t.due_on, t.id
					limit :limit"""
				.formatted(COLUMNS, own, below))
			.params(params)
			.param("today", today)
			.param("afterDue", (after != null) ? after.due() : null)
			.param("afterId", (after != null) ? after.id() : null)
			.param("limit", page.fetchSize())
			.query(TASK)
			.list();
	}

	int countQueue(String own, String below, Map<String, ?> params, LocalDate today) {
		return this.jdbc.sql("""
				select count(*) from task t
				where t.status = 'OPEN' and ((%s) or (t.due_on < :today and %s))""".formatted(own, below))
			.params(params)
			.param("today", today)
			.query(Integer.class)
			.single();
	}

	private static final String FILTER = """
			from task t
			where %s
			  and t.status = :status
			  and (cast(:assignee as text) is null or t.assignee_role = :assignee)
			  and (not :overdueOnly or (t.status = 'OPEN' and t.due_on < :today))
			  and (cast(:countyCode as text) is null or t.county_id = (select id from county where code = :countyCode))
			  and (cast(:townCode as text) is null or t.town_id = (select id from town where code = :townCode))
			  and (cast(:villageCode as text) is null or t.village_id = (select id from village where code = :villageCode))
			""";

	List<Task> tasks(TaskFilter filter, PageRequest page, Scope scope) {
		DueKey after = page.after(TASKS, 2, DueKey::of);
		return this.jdbc
			.sql("select " + COLUMNS + ", false as escalated " + FILTER.formatted(inScope(scope))
					+ """
							  and (cast(:afterDue as date) is null or (t.due_on, t.id) > (cast(:afterDue as date), cast(:afterId as bigint)))
							order by t.due_on, t.id
							limit :limit""")
			.params(filterParams(filter, scope))
			.param("afterDue", (after != null) ? after.due() : null)
			.param("afterId", (after != null) ? after.id() : null)
			.param("limit", page.fetchSize())
			.query(TASK)
			.list();
	}

	int countTasks(TaskFilter filter, Scope scope) {
		return this.jdbc.sql("select count(*) " + FILTER.formatted(inScope(scope)))
			.params(filterParams(filter, scope))
			.query(Integer.class)
			.single();
	}

	private static Map<String, @Nullable Object> filterParams(TaskFilter filter, Scope scope) {
		Map<String, @Nullable Object> params = new java.util.HashMap<>(scope.parameters());
		params.put("today", scope.today());
		params.put("status", ((filter.status() != null) ? filter.status() : Task.Status.OPEN).name());
		params.put("assignee", (filter.assigneeRole() != null) ? filter.assigneeRole().name() : null);
		params.put("overdueOnly", Boolean.TRUE.equals(filter.overdueOnly()));
		params.put("countyCode", filter.countyCode());
		params.put("townCode", filter.townCode());
		params.put("villageCode", filter.villageCode());
		return params;
	}

	/** Locks the task against concurrent completion, and reads it. */
	Optional<Task> lock(long key, Scope scope) {
		return this.jdbc
			.sql("select %s, false as escalated from task t where t.id = :key and %s for update of t".formatted(COLUMNS,
					inScope(scope)))
			.params(scope.parameters())
			.param("today", scope.today())
			.param("key", key)
			.query(TASK)
			.optional();
	}

	/** The villages of the cadre's postings in force on the day. */
	List<Long> postedVillages(long cadre, LocalDate today) {
		return this.jdbc.sql("""
				select distinct village_id from posting
				where cadre_id = :cadre and started_on <= :today and (ended_on is null or ended_on >= :today)""")
			.param("cadre", cadre)
			.param("today", today)
			.query(Long.class)
			.list();
	}

	/** Whether the user's cadre is posted in the village on the day. */
	boolean postedIn(long village, @Nullable Long cadre, LocalDate today) {
		return this.jdbc.sql("""
				select exists (select 1 from posting p
				               where p.cadre_id = cast(:cadre as bigint) and p.village_id = :village
				                 and p.started_on <= :today and (p.ended_on is null or p.ended_on >= :today))""")
			.param("village", village)
			.param("cadre", cadre)
			.param("today", today)
			.query(Boolean.class)
			.single();
	}

	/** Where a page of tasks, oldest due first, starts after. */
	private record DueKey(LocalDate due, long id) {

		static DueKey of(List<String> parts) {
			return new DueKey(LocalDate.parse(parts.get(0)), Long.parseLong(parts.get(1)));
		}

	}

}
